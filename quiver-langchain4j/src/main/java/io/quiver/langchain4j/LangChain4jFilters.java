package io.quiver.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import io.quiver.adapter.Conditions;
import io.quiver.query.filter.CompareOp;
import java.util.List;

/**
 * Translates a LangChain4j metadata {@link Filter} into a Quiver filter with the same meaning.
 *
 * <p>LangChain4j's filters are two-valued: a condition on a key the metadata does not have is
 * false, except {@link IsNotEqualTo} and {@link IsNotIn}, which are true, and {@link Not} is the
 * complement (so {@code not(name = 'Klaus')} matches metadata without a name). The translation
 * pushes {@code Not} down to the conditions (De Morgan) and lets {@link Conditions} write each
 * negated condition as its two-valued complement, for example {@code name != 'Klaus' OR name IS
 * NULL}.
 */
final class LangChain4jFilters {
  private LangChain4jFilters() {}

  /**
   * The Quiver filter for {@code filter}.
   *
   * @throws UnsupportedOperationException for a filter class other than LangChain4j's own
   * @throws IllegalArgumentException when a value cannot be compared with the key's values
   */
  static io.quiver.query.filter.Filter toQuiver(Filter filter, Conditions c) {
    return convert(filter, c, false);
  }

  private static io.quiver.query.filter.Filter convert(Filter f, Conditions c, boolean negated) {
    return switch (f) {
      case IsEqualTo e -> c.compare(e.key(), CompareOp.EQ, e.comparisonValue(), negated);
      case IsNotEqualTo e -> c.compare(e.key(), CompareOp.EQ, e.comparisonValue(), !negated);
      case IsGreaterThan e -> c.compare(e.key(), CompareOp.GT, e.comparisonValue(), negated);
      case IsGreaterThanOrEqualTo e ->
          c.compare(e.key(), CompareOp.GE, e.comparisonValue(), negated);
      case IsLessThan e -> c.compare(e.key(), CompareOp.LT, e.comparisonValue(), negated);
      case IsLessThanOrEqualTo e -> c.compare(e.key(), CompareOp.LE, e.comparisonValue(), negated);
      case IsIn e -> c.in(e.key(), e.comparisonValues(), negated);
      case IsNotIn e -> c.in(e.key(), e.comparisonValues(), !negated);
      case ContainsString e -> c.contains(e.key(), e.comparisonValue(), negated);
      case Not n -> convert(n.expression(), c, !negated);
      // NOT (a AND b) = NOT a OR NOT b, and the other way round.
      case And a -> {
        List<io.quiver.query.filter.Filter> both =
            List.of(convert(a.left(), c, negated), convert(a.right(), c, negated));
        yield negated ? Conditions.or(both) : Conditions.and(both);
      }
      case Or o -> {
        List<io.quiver.query.filter.Filter> both =
            List.of(convert(o.left(), c, negated), convert(o.right(), c, negated));
        yield negated ? Conditions.and(both) : Conditions.or(both);
      }
      case null -> throw new IllegalArgumentException("a filter must not be null");
      default ->
          throw new UnsupportedOperationException(
              "unsupported LangChain4j filter " + f.getClass().getName() + ": " + f);
    };
  }
}
