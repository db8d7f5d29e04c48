package io.quiver.schema;

import io.quiver.InvalidArgumentException;
import java.util.Arrays;

/**
 * A sparse vector: strictly increasing non-negative dimension indices, each with a finite weight.
 * Instances are immutable; the arrays are copied in and out.
 *
 * @param indices strictly increasing dimension indices
 * @param values the weight of each index, same length as {@code indices}
 */
public record SparseVector(int[] indices, float[] values) {

  /** Copies and checks the arrays; fails if they differ in length or indices are not increasing. */
  public SparseVector {
    if (indices.length != values.length) {
      throw new InvalidArgumentException(
          "sparse vector: " + indices.length + " indices but " + values.length + " values");
    }
    indices = indices.clone();
    values = values.clone();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new InvalidArgumentException(
            "sparse vector: indices must be non-negative and strictly increasing, got "
                + indices[i]
                + " at position "
                + i);
      }
    }
  }

  /** Number of non-zero entries. */
  public int size() {
    return indices.length;
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector s
        && Arrays.equals(indices, s.indices)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SparseVector" + Arrays.toString(indices) + "=" + Arrays.toString(values);
  }
}
