package io.quiver.internal.index;

import io.quiver.internal.segment.DenseVectors;
import io.quiver.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The raw vectors of one segment as an index sees them: {@code size} rows of {@code dimension}
 * elements, row-major and little-endian in one {@link MemorySegment} (usually a mapped file), row
 * {@code i} at {@code baseOffset + i * stride}. Row ordinals are the segment's, 0..size-1.
 *
 * <p>A view: it never owns or closes the memory it points at.
 *
 * @param data the memory holding the rows
 * @param baseOffset byte offset of row 0
 * @param stride bytes from one row to the next, at least {@code dimension * encoding.bytes()}
 * @param size number of rows
 * @param dimension elements per row
 * @param encoding element type of the rows
 */
public record VectorSource(
    MemorySegment data, long baseOffset, long stride, int size, int dimension, Encoding encoding) {

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort F16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Element type of stored raw vectors. */
  public enum Encoding {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2);

    private final int bytes;

    Encoding(int bytes) {
      this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }
  }

  /** Checks that every row lies inside {@code data}. */
  public VectorSource {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(encoding, "encoding");
    if (size < 0 || dimension <= 0 || baseOffset < 0) {
      throw new IllegalArgumentException(
          "bad vector source: size " + size + ", dimension " + dimension + ", base " + baseOffset);
    }
    long rowBytes = (long) dimension * encoding.bytes();
    if (stride < rowBytes) {
      throw new IllegalArgumentException("stride " + stride + " < row size " + rowBytes);
    }
    if (size > 0 && baseOffset + (size - 1) * stride + rowBytes > data.byteSize()) {
      throw new IllegalArgumentException(
          size
              + " rows of stride "
              + stride
              + " from "
              + baseOffset
              + " exceed "
              + data.byteSize()
              + " bytes");
    }
  }

  /** Densely packed fp32 rows starting at byte 0 of {@code data}. */
  public static VectorSource ofF32(MemorySegment data, int size, int dimension) {
    return new VectorSource(data, 0, 4L * dimension, size, dimension, Encoding.F32);
  }

  /** The rows of a segment's vector column, read in place. */
  public static VectorSource of(DenseVectors v) {
    return new VectorSource(
        v.data(),
        v.base(),
        v.stride(),
        v.rows(),
        v.dimension(),
        v.type() == DataType.VECTOR_FP16 ? Encoding.F16 : Encoding.F32);
  }

  /** Byte offset of row {@code row} in {@link #data()}. */
  public long offset(int row) {
    return baseOffset + row * stride;
  }

  /** Copies row {@code row} into {@code out} (length at least {@code dimension}) as floats. */
  public void readRow(int row, float[] out) {
    long o = offset(row);
    if (encoding == Encoding.F32) {
      MemorySegment.copy(data, F32, o, out, 0, dimension);
    } else {
      for (int i = 0; i < dimension; i++) {
        out[i] = Float.float16ToFloat(data.get(F16, o + 2L * i));
      }
    }
  }
}
