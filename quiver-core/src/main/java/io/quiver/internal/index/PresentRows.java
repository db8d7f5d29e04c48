package io.quiver.internal.index;

import io.quiver.internal.segment.DenseVectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What an index of a segment's vectors is built over: the rows that have a vector. Indexes leave
 * the others out (their stored zeros would pile up as one degenerate cluster and be returned as
 * hits). When every row has a vector this is the segment's own vectors; otherwise a packed copy of
 * the present rows, entry {@code i} being segment row {@code rows[i]}.
 *
 * @param source the vectors to build over
 * @param rows the segment row of each entry of {@code source}, ascending; null when entry {@code i}
 *     is row {@code i}
 */
public record PresentRows(VectorSource source, int[] rows) {

  /** The rows of {@code vectors} that have one, packed into {@code arena} when some do not. */
  public static PresentRows of(DenseVectors vectors, Arena arena) {
    VectorSource full = VectorSource.of(vectors);
    if (vectors.allPresent()) {
      return new PresentRows(full, null);
    }
    int[] rows = rows(vectors);
    long rowBytes = (long) vectors.dimension() * full.encoding().bytes();
    MemorySegment packed = arena.allocate(Math.max(1, rows.length * rowBytes), 64);
    for (int i = 0; i < rows.length; i++) {
      MemorySegment.copy(vectors.data(), vectors.offset(rows[i]), packed, i * rowBytes, rowBytes);
    }
    return new PresentRows(
        new VectorSource(packed, 0, rowBytes, rows.length, vectors.dimension(), full.encoding()),
        rows);
  }

  private static int[] rows(DenseVectors vectors) {
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
}
