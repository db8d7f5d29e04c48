package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code a AND b AND ...}: true when every operand is true; false when one is false; otherwise
 * unknown (a null field made an operand unknown), which does not match.
 *
 * <p>Nested {@code And} operands are merged into this one, since {@code AND} is associative: {@code
 * (a AND b) AND c} and {@code a AND (b AND c)} both give {@code And[a, b, c]}. That keeps one tree
 * per meaning and lets {@link #toString()} leave out parentheses.
 *
 * @param operands two or more operands, none of them an {@code And}
 */
public record And(List<Filter> operands) implements Filter {
  /** Merges nested {@code And} operands, checks there are at least two and the depth limit. */
  public And {
    operands = flatten(operands);
    Nesting.checkParent(operands);
  }

  private static List<Filter> flatten(List<Filter> operands) {
    List<Filter> out = new ArrayList<>(operands == null ? 0 : operands.size());
    if (operands != null) {
      for (Filter f : operands) {
        if (f == null) {
          throw new InvalidArgumentException("an AND operand must not be null");
        }
        if (f instanceof And a) {
          out.addAll(a.operands());
        } else {
          out.add(f);
        }
      }
    }
    if (out.size() < 2) {
      throw new InvalidArgumentException("AND needs at least two operands, got " + out.size());
    }
    return List.copyOf(out);
  }

  /** The canonical text, for example {@code a = 1 AND (b = 2 OR c = 3)}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
