package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps filter trees within {@link Limits#MAX_FILTER_DEPTH}, so that every recursive walk over a
 * tree (printing, checking, compiling) has a bounded stack however the tree was built, and builds
 * the flattened operand lists of {@link And} and {@link Or}.
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

  /**
   * The operands of a new {@code AND} or {@code OR} ({@code op}): those of the same kind, for which
   * {@code sameKind} gives their operands (null for any other filter), merged in, at least two, and
   * within the depth limit.
   */
  static List<Filter> merge(
      String op, List<Filter> operands, Function<Filter, List<Filter>> sameKind) {
    List<Filter> out = new ArrayList<>(operands == null ? 0 : operands.size());
    if (operands != null) {
      for (Filter f : operands) {
        if (f == null) {
          throw new InvalidArgumentException("an " + op + " operand must not be null");
        }
        List<Filter> nested = sameKind.apply(f);
        if (nested != null) {
          out.addAll(nested);
        } else {
          out.add(f);
        }
      }
    }
    if (out.size() < 2) {
      throw new InvalidArgumentException(op + " needs at least two operands, got " + out.size());
    }
    checkParent(out);
    return List.copyOf(out);
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
