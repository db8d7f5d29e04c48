package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.Limits;
import java.util.List;

/**
 * Keeps filter trees within {@link Limits#MAX_FILTER_DEPTH}, so that every recursive walk over a
 * tree (printing, checking, compiling) has a bounded stack however the tree was built.
 */
final class Nesting {
  private Nesting() {}

  /**
   * The number of {@code AND}, {@code OR} and {@code NOT} nodes on the longest path from {@code
   * filter} down to a condition. The recursion is bounded: every existing node already passed
   * {@link #checkParent}.
   */
  static int depth(Filter filter) {
    return switch (filter) {
      case And a -> 1 + maxDepth(a.operands());
      case Or o -> 1 + maxDepth(o.operands());
      case Not n -> 1 + depth(n.operand());
      default -> 0;
    };
  }

  /** Fails when a new node over {@code children} would nest deeper than the limit. */
  static void checkParent(List<Filter> children) {
    int depth = 1 + maxDepth(children);
    if (depth > Limits.MAX_FILTER_DEPTH) {
      throw new InvalidArgumentException(
          "filter nests deeper than the limit of " + Limits.MAX_FILTER_DEPTH + " levels");
    }
  }

  private static int maxDepth(List<Filter> filters) {
    int max = 0;
    for (Filter f : filters) {
      max = Math.max(max, depth(f));
    }
    return max;
  }
}
