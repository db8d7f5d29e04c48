package io.quiver.internal.doc;

import io.quiver.schema.FieldSpec;
import io.quiver.schema.ScalarField;
import io.quiver.schema.VectorField;

/**
 * A schema field with its permanent id. Ids are assigned when a field is created and never reused,
 * so files keep naming the right field across renames and drops.
 *
 * @param id the permanent field id
 * @param ordinal the field's position in the current schema
 * @param spec the field's definition
 */
public record FieldInfo(int id, int ordinal, FieldSpec spec) {

  /** The field's name. */
  public String name() {
    return spec.name();
  }

  /** Whether it is a vector field. */
  public boolean isVector() {
    return spec instanceof VectorField;
  }

  /** The vector definition; fails for scalar fields. */
  public VectorField vector() {
    return (VectorField) spec;
  }

  /** The scalar definition; fails for vector fields. */
  public ScalarField scalar() {
    return (ScalarField) spec;
  }
}
