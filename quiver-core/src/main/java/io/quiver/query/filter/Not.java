package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import java.util.List;

/**
 * {@code NOT a}: true when the operand is false, false when it is true, and unknown (no match) when
 * it is unknown. So {@code NOT (year = 2020)} does not match a document whose {@code year} is null,
 * exactly like {@code year != 2020}; only {@code IS [NOT] NULL} is never unknown.
 *
 * @param operand the negated filter
 */
public record Not(Filter operand) implements Filter {
  /** Checks the operand is present and the depth limit. */
  public Not {
    if (operand == null) {
      throw new InvalidArgumentException("NOT needs an operand");
    }
    Nesting.checkParent(List.of(operand));
  }

  /** The canonical text: {@code NOT year = 2020}, or {@code NOT (a = 1 OR b = 2)}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
