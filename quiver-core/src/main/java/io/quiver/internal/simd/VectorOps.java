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
 * kernels exactly).
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
}
