package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;

/**
 * {@code array_length(field) op n}: compares the number of elements of an {@code ARRAY_} field with
 * an integer, for example {@code array_length(tags) > 0}. An empty array has length 0; a null array
 * has no length and never matches.
 *
 * @param field an {@code ARRAY_} field name
 * @param op the operator
 * @param length the integer compared with
 */
public record ArrayLength(String field, CompareOp op, long length) implements Filter {
  /** Checks the field name and the operator. */
  public ArrayLength {
    FieldNames.check(field);
    if (op == null) {
      throw new InvalidArgumentException("array_length(" + field + ") needs an operator");
    }
  }

  /** The canonical text, for example {@code array_length(tags) > 0}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
