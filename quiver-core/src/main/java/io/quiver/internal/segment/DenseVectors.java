package io.quiver.internal.segment;

import io.quiver.internal.store.Layouts;
import io.quiver.schema.DataType;
import java.lang.foreign.MemorySegment;

/**
 * The dense vectors of one field of a segment, read in place from the mapped file (layout in {@link
 * VectorsWriter}). Row {@code i}'s vector starts at byte {@link #offset(int)} of {@link #data()}.
 */
public final class DenseVectors {
  private final MemorySegment data;
  private final DataType type;
  private final int dimension;
  private final int rows;
  private final int stride;
  private final long absent;
  private final long norms;
  private final long base;

  DenseVectors(
      MemorySegment data,
      DataType type,
      int dimension,
      int rows,
      int stride,
      long absent,
      long norms,
      long base) {
    this.data = data;
    this.type = type;
    this.dimension = dimension;
    this.rows = rows;
    this.stride = stride;
    this.absent = absent;
    this.norms = norms;
    this.base = base;
  }

  /** The mapped file. */
  public MemorySegment data() {
    return data;
  }

  /** The element type (VECTOR_FP32, VECTOR_FP16 or VECTOR_INT8). */
  public DataType type() {
    return type;
  }

  /** The dimension. */
  public int dimension() {
    return dimension;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Bytes per row. */
  public int stride() {
    return stride;
  }

  /** Byte offset of the first row's vector in {@link #data()}. */
  public long base() {
    return base;
  }

  /** Byte offset of row {@code row}'s vector in {@link #data()}. */
  public long offset(int row) {
    return base + (long) row * stride;
  }

  /** Whether row {@code row} has a vector. */
  public boolean present(int row) {
    return absent < 0 || (data.get(Layouts.LONG, absent + 8L * (row >>> 6)) & (1L << row)) == 0;
  }

  /** Whether every row has a vector. */
  public boolean allPresent() {
    return absent < 0;
  }

  /** The Euclidean norm of row {@code row}'s vector. */
  public float norm(int row) {
    return data.get(Layouts.FLOAT, norms + 4L * row);
  }

  /** Row {@code row}'s vector as a new array: {@code float[]} (FP32, FP16) or {@code byte[]}. */
  public Object copy(int row) {
    long o = offset(row);
    return switch (type) {
      case VECTOR_FP32 -> data.asSlice(o, stride).toArray(Layouts.FLOAT);
      case VECTOR_FP16 -> {
        float[] f = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          f[i] = Float.float16ToFloat(data.get(Layouts.SHORT, o + 2L * i));
        }
        yield f;
      }
      default -> data.asSlice(o, stride).toArray(Layouts.BYTE);
    };
  }
}
