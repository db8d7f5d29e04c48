package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import java.util.List;

/**
 * {@code field [NOT] IN (v1, v2, ...)}: whether a scalar field equals one of the values. A null
 * field satisfies neither {@code IN} nor {@code NOT IN}.
 *
 * @param field a scalar field name, or {@code id}
 * @param values the values, at least one, in the order written
 * @param negated true for {@code NOT IN}
 */
public record InList(String field, List<Literal> values, boolean negated) implements Filter {
  /** Checks the field name and copies the values, which must not be empty. */
  public InList {
    FieldNames.check(field);
    if (values == null || values.isEmpty()) {
      throw new InvalidArgumentException(
          (negated ? "NOT IN" : "IN") + " on '" + field + "' needs at least one value");
    }
    values = List.copyOf(values);
  }

  /** The canonical text, for example {@code color IN ('red', 'blue')}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
