package io.quiver.query.filter;

import java.util.List;

/**
 * {@code a OR b OR ...}: true when one operand is true; false when every one is false; otherwise
 * unknown (a null field made an operand unknown), which does not match.
 *
 * <p>Nested {@code Or} operands are merged into this one, since {@code OR} is associative: {@code
 * (a OR b) OR c} and {@code a OR (b OR c)} both give {@code Or[a, b, c]}. That keeps one tree per
 * meaning and lets {@link #toString()} leave out parentheses.
 *
 * @param operands two or more operands, none of them an {@code Or}
 */
public record Or(List<Filter> operands) implements Filter {
  /** Merges nested {@code Or} operands, checks there are at least two and the depth limit. */
  public Or {
    operands = Nesting.merge("OR", operands, f -> f instanceof Or o ? o.operands() : null);
  }

  /** The canonical text, for example {@code a = 1 OR (b = 2 AND c = 3)}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
