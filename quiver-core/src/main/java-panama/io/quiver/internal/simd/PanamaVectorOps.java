package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The kernels on the Panama Vector API, at the widest vector the CPU offers ({@link #name()} says
 * which). {@link Simd} loads this class by reflection only when {@code jdk.incubator.vector} is in
 * the boot layer, so nothing outside this source folder links against the incubator module.
 *
 * <p>Native segments (mapped files, {@code Arena} memory) take the vector path; so do heap segments
 * over a {@code byte[]}, read through the array (see {@link PanamaLoads} for why they must not
 * share the segment path). A heap segment over another array type, or a read-only heap segment,
 * whose array this class cannot reach, is scored by the {@link ScalarVectorOps scalar kernels}:
 * same results, a few times slower.
 */
public final class PanamaVectorOps implements VectorOps {
  private static final ScalarVectorOps SCALAR = new ScalarVectorOps();

  /** Creates the kernels; called by {@link Simd} through reflection. */
  public PanamaVectorOps() {}

  @Override
  public String name() {
    return "panama-" + PanamaLoads.F.vectorBitSize();
  }

  /** Marks a heap segment whose array is not a reachable {@code byte[]}. */
  private static final byte[] UNREADABLE = new byte[0];

  /**
   * The array the vector loads read {@code length} bytes at {@code offset} of {@code s} from: null
   * for a native segment, the backing {@code byte[]} of a heap one (after checking the bytes lie
   * inside the segment, as the array may extend beyond it), else {@link #UNREADABLE}.
   */
  private static byte[] heap(MemorySegment s, long offset, long length) {
    if (s.isNative()) {
      return null;
    }
    if (!(s.heapBase().orElse(null) instanceof byte[] b)) {
      return UNREADABLE;
    }
    Objects.checkFromIndexSize(offset, length, s.byteSize());
    return b;
  }

  /** Where {@code offset} of {@code s} lies in the array {@link #heap} returned, if any. */
  private static long at(MemorySegment s, byte[] h, long offset) {
    return h == null ? offset : s.address() + offset;
  }

  @Override
  public float dotF32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.dot(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 4L * q.length);
    return h == UNREADABLE
        ? SCALAR.dotF32(q, data, offset)
        : PanamaF32.dot(q, data, h, at(data, h, offset));
  }

  @Override
  public float dotF32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    byte[] ha = heap(a, aOffset, 4L * dims), hb = heap(b, bOffset, 4L * dims);
    if (ha == UNREADABLE || hb == UNREADABLE) {
      return SCALAR.dotF32(a, aOffset, b, bOffset, dims);
    }
    return PanamaF32.dot(a, ha, at(a, ha, aOffset), b, hb, at(b, hb, bOffset), dims);
  }

  @Override
  public float squareL2F32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.squareL2(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 4L * q.length);
    return h == UNREADABLE
        ? SCALAR.squareL2F32(q, data, offset)
        : PanamaF32.squareL2(q, data, h, at(data, h, offset));
  }

  @Override
  public float squareL2F32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    byte[] ha = heap(a, aOffset, 4L * dims), hb = heap(b, bOffset, 4L * dims);
    if (ha == UNREADABLE || hb == UNREADABLE) {
      return SCALAR.squareL2F32(a, aOffset, b, bOffset, dims);
    }
    return PanamaF32.squareL2(a, ha, at(a, ha, aOffset), b, hb, at(b, hb, bOffset), dims);
  }

  @Override
  public float cosineF32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.cosine(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 4L * q.length);
    return h == UNREADABLE
        ? SCALAR.cosineF32(q, data, offset)
        : PanamaF32.cosine(q, data, h, at(data, h, offset));
  }

  @Override
  public float dotF16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.dot(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 2L * q.length);
    return h == UNREADABLE
        ? SCALAR.dotF16(q, data, offset)
        : PanamaF16.dot(q, data, h, at(data, h, offset));
  }

  @Override
  public float squareL2F16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.squareL2(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 2L * q.length);
    return h == UNREADABLE
        ? SCALAR.squareL2F16(q, data, offset)
        : PanamaF16.squareL2(q, data, h, at(data, h, offset));
  }

  @Override
  public float cosineF16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.cosine(q, data, null, offset);
    }
    byte[] h = heap(data, offset, 2L * q.length);
    return h == UNREADABLE
        ? SCALAR.cosineF16(q, data, offset)
        : PanamaF16.cosine(q, data, h, at(data, h, offset));
  }

  @Override
  public int dotI8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.dot(q, data, null, offset);
    }
    byte[] h = heap(data, offset, q.length);
    return h == UNREADABLE
        ? SCALAR.dotI8(q, data, offset)
        : PanamaI8.dot(q, data, h, at(data, h, offset));
  }

  @Override
  public int squareL2I8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.squareL2(q, data, null, offset);
    }
    byte[] h = heap(data, offset, q.length);
    return h == UNREADABLE
        ? SCALAR.squareL2I8(q, data, offset)
        : PanamaI8.squareL2(q, data, h, at(data, h, offset));
  }

  @Override
  public float cosineI8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.cosine(q, data, null, offset);
    }
    byte[] h = heap(data, offset, q.length);
    return h == UNREADABLE
        ? SCALAR.cosineI8(q, data, offset)
        : PanamaI8.cosine(q, data, h, at(data, h, offset));
  }
}
