package io.quiver.internal.simd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The kernels on the Panama Vector API, at the widest vector the CPU offers ({@link #name()} says
 * which). {@link Simd} loads this class by reflection only when {@code jdk.incubator.vector} is in
 * the boot layer, so nothing outside this source folder links against the incubator module.
 *
 * <p>The vector loops read native segments only (mapped files, {@code Arena} memory). A heap
 * segment is first copied to a per-thread native buffer: the JIT profiles the segment class inside
 * the JDK's shared vector-load code, and once a heap class joins the native ones there every load
 * of the process falls back to slow code (measured: about 14 times slower, see
 * quiver-bench/README.md). The copy costs about as much as the distance; keep hot vectors off-heap.
 *
 * <p>Batches go through four-way kernels, a group of four at a time; a last group of fewer repeats
 * an offset, so that a score depends only on the query and the vector, never on its place in the
 * batch. fp32 and fp16 batch scores may differ from the single-vector kernel's in the last bits
 * (another summation order); int8 scores are exact either way.
 */
public final class PanamaVectorOps implements VectorOps {
  /** Per-thread native copies of heap operands: slot 0 for stored vectors, 1 for a second one. */
  private static final ThreadLocal<MemorySegment[]> COPIES =
      ThreadLocal.withInitial(() -> new MemorySegment[2]);

  /** Creates the kernels; called by {@link Simd} through reflection. */
  public PanamaVectorOps() {}

  @Override
  public String name() {
    return "panama-" + PanamaSpecies.F.vectorBitSize();
  }

  /** The thread's native buffer {@code slot}, at least {@code length} bytes long. */
  private static MemorySegment buffer(int slot, long length) {
    MemorySegment[] copies = COPIES.get();
    MemorySegment c = copies[slot];
    if (c == null || c.byteSize() < length) {
      long size = Math.max(1024, Long.highestOneBit(Math.max(1, length - 1)) << 1);
      c = Arena.ofAuto().allocate(size, 64);
      copies[slot] = c;
    }
    return c;
  }

  /** A native copy of {@code length} bytes at {@code offset} of {@code s}, at offset 0. */
  private static MemorySegment offHeap(MemorySegment s, long offset, long length, int slot) {
    MemorySegment c = buffer(slot, length);
    MemorySegment.copy(s, offset, c, 0, length);
    return c;
  }

  /**
   * A native copy of the {@code k} vectors of {@code length} bytes at {@code offsets[i..i + k)} of
   * the heap segment {@code data}, one after the other from offset 0.
   */
  private static MemorySegment copyGroup(
      MemorySegment data, long[] offsets, int i, int k, long length) {
    MemorySegment c = buffer(0, 4 * length);
    for (int j = 0; j < k; j++) {
      MemorySegment.copy(data, offsets[i + j], c, j * length, length);
    }
    return c;
  }

  @Override
  public float dotF32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.dot(q, data, offset);
    }
    return PanamaF32.dot(q, offHeap(data, offset, 4L * q.length, 0), 0);
  }

  @Override
  public float dotF32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    if (!a.isNative()) {
      a = offHeap(a, aOffset, 4L * dims, 0);
      aOffset = 0;
    }
    if (!b.isNative()) {
      b = offHeap(b, bOffset, 4L * dims, 1);
      bOffset = 0;
    }
    return PanamaF32.dot(a, aOffset, b, bOffset, dims);
  }

  @Override
  public float squareL2F32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.squareL2(q, data, offset);
    }
    return PanamaF32.squareL2(q, offHeap(data, offset, 4L * q.length, 0), 0);
  }

  @Override
  public float squareL2F32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    if (!a.isNative()) {
      a = offHeap(a, aOffset, 4L * dims, 0);
      aOffset = 0;
    }
    if (!b.isNative()) {
      b = offHeap(b, bOffset, 4L * dims, 1);
      bOffset = 0;
    }
    return PanamaF32.squareL2(a, aOffset, b, bOffset, dims);
  }

  @Override
  public float cosineF32(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF32.cosine(q, data, offset);
    }
    return PanamaF32.cosine(q, offHeap(data, offset, 4L * q.length, 0), 0);
  }

  @Override
  public float dotF16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.dot(q, data, offset);
    }
    return PanamaF16.dot(q, offHeap(data, offset, 2L * q.length, 0), 0);
  }

  @Override
  public float squareL2F16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.squareL2(q, data, offset);
    }
    return PanamaF16.squareL2(q, offHeap(data, offset, 2L * q.length, 0), 0);
  }

  @Override
  public float cosineF16(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaF16.cosine(q, data, offset);
    }
    return PanamaF16.cosine(q, offHeap(data, offset, 2L * q.length, 0), 0);
  }

  @Override
  public int dotI8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.dot(q, data, offset);
    }
    return PanamaI8.dot(q, offHeap(data, offset, q.length, 0), 0);
  }

  @Override
  public int squareL2I8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.squareL2(q, data, offset);
    }
    return PanamaI8.squareL2(q, offHeap(data, offset, q.length, 0), 0);
  }

  @Override
  public float cosineI8(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) {
      return PanamaI8.cosine(q, data, offset);
    }
    return PanamaI8.cosine(q, offHeap(data, offset, q.length, 0), 0);
  }

  @Override
  public void dotF32Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = 4L * q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaF32.dot4(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaF32.dot4(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }

  @Override
  public void squareL2F32Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = 4L * q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaF32.squareL24(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaF32.squareL24(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }

  @Override
  public void dotF16Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = 2L * q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaF16.dot4(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaF16.dot4(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }

  @Override
  public void squareL2F16Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = 2L * q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaF16.squareL24(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaF16.squareL24(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }

  @Override
  public void dotI8Batch(byte[] q, MemorySegment data, long[] offsets, int count, int[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaI8.dot4(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaI8.dot4(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }

  @Override
  public void squareL2I8Batch(
      byte[] q, MemorySegment data, long[] offsets, int count, int[] scores) {
    Objects.checkFromIndexSize(0, count, Math.min(offsets.length, scores.length));
    long length = (long) q.length;
    boolean heap = !data.isNative();
    for (int i = 0; i < count; i += 4) {
      int k = Math.min(4, count - i);
      int j1 = Math.min(1, k - 1), j2 = Math.min(2, k - 1), j3 = Math.min(3, k - 1);
      if (heap) {
        MemorySegment c = copyGroup(data, offsets, i, k, length);
        PanamaI8.squareL24(q, c, 0, j1 * length, j2 * length, j3 * length, scores, i, k);
      } else {
        long o0 = offsets[i], o1 = offsets[i + j1], o2 = offsets[i + j2], o3 = offsets[i + j3];
        PanamaI8.squareL24(q, data, o0, o1, o2, o3, scores, i, k);
      }
    }
  }
}
