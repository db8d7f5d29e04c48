package io.quiver.schema;

import io.quiver.InvalidArgumentException;

/**
 * A scalar (or array) field.
 *
 * @param name the field's name
 * @param type a scalar or {@code ARRAY_} type
 * @param nullable whether documents may leave it out; an absent value reads as null
 * @param indexed whether each flushed segment keeps an inverted index (value to rows) of the field
 *     for filters; filters give the same rows either way, the index only makes them faster
 */
public record ScalarField(String name, DataType type, boolean nullable, boolean indexed)
    implements FieldSpec {

  /** Checks the name and that the type is a scalar type. */
  public ScalarField {
    FieldSpec.checkName(name);
    if (type == null || !type.isScalar()) {
      throw new InvalidArgumentException(
          "field '" + name + "': type " + type + " is not a scalar type");
    }
  }

  /** A required, unindexed field. */
  public static ScalarField of(String name, DataType type) {
    return new ScalarField(name, type, false, false);
  }

  /** This field, nullable. */
  public ScalarField asNullable() {
    return new ScalarField(name, type, true, indexed);
  }

  /** This field, with an inverted index. */
  public ScalarField asIndexed() {
    return new ScalarField(name, type, nullable, true);
  }
}
