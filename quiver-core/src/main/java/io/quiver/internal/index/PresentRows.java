package io.quiver.internal.index;

import io.quiver.internal.segment.DenseVectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Rows of a nullable vector field that have a vector. Indexes leave the others out (their stored
 * zeros would pile up as one degenerate cluster and be returned as hits): they are built over a
 * packed copy of the present rows and map their entries back to the segment's rows.
 */
public final class PresentRows {
  private PresentRows() {}

  /** The rows of {@code vectors} that have a vector, ascending. */
  public static int[] of(DenseVectors vectors) {
    int count = 0;
    for (int row = 0; row < vectors.rows(); row++) {
      if (vectors.present(row)) {
        count++;
      }
    }
    int[] rows = new int[count];
    int at = 0;
    for (int row = 0; row < vectors.rows(); row++) {
      if (vectors.present(row)) {
        rows[at++] = row;
      }
    }
    return rows;
  }

  /**
   * The vectors of {@code rows} of {@code full} (whose rows are {@code vectors}'), copied one after
   * another into {@code arena}: entry {@code i} is row {@code rows[i]}.
   */
  public static VectorSource pack(
      DenseVectors vectors, VectorSource full, int[] rows, Arena arena) {
    long rowBytes = (long) vectors.dimension() * full.encoding().bytes();
    MemorySegment packed = arena.allocate(Math.max(1, rows.length * rowBytes), 64);
    for (int i = 0; i < rows.length; i++) {
      MemorySegment.copy(vectors.data(), vectors.offset(rows[i]), packed, i * rowBytes, rowBytes);
    }
    return new VectorSource(packed, 0, rowBytes, rows.length, vectors.dimension(), full.encoding());
  }
}
