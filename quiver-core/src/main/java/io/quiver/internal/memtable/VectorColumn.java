package io.quiver.internal.memtable;

import io.quiver.schema.DataType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dense vectors of one field in the in-memory segment, in fixed-size chunks of rows so that the
 * distance kernels scan them in place. Chunks are off-heap ({@link Arena#ofAuto()}: freed by the
 * garbage collector once no snapshot references the memtable), because the Panama kernels read
 * native memory directly but copy heap arrays first. FP32 and FP16 fields are held as floats (FP16
 * values already rounded), INT8 fields as bytes. Rows without a vector (nullable fields) are marked
 * absent.
 *
 * <p>Written only by the writer thread, at rows no snapshot can see yet; a chunk, once allocated,
 * never moves, so readers need no lock.
 */
public final class VectorColumn {
  // The kernels read stored vectors little-endian, whatever the platform.
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

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
      cs[c] = Arena.ofAuto().allocate((long) MemTable.CHUNK_ROWS * stride, 64);
      absent[c] = new long[MemTable.CHUNK_ROWS / 64];
    }
    if (vector == null) {
      absent[c][r >>> 6] |= 1L << r;
      return;
    }
    long at = (long) r * stride;
    if (int8) {
      MemorySegment.copy((byte[]) vector, 0, cs[c], ValueLayout.JAVA_BYTE, at, dimension);
    } else {
      MemorySegment.copy((float[]) vector, 0, cs[c], FLOAT_LE, at, dimension);
    }
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
    return int8 ? src.toArray(ValueLayout.JAVA_BYTE) : src.toArray(FLOAT_LE);
  }

  /** Whether {@code row} has a vector. */
  public boolean present(int row) {
    int r = row & MemTable.CHUNK_MASK;
    return (absent[row >>> MemTable.CHUNK_SHIFT][r >>> 6] & (1L << r)) == 0;
  }
}
