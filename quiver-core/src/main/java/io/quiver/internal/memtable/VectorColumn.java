package io.quiver.internal.memtable;

import io.quiver.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The dense vectors of one field in the in-memory segment, in fixed-size chunks of rows so that the
 * distance kernels scan them in place (each chunk is a heap array wrapped once as a {@link
 * MemorySegment}). FP32 and FP16 fields are held as floats (FP16 values already rounded), INT8
 * fields as bytes. Rows without a vector (nullable fields) are marked absent.
 *
 * <p>Written only by the writer thread, at rows no snapshot can see yet; a chunk, once allocated,
 * never moves, so readers need no lock.
 */
public final class VectorColumn {
  private final int dimension;
  private final boolean int8;
  private final int stride;
  private volatile MemorySegment[] chunks = new MemorySegment[4];
  private volatile long[][] absent = new long[4][];

  VectorColumn(DataType type, int dimension) {
    this.dimension = dimension;
    this.int8 = type == DataType.VECTOR_INT8;
    this.stride = int8 ? dimension : dimension * 4;
  }

  /** The dimension. */
  public int dimension() {
    return dimension;
  }

  /** Whether the vectors are bytes (INT8) rather than floats. */
  public boolean isInt8() {
    return int8;
  }

  /** Bytes per row inside a chunk. */
  public int stride() {
    return stride;
  }

  void set(int row, Object vector) {
    int c = row >>> MemTable.CHUNK_SHIFT;
    int r = row & MemTable.CHUNK_MASK;
    MemorySegment[] cs = chunks;
    if (c >= cs.length) {
      cs = Arrays.copyOf(cs, cs.length * 2);
      absent = Arrays.copyOf(absent, cs.length);
      chunks = cs;
    }
    if (cs[c] == null) {
      cs[c] =
          int8
              ? MemorySegment.ofArray(new byte[MemTable.CHUNK_ROWS * dimension])
              : MemorySegment.ofArray(new float[MemTable.CHUNK_ROWS * dimension]);
      absent[c] = new long[MemTable.CHUNK_ROWS / 64];
    }
    if (vector == null) {
      absent[c][r >>> 6] |= 1L << r;
      return;
    }
    MemorySegment src =
        int8 ? MemorySegment.ofArray((byte[]) vector) : MemorySegment.ofArray((float[]) vector);
    MemorySegment.copy(src, 0, cs[c], (long) r * stride, stride);
  }

  /** The chunk holding {@code row}; the row's vector is at {@link #offset(int)}. */
  public MemorySegment chunk(int row) {
    return chunks[row >>> MemTable.CHUNK_SHIFT];
  }

  /** The byte offset of {@code row}'s vector inside its chunk. */
  public long offset(int row) {
    return (long) (row & MemTable.CHUNK_MASK) * stride;
  }

  /** A copy of {@code row}'s vector: {@code float[]}, or {@code byte[]} for INT8. */
  public Object copy(int row) {
    MemorySegment src = chunk(row).asSlice(offset(row), stride);
    return int8
        ? src.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)
        : src.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT);
  }

  /** Whether {@code row} has a vector. */
  public boolean present(int row) {
    int r = row & MemTable.CHUNK_MASK;
    return (absent[row >>> MemTable.CHUNK_SHIFT][r >>> 6] & (1L << r)) == 0;
  }
}
