package io.quiver.bench.engine;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.filter.Filter;
import java.util.BitSet;

/**
 * A filter for a run, in the three forms engines take: the original expression (engines with a
 * filter language), the parsed tree (engines with a native query model) and the matching rows
 * (engines that accept a bitmap of allowed ordinals). The bitmap is computed once before timing, as
 * an application would keep a filter's rows cached.
 *
 * @param expression the expression as given on the command line
 * @param parsed the parsed expression
 * @param attributes the attribute table the expression refers to
 * @param matches the base rows that satisfy it
 */
public record QueryFilter(
    String expression, Filter parsed, AttributeTable attributes, BitSet matches) {

  /** Parses {@code expression} and evaluates it over {@code attributes}. */
  public static QueryFilter of(String expression, AttributeTable attributes) {
    Filter f = Filter.parse(expression);
    return new QueryFilter(expression, f, attributes, f.matches(attributes));
  }
}
