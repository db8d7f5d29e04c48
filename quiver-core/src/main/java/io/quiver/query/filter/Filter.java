package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A parsed filter: an immutable tree of conditions joined by {@code AND}, {@code OR} and {@code
 * NOT}. The language, its grammar and its null semantics are described in the {@linkplain
 * io.quiver.query.filter package documentation}.
 *
 * <p>Get one by parsing text, or build one in code without writing (and escaping) text:
 *
 * <pre>{@code
 * Filter f = Filter.parse("year >= 2020 AND category IN ('robe', 'coat')", schema);
 *
 * Filter g = Filter.ge("year", 2020)
 *     .and(Filter.in("category", "robe", "coat"))
 *     .and(Filter.startsWith("title", "50% off").negate());
 * g.validate(schema);
 * String text = g.toString();  // parses back to an equal tree
 * }</pre>
 *
 * <p>Two filters are equal when their trees are: records compare field names, operators and
 * literals, and {@link And} and {@link Or} flatten nested operands of their own kind. {@link
 * #toString()} prints the canonical text, and {@code Filter.parse(f.toString()).equals(f)} holds
 * for every filter {@code f}.
 */
public sealed interface Filter
    permits Comparison, ArrayLength, InList, Like, IsNull, ArrayContains, And, Or, Not {

  /**
   * Parses filter text, checking only its syntax; call {@link #validate(Schema)} or use {@link
   * #parse(String, Schema)} to check the field names and types as well.
   *
   * @throws InvalidArgumentException with the 1-based column and what was expected, for example
   *     {@code at 7: expected a value after '=', got end of input}; also for text longer than
   *     {@link io.quiver.schema.Limits#MAX_FILTER_LENGTH} or nested deeper than {@link
   *     io.quiver.schema.Limits#MAX_FILTER_DEPTH}
   */
  static Filter parse(String text) {
    return FilterParser.parse(text).filter();
  }

  /**
   * Parses filter text and checks it against a schema, so that type errors point at their column
   * too, for example {@code at 8: field 'year' is INT32, got string 'x'}.
   *
   * @throws InvalidArgumentException for a syntax error, an unknown or vector field, an operator
   *     the field's type does not have, or a literal the field cannot be compared with
   */
  static Filter parse(String text, Schema schema) {
    FilterParser.Parsed parsed = FilterParser.parse(text);
    FilterChecker.check(parsed.filter(), schema, parsed.map());
    return parsed.filter();
  }

  /**
   * Checks this filter against a schema: every field exists (or is {@code id}) and is not a vector
   * field, every operator suits the field's type and every literal can be compared with the field.
   * Errors quote the condition, for example {@code in [year = 'x']: field 'year' is INT32, got
   * string 'x'}.
   *
   * @throws InvalidArgumentException on the first problem found
   */
  default void validate(Schema schema) {
    FilterChecker.check(this, schema, SourceMap.NONE);
  }

  /** {@code this AND other}. */
  default Filter and(Filter other) {
    return new And(List.of(this, other));
  }

  /** {@code this OR other}. */
  default Filter or(Filter other) {
    return new Or(List.of(this, other));
  }

  /** {@code NOT (this)}. */
  default Filter negate() {
    return new Not(this);
  }

  /** The canonical text of this filter, which {@link #parse(String)} turns back into it. */
  @Override
  String toString();

  /** {@code field = value}; the value as in {@link Literal#of(Object)}. */
  static Filter eq(String field, Object value) {
    return new Comparison(field, CompareOp.EQ, Literal.of(value));
  }

  /** {@code field != value}; does not match a null field. */
  static Filter ne(String field, Object value) {
    return new Comparison(field, CompareOp.NE, Literal.of(value));
  }

  /** {@code field < value}. */
  static Filter lt(String field, Object value) {
    return new Comparison(field, CompareOp.LT, Literal.of(value));
  }

  /** {@code field <= value}. */
  static Filter le(String field, Object value) {
    return new Comparison(field, CompareOp.LE, Literal.of(value));
  }

  /** {@code field > value}. */
  static Filter gt(String field, Object value) {
    return new Comparison(field, CompareOp.GT, Literal.of(value));
  }

  /** {@code field >= value}. */
  static Filter ge(String field, Object value) {
    return new Comparison(field, CompareOp.GE, Literal.of(value));
  }

  /** {@code field IN (values...)}; at least one value. */
  static Filter in(String field, Object... values) {
    return new InList(field, literals(Arrays.asList(values)), false);
  }

  /** {@code field IN (values...)}; at least one value. */
  static Filter in(String field, Collection<?> values) {
    return new InList(field, literals(values), false);
  }

  /** {@code field NOT IN (values...)}; does not match a null field. */
  static Filter notIn(String field, Object... values) {
    return new InList(field, literals(Arrays.asList(values)), true);
  }

  /** {@code field NOT IN (values...)}; does not match a null field. */
  static Filter notIn(String field, Collection<?> values) {
    return new InList(field, literals(values), true);
  }

  /** {@code field IS NULL}. */
  static Filter isNull(String field) {
    return new IsNull(field, false);
  }

  /** {@code field IS NOT NULL}. */
  static Filter isNotNull(String field) {
    return new IsNull(field, true);
  }

  /** {@code field LIKE 'pattern'}, the pattern written with the escapes of {@link Like}. */
  static Filter like(String field, String pattern) {
    return new Like(field, pattern, false);
  }

  /** {@code field NOT LIKE 'pattern'}. */
  static Filter notLike(String field, String pattern) {
    return new Like(field, pattern, true);
  }

  /** {@code field LIKE 'prefix%'}, with {@code %}, {@code _} and backslashes in prefix literal. */
  static Filter startsWith(String field, String prefix) {
    return new Like(field, Like.escape(prefix) + "%", false);
  }

  /** {@code field LIKE '%suffix'}, with {@code %}, {@code _} and backslashes in suffix literal. */
  static Filter endsWith(String field, String suffix) {
    return new Like(field, "%" + Like.escape(suffix), false);
  }

  /** {@code field LIKE '%text%'}, with {@code %}, {@code _} and backslashes in text literal. */
  static Filter containsText(String field, String text) {
    return new Like(field, "%" + Like.escape(text) + "%", false);
  }

  /** {@code field CONTAIN_ANY (values...)} on an {@code ARRAY_} field. */
  static Filter containAny(String field, Object... values) {
    return new ArrayContains(field, ArrayContains.Match.ANY, literals(Arrays.asList(values)));
  }

  /** {@code field CONTAIN_ANY (values...)} on an {@code ARRAY_} field. */
  static Filter containAny(String field, Collection<?> values) {
    return new ArrayContains(field, ArrayContains.Match.ANY, literals(values));
  }

  /** {@code field CONTAIN_ALL (values...)} on an {@code ARRAY_} field. */
  static Filter containAll(String field, Object... values) {
    return new ArrayContains(field, ArrayContains.Match.ALL, literals(Arrays.asList(values)));
  }

  /** {@code field CONTAIN_ALL (values...)} on an {@code ARRAY_} field. */
  static Filter containAll(String field, Collection<?> values) {
    return new ArrayContains(field, ArrayContains.Match.ALL, literals(values));
  }

  /** {@code array_length(field) op length} on an {@code ARRAY_} field. */
  static Filter arrayLength(String field, CompareOp op, long length) {
    return new ArrayLength(field, op, length);
  }

  /** {@code a AND b AND ...}; a single filter is returned as it is. */
  static Filter allOf(Filter... filters) {
    return allOf(Arrays.asList(filters));
  }

  /** {@code a AND b AND ...}; a single filter is returned as it is. */
  static Filter allOf(List<? extends Filter> filters) {
    if (filters.size() == 1 && filters.get(0) != null) {
      return filters.get(0);
    }
    return new And(new ArrayList<>(filters));
  }

  /** {@code a OR b OR ...}; a single filter is returned as it is. */
  static Filter anyOf(Filter... filters) {
    return anyOf(Arrays.asList(filters));
  }

  /** {@code a OR b OR ...}; a single filter is returned as it is. */
  static Filter anyOf(List<? extends Filter> filters) {
    if (filters.size() == 1 && filters.get(0) != null) {
      return filters.get(0);
    }
    return new Or(new ArrayList<>(filters));
  }

  /** {@code NOT (filter)}. */
  static Filter not(Filter filter) {
    return new Not(filter);
  }

  private static List<Literal> literals(Collection<?> values) {
    if (values == null) {
      throw new InvalidArgumentException("a filter value list must not be null");
    }
    List<Literal> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(Literal.of(v));
    }
    return out;
  }
}
