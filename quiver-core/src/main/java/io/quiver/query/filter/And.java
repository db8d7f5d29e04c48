package io.quiver.query.filter;

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
    operands = Nesting.merge("AND", operands, f -> f instanceof And a ? a.operands() : null);
  }

  /** The canonical text, for example {@code a = 1 AND (b = 2 OR c = 3)}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
