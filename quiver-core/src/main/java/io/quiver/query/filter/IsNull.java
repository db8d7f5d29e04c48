package io.quiver.query.filter;

/**
 * {@code field IS [NOT] NULL}: whether a field has no value. An empty array is not null. Unlike the
 * other conditions this one is never unknown, so {@code NOT (f IS NULL)} equals {@code f IS NOT
 * NULL}.
 *
 * @param field a scalar or {@code ARRAY_} field name, or {@code id} (never null)
 * @param negated true for {@code IS NOT NULL}
 */
public record IsNull(String field, boolean negated) implements Filter {
  /** Checks the field name. */
  public IsNull {
    FieldNames.check(field);
  }

  /** The canonical text, for example {@code year IS NOT NULL}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
