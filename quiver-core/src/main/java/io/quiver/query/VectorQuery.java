package io.quiver.query;

import io.quiver.InvalidArgumentException;
import java.util.Arrays;

/**
 * Nearest neighbours of a dense vector in a dense vector field. For a {@code VECTOR_INT8} field the
 * values must be integers in -128..127 (see {@link #ofInt8}).
 *
 * @param field the vector field to search
 * @param vector the query vector (copied)
 */
public record VectorQuery(String field, float[] vector) implements SubQuery {

  /** Copies the vector. */
  public VectorQuery {
    if (field == null || vector == null) {
      throw new InvalidArgumentException("vector query needs a field and a vector");
    }
    vector = vector.clone();
  }

  /** A query for a {@code VECTOR_INT8} field. */
  public static VectorQuery ofInt8(String field, byte[] vector) {
    float[] f = new float[vector.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = vector[i];
    }
    return new VectorQuery(field, f);
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorQuery q && field.equals(q.field) && Arrays.equals(vector, q.vector);
  }

  @Override
  public int hashCode() {
    return field.hashCode() * 31 + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "VectorQuery[" + field + ", dim=" + vector.length + "]";
  }
}
