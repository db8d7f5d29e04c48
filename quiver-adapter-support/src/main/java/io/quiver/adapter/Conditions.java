package io.quiver.adapter;

import io.quiver.query.filter.CompareOp;
import io.quiver.query.filter.Comparison;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.Like;
import io.quiver.query.filter.Literal;
import io.quiver.schema.DataType;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds Quiver filters over metadata keys with the two-valued logic of the LangChain4j and Spring
 * AI filters, against one version of a collection's schema.
 *
 * <p>In those frameworks every condition is true or false: a condition on a key the document does
 * not have is false, except "not equal" and "not in", which are true, and {@code NOT} is the plain
 * complement. So {@code NOT (name = 'Klaus')} and {@code name != 'Klaus'} both match a document
 * without a name. Quiver's filters use SQL's three-valued logic instead, where a comparison with a
 * null field is unknown and {@code NOT} of unknown stays unknown. The two agree once negations are
 * pushed down to the conditions, because {@code AND} and {@code OR} without {@code NOT} never turn
 * an unknown into a match. Hence the translation: callers push {@code NOT} down (De Morgan), and
 * each condition here, when negated, is the two-valued complement: {@code NOT (f = v)} becomes
 * {@code f != v OR f IS NULL}, {@code NOT (f < v)} becomes {@code NOT f < v OR f IS NULL}, and so
 * on. A key no document has ever had (no field yet) makes a condition a constant, {@link #TRUE} or
 * {@link #FALSE}, and {@link #and} and {@link #or} fold constants away.
 */
public final class Conditions {
  /** The filter every document matches ({@code id IS NOT NULL}). */
  public static final Filter TRUE = Filter.isNotNull("id");

  /** The filter no document matches ({@code id IS NULL}). */
  public static final Filter FALSE = Filter.isNull("id");

  private final Schema schema;
  private final MetadataFieldNames names;

  Conditions(Schema schema, MetadataFieldNames names) {
    this.schema = schema;
    this.names = names;
  }

  /**
   * {@code key op value}, or its complement when {@code negated}. A "not equal" is the negation of
   * {@link CompareOp#EQ}.
   *
   * @throws IllegalArgumentException when the key's values cannot be compared with the value, or
   *     the key holds booleans and {@code op} is an ordering
   */
  public Filter compare(String key, CompareOp op, Object value, boolean negated) {
    ScalarField f = field(key);
    if (f == null) {
      return constant(negated);
    }
    Object literal = MetadataTypes.literal(key, f.type(), value);
    if (op.isOrdering() && f.type() == DataType.BOOL) {
      throw new IllegalArgumentException(
          "metadata key '" + key + "' holds booleans, which have no order (" + op.symbol() + ")");
    }
    if (!negated) {
      return new Comparison(f.name(), op, Literal.of(literal));
    }
    Filter complement =
        op == CompareOp.EQ
            ? Filter.ne(f.name(), literal)
            : Filter.not(new Comparison(f.name(), op, Literal.of(literal)));
    return complement.or(Filter.isNull(f.name()));
  }

  /**
   * {@code key IN (values)}, or {@code key NOT IN (values)} when {@code negated} (which,
   * two-valued, also matches documents without the key). An empty list is in nothing.
   *
   * @throws IllegalArgumentException when a value cannot be compared with the key's values
   */
  public Filter in(String key, Collection<?> values, boolean negated) {
    ScalarField f = field(key);
    if (f == null || values.isEmpty()) {
      return constant(negated);
    }
    List<Object> literals = new ArrayList<>(values.size());
    for (Object v : values) {
      literals.add(MetadataTypes.literal(key, f.type(), v));
    }
    return negated
        ? Filter.notIn(f.name(), literals).or(Filter.isNull(f.name()))
        : Filter.in(f.name(), literals);
  }

  /**
   * Whether the key's string value contains {@code text}, or its complement when {@code negated}.
   *
   * @throws IllegalArgumentException when the key does not hold strings
   */
  public Filter contains(String key, String text, boolean negated) {
    ScalarField f = field(key);
    if (f == null) {
      return constant(negated);
    }
    if (f.type() != DataType.STRING) {
      throw new IllegalArgumentException(
          "metadata key '" + key + "' holds " + f.type() + " values, not strings");
    }
    String pattern = "%" + Like.escape(text) + "%";
    return negated
        ? Filter.notLike(f.name(), pattern).or(Filter.isNull(f.name()))
        : Filter.like(f.name(), pattern);
  }

  /** Whether the document has no value for the key, or has one when {@code negated}. */
  public Filter isNull(String key, boolean negated) {
    ScalarField f = field(key);
    if (f == null) {
      return constant(!negated);
    }
    return negated ? Filter.isNotNull(f.name()) : Filter.isNull(f.name());
  }

  /** All of the filters; {@link #TRUE} for none. Constants are folded away. */
  public static Filter and(List<Filter> filters) {
    List<Filter> rest = new ArrayList<>();
    for (Filter f : filters) {
      if (f.equals(FALSE)) {
        return FALSE;
      }
      if (!f.equals(TRUE)) {
        rest.add(f);
      }
    }
    return rest.isEmpty() ? TRUE : Filter.allOf(rest);
  }

  /** Any of the filters; {@link #FALSE} for none. Constants are folded away. */
  public static Filter or(List<Filter> filters) {
    List<Filter> rest = new ArrayList<>();
    for (Filter f : filters) {
      if (f.equals(TRUE)) {
        return TRUE;
      }
      if (!f.equals(FALSE)) {
        rest.add(f);
      }
    }
    return rest.isEmpty() ? FALSE : Filter.anyOf(rest);
  }

  private static Filter constant(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** The scalar field of a metadata key, or null when no document has ever had the key. */
  private ScalarField field(String key) {
    if (key == null) {
      throw new IllegalArgumentException("a filter key must not be null");
    }
    String name = names.fieldNameOrNull(key);
    if (name == null) {
      return null; // too long for a field name: no document can have it
    }
    FieldSpec spec = schema.field(name).orElse(null);
    if (spec == null) {
      return null;
    }
    if (!(spec instanceof ScalarField s) || s.type().isArray()) {
      throw new IllegalArgumentException(
          "metadata key '"
              + key
              + "' is the field '"
              + name
              + "' of type "
              + spec.type()
              + ", which filters on metadata do not support");
    }
    return s;
  }
}
