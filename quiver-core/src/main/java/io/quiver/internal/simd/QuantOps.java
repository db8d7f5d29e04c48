package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;

/**
 * Kernels over compact traversal codes (scalar-quantized bytes and nibbles) and batched fp32
 * kernels for graph traversal. Chosen once by {@link Simd#quantOps()}, like {@link VectorOps}: a
 * Panama implementation when {@code jdk.incubator.vector} is present, {@link ScalarQuantOps}
 * otherwise; implementations agree with the scalar one up to float rounding.
 *
 * <p>Codes are unsigned: a {@code u8} code is one byte per dimension (0..255); a {@code u4} code
 * packs two dimensions per byte in blocks of 32 dimensions: byte {@code j} (0..15) of block {@code
 * b} holds dimension {@code 32b + j} in its low nibble and dimension {@code 32b + 16 + j} in its
 * high nibble. The layout is fixed, independent of the vector width of the machine.
 *
 * <p>The {@code x4} variants score four stored vectors against one query in one pass. They exist
 * for memory-level parallelism: a graph search fetches vectors from random places, and four
 * independent streams of loads keep several cache misses in flight where one stream would wait for
 * each in turn (Java has no prefetch instruction).
 */
public interface QuantOps {

  /** A short name for the log line ("panama-512", "scalar"). */
  String name();

  /** {@code sum q[i] * data[offset + i]} over {@code i < q.length}, bytes signed. */
  float dotI8(float[] q, MemorySegment data, long offset);

  /** {@link #dotI8} for four vectors at once; the results go to {@code out[0..3]}. */
  void dotI8x4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);

  /**
   * {@link #dotI8} for eight vectors at once, at {@code offsets[0..7]}; the results go to {@code
   * out[0..7]}. Eight streams of loads hide more memory latency than four when the codes are not
   * cached.
   */
  void dotI8x8(float[] q, MemorySegment data, long[] offsets, float[] out);

  /**
   * {@code sum w[i] * a[aOffset + i] * b[bOffset + i]} over {@code i < w.length}, bytes signed: the
   * weighted product of two stored codes, for distances between two indexed vectors.
   */
  float dotI8I8(float[] w, MemorySegment a, long aOffset, MemorySegment b, long bOffset);

  /**
   * {@code sum (q[i] - (offsets[i] + scales[i] * data[offset + i]))^2} over {@code i < q.length},
   * bytes signed: the squared distance to a decoded 8-bit code, computed directly so that close
   * vectors do not lose precision to cancellation.
   */
  float squareL2I8(float[] q, float[] offsets, float[] scales, MemorySegment data, long offset);

  /**
   * {@code sum q[i] * u4(dimension i)} for a nibble-packed code at {@code offset}; {@code q.length}
   * must be a multiple of 32 (pad the query with zeros) and the code is {@code q.length / 2} bytes.
   */
  float dotU4(float[] q, MemorySegment data, long offset);

  /** {@link #dotU4} for four vectors at once; the results go to {@code out[0..3]}. */
  void dotU4x4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);

  /** {@link VectorOps#squareL2F32(float[], MemorySegment, long)} for four vectors at once. */
  void squareL2F32x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);

  /** {@link VectorOps#dotF32(float[], MemorySegment, long)} for four vectors at once. */
  void dotF32x4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);
}
