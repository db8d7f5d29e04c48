package io.quiver.internal.segment;

import io.quiver.internal.store.Layouts;
import io.quiver.schema.SparseVector;
import java.lang.foreign.MemorySegment;

/**
 * The sparse vectors of one field of a segment, read in place (layout in {@link VectorsWriter}).
 */
public final class SparseVectors {
  private final MemorySegment data;
  private final int rows;
  private final long offsets;
  private final long absent;
  private final long indices;
  private final long weights;

  SparseVectors(
      MemorySegment data, int rows, long offsets, long absent, long indices, long weights) {
    this.data = data;
    this.rows = rows;
    this.offsets = offsets;
    this.absent = absent;
    this.indices = indices;
    this.weights = weights;
  }

  /** Whether row {@code row} has a vector. */
  public boolean present(int row) {
    return absent < 0 || (data.get(Layouts.LONG, absent + 8L * (row >>> 6)) & (1L << row)) == 0;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Row {@code row}'s vector, or null. */
  public SparseVector get(int row) {
    if (!present(row)) {
      return null;
    }
    long from = data.get(Layouts.LONG, offsets + 8L * row);
    long to = data.get(Layouts.LONG, offsets + 8L * row + 8);
    int n = (int) (to - from);
    int[] idx = new int[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      idx[i] = data.get(Layouts.INT, indices + 4L * (from + i));
      w[i] = data.get(Layouts.FLOAT, weights + 4L * (from + i));
    }
    return new SparseVector(idx, w);
  }

  /** Dot product of row {@code row}'s vector with a sparse query (sorted indices); 0 if absent. */
  public float dot(int row, int[] qIndices, float[] qWeights) {
    if (!present(row)) {
      return 0f;
    }
    long from = data.get(Layouts.LONG, offsets + 8L * row);
    long to = data.get(Layouts.LONG, offsets + 8L * row + 8);
    float s = 0;
    int q = 0;
    for (long e = from; e < to && q < qIndices.length; ) {
      int d = data.get(Layouts.INT, indices + 4L * e);
      if (d == qIndices[q]) {
        s += qWeights[q] * data.get(Layouts.FLOAT, weights + 4L * e);
        e++;
        q++;
      } else if (d < qIndices[q]) {
        e++;
      } else {
        q++;
      }
    }
    return s;
  }
}
