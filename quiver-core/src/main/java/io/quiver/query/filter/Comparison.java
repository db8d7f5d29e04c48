package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;

/**
 * {@code field op value}: compares a scalar field (not an array) with a literal, for example {@code
 * year >= 2020} or {@code title = 'Dune'}. A null field never satisfies a comparison, whatever the
 * operator.
 *
 * @param field a scalar field name, or {@code id} for the document id
 * @param op the operator; the ordering ones ({@code < <= > >=}) are refused on BOOL fields
 * @param value the literal, of a type the field can be compared with
 */
public record Comparison(String field, CompareOp op, Literal value) implements Filter {
  /** Checks the field name and that no component is null. */
  public Comparison {
    FieldNames.check(field);
    if (op == null || value == null) {
      throw new InvalidArgumentException(
          "comparison on '" + field + "' needs an operator and a value");
    }
  }

  /** The canonical text, for example {@code year >= 2020}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
