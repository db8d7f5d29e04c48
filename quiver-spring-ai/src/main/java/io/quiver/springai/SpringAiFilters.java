package io.quiver.springai;

import io.quiver.adapter.Conditions;
import io.quiver.query.filter.CompareOp;
import java.util.Collection;
import java.util.List;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Translates a Spring AI filter expression into a Quiver filter.
 *
 * <p>The semantics are two-valued, as in the LangChain4j adapter: a condition on a key the document
 * has no value for is false, except {@code !=} and {@code nin}, which are true, {@code IS NULL} is
 * true and {@code NOT} is the plain complement. So {@code country != 'BG'} and {@code NOT (country
 * == 'BG')} both match a document without a country. {@code NOT} is pushed down to the conditions
 * (De Morgan) and {@link Conditions} writes each negated condition as its two-valued complement.
 */
final class SpringAiFilters {
  private SpringAiFilters() {}

  /**
   * The Quiver filter for {@code expression}.
   *
   * @throws IllegalArgumentException for a malformed expression or a value that cannot be compared
   *     with the key's values
   */
  static io.quiver.query.filter.Filter toQuiver(Filter.Expression expression, Conditions c) {
    return convert(expression, c, false);
  }

  private static io.quiver.query.filter.Filter convert(
      Filter.Operand operand, Conditions c, boolean negated) {
    if (operand instanceof Filter.Group g) {
      return convert(g.content(), c, negated);
    }
    if (!(operand instanceof Filter.Expression e) || e.type() == null) {
      throw new IllegalArgumentException("expected a filter expression, got " + operand);
    }
    return switch (e.type()) {
      case AND -> {
        List<io.quiver.query.filter.Filter> both =
            List.of(convert(e.left(), c, negated), convert(e.right(), c, negated));
        yield negated ? Conditions.or(both) : Conditions.and(both);
      }
      case OR -> {
        List<io.quiver.query.filter.Filter> both =
            List.of(convert(e.left(), c, negated), convert(e.right(), c, negated));
        yield negated ? Conditions.and(both) : Conditions.or(both);
      }
      case NOT -> convert(e.left(), c, !negated);
      case EQ -> c.compare(key(e), CompareOp.EQ, value(e), negated);
      case NE -> c.compare(key(e), CompareOp.EQ, value(e), !negated);
      case GT -> c.compare(key(e), CompareOp.GT, value(e), negated);
      case GTE -> c.compare(key(e), CompareOp.GE, value(e), negated);
      case LT -> c.compare(key(e), CompareOp.LT, value(e), negated);
      case LTE -> c.compare(key(e), CompareOp.LE, value(e), negated);
      case IN -> c.in(key(e), values(e), negated);
      case NIN -> c.in(key(e), values(e), !negated);
      case ISNULL -> c.isNull(key(e), negated);
      case ISNOTNULL -> c.isNull(key(e), !negated);
    };
  }

  private static String key(Filter.Expression e) {
    if (!(e.left() instanceof Filter.Key k) || k.key() == null) {
      throw new IllegalArgumentException(e.type() + " needs a key on its left, got " + e.left());
    }
    return k.key();
  }

  private static Object value(Filter.Expression e) {
    if (!(e.right() instanceof Filter.Value v) || v.value() == null) {
      throw new IllegalArgumentException(
          e.type() + " on '" + key(e) + "' needs a value on its right, got " + e.right());
    }
    if (v.value() instanceof Collection<?>) {
      throw new IllegalArgumentException(
          e.type() + " on '" + key(e) + "' takes one value, got the list " + v.value());
    }
    return v.value();
  }

  private static Collection<?> values(Filter.Expression e) {
    if (!(e.right() instanceof Filter.Value v) || v.value() == null) {
      throw new IllegalArgumentException(
          e.type() + " on '" + key(e) + "' needs a list of values, got " + e.right());
    }
    return v.value() instanceof Collection<?> list ? list : List.of(v.value());
  }
}
