package io.quiver.schema;

import io.quiver.InvalidArgumentException;
import java.util.regex.Pattern;

/** One field of a {@link Schema}: a {@link ScalarField} or a {@link VectorField}. */
public sealed interface FieldSpec permits ScalarField, VectorField {

  /** The field's name, unique in its schema. */
  String name();

  /** The field's type. */
  DataType type();

  /** Whether a document may leave the field out (or set it to null). */
  boolean nullable();

  /** The rule for field names: a letter or underscore, then letters, digits or underscores. */
  Pattern NAME_RULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Fails with a message naming the rule when {@code name} is not a valid field name. */
  static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArgumentException("field name must not be empty");
    }
    if (name.length() > Limits.MAX_FIELD_NAME_LENGTH) {
      throw new InvalidArgumentException(
          "field name '"
              + name
              + "' has "
              + name.length()
              + " characters, more than the limit "
              + Limits.MAX_FIELD_NAME_LENGTH);
    }
    if (!NAME_RULE.matcher(name).matches()) {
      throw new InvalidArgumentException(
          "field name '" + name + "' must match [A-Za-z_][A-Za-z0-9_]*");
    }
    if (name.equals("id") || name.startsWith("__")) {
      throw new InvalidArgumentException(
          "field name '" + name + "' is reserved ('id' and names starting with '__')");
    }
  }
}
