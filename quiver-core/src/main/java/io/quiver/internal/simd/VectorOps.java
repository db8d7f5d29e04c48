package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;

/**
 * The distance kernels. Every hot loop of Quiver goes through one instance of this interface,
 * chosen once by {@link Simd#ops()}: the Panama implementation when {@code jdk.incubator.vector} is
 * present, {@link ScalarVectorOps} otherwise.
 *
 * <p>Stored vectors live in {@link MemorySegment}s (mapped files or heap arrays wrapped with {@link
 * MemorySegment#ofArray}); offsets are in bytes; multi-byte elements are little-endian and need not
 * be aligned. Query vectors are heap arrays whose length is the dimension. FP16 data is IEEE 754
 * binary16. Implementations must agree with {@link ScalarVectorOps} up to float rounding (integer
 * kernels exactly). A vector that does not lie wholly inside its segment is refused with an {@link
 * IndexOutOfBoundsException}.
 *
 * <p>For speed, keep hot vectors in native segments (mapped files, {@code Arena} memory): the
 * Panama kernels copy a heap segment's vector to native memory before scoring it, which about
 * doubles the cost. Score a query against many vectors with the batch methods, which overlap the
 * vectors' cache misses. Calls through {@link Simd#ops()} compile to direct calls: the instance is
 * a constant the JIT sees through.
 */
public interface VectorOps {

  /** A short name for the log line ("panama-256", "scalar"). */
  String name();

  /** Dot product of {@code q} with the fp32 vector at {@code offset}. */
  float dotF32(float[] q, MemorySegment data, long offset);

  /** Squared Euclidean distance of {@code q} to the fp32 vector at {@code offset}. */
  float squareL2F32(float[] q, MemorySegment data, long offset);

  /** Dot product of two fp32 vectors of {@code dims} elements. */
  float dotF32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims);

  /** Squared Euclidean distance of two fp32 vectors of {@code dims} elements. */
  float squareL2F32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims);

  /** Cosine similarity of {@code q} with the fp32 vector at {@code offset}; 0 if either is zero. */
  float cosineF32(float[] q, MemorySegment data, long offset);

  /** Dot product of {@code q} with the fp16 vector at {@code offset}. */
  float dotF16(float[] q, MemorySegment data, long offset);

  /** Squared Euclidean distance of {@code q} to the fp16 vector at {@code offset}. */
  float squareL2F16(float[] q, MemorySegment data, long offset);

  /** Cosine similarity of {@code q} with the fp16 vector at {@code offset}; 0 if either is zero. */
  float cosineF16(float[] q, MemorySegment data, long offset);

  /** Dot product of {@code q} with the int8 vector at {@code offset}, exact. */
  int dotI8(byte[] q, MemorySegment data, long offset);

  /** Squared Euclidean distance of {@code q} to the int8 vector at {@code offset}, exact. */
  int squareL2I8(byte[] q, MemorySegment data, long offset);

  /** Cosine similarity of {@code q} with the int8 vector at {@code offset}; 0 if either is zero. */
  float cosineI8(byte[] q, MemorySegment data, long offset);

  // Batches: one query against several stored vectors. Graph search scores all unvisited
  // neighbours of a node at once; a batch kernel reads several of them together, so their cache
  // misses overlap and each query load serves several vectors (the Panama kernels measured twice
  // as fast per vector, in cache and out of it). A batch score equals the single-vector kernel's
  // up to float rounding (int8: exactly), as the two may sum in different orders; it depends only
  // on the query and the vector, never on the vector's place in the batch or on the other vectors,
  // so the same vector always gets the same score from a batch. Offsets and scores may be longer
  // than count; only their first count entries are used.

  /**
   * {@link #dotF32(float[], MemorySegment, long)} of {@code q} with the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void dotF32Batch(float[] q, MemorySegment data, long[] offsets, int count, float[] scores);

  /**
   * {@link #squareL2F32(float[], MemorySegment, long)} of {@code q} to the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void squareL2F32Batch(float[] q, MemorySegment data, long[] offsets, int count, float[] scores);

  /**
   * {@link #dotF16(float[], MemorySegment, long)} of {@code q} with the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void dotF16Batch(float[] q, MemorySegment data, long[] offsets, int count, float[] scores);

  /**
   * {@link #squareL2F16(float[], MemorySegment, long)} of {@code q} to the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void squareL2F16Batch(float[] q, MemorySegment data, long[] offsets, int count, float[] scores);

  /**
   * {@link #dotI8(byte[], MemorySegment, long)} of {@code q} with the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void dotI8Batch(byte[] q, MemorySegment data, long[] offsets, int count, int[] scores);

  /**
   * {@link #squareL2I8(byte[], MemorySegment, long)} of {@code q} to the vectors at byte offsets
   * {@code offsets[0..count)}, into {@code scores[0..count)}.
   */
  void squareL2I8Batch(byte[] q, MemorySegment data, long[] offsets, int count, int[] scores);
}
