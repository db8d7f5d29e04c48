package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;

/**
 * Kernels over compact codes (scalar-quantized bytes and nibbles, product-quantization bytes,
 * binary codes), batched fp32 kernels for graph traversal, and the k-means assignment kernel.
 * Chosen once by {@link Simd#quantOps()}, like {@link VectorOps}: a Panama implementation when
 * {@code jdk.incubator.vector} is present, {@link ScalarQuantOps} otherwise; implementations agree
 * with the scalar one up to float rounding.
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

  /**
   * Vectors per block of the blocked code layouts ({@link #pqBlock}, {@link #bitPlanesBlock}): an
   * IVF list stores its codes transposed in blocks of this many, so that one kernel call scores a
   * whole block with each lane of a vector register holding one code.
   */
  int BLOCK = 16;

  /**
   * Product-quantization distance of one code of {@code m} consecutive bytes at {@code offset}:
   * {@code sum table[256 j + code[j]]} over {@code j < m}, bytes unsigned.
   */
  float pqCode(float[] table, int m, MemorySegment data, long offset);

  /**
   * {@link #pqCode} for a block of {@link #BLOCK} codes stored transposed: byte {@code j} of code
   * {@code c} is at {@code offset + BLOCK j + c}. The distance of code {@code c} goes to {@code
   * out[c]}. {@code scratch} (at least {@link #BLOCK} ints) is working space of the caller's
   * thread.
   */
  void pqBlock(float[] table, int m, MemorySegment data, long offset, int[] scratch, float[] out);

  /**
   * The dot product of a binary code with a query quantized to 4 bits and stored as bit planes:
   * {@code sum_{j<4} 2^j sum_{w<words} bitCount(code[w] & planes[j words + w])}, where the code is
   * {@code words} little-endian longs at {@code offset} and {@code planes} holds the four planes of
   * {@code words} longs each, lowest bit first.
   */
  int bitPlanes(long[] planes, int words, MemorySegment data, long offset);

  /**
   * {@link #bitPlanes} for a block of {@link #BLOCK} codes stored transposed: word {@code w} of
   * code {@code c} is the long at {@code offset + 8 (BLOCK w + c)}. Code {@code c}'s result goes to
   * {@code out[c]}.
   */
  void bitPlanesBlock(long[] planes, int words, MemorySegment data, long offset, int[] out);

  /**
   * Quantizes {@code z[0..n)} to four bits per element as bit planes for {@link #bitPlanes}: with
   * {@code lo} and {@code hi} the least and greatest element and {@code delta = (hi - lo) / 15},
   * element {@code i} becomes {@code u = min(15, (int) ((z[i] - lo) * (1 / delta) + 0.5f))} (0 when
   * delta is 0), and bit {@code i mod 64} of {@code planes[j words + i / 64]} is bit {@code j} of
   * {@code u}; other bits of the planes are cleared. Writes {@code lo}, {@code delta}, the sum and
   * the Euclidean norm of {@code z} to {@code stats[0..4)}.
   */
  void quantizePlanes(float[] z, int n, long[] planes, int words, float[] stats);

  /**
   * RaBitQ estimates of a block of {@link #BLOCK} binary codes laid out as for {@link
   * #bitPlanesBlock}, followed by float32[BLOCK] each of {@code add}, {@code rescale}, {@code
   * error} and {@code ones}. With {@code dot} the result of {@link #bitPlanesBlock} and {@code q =
   * {delta, lo, sum, norm, bias}}: {@code est[c] = bias + add + rescale (2 (delta dot + lo ones) -
   * sum)} and {@code lower[c] = est[c] - norm error - |rescale| delta ones}.
   */
  void binaryBlockEstimates(
      long[] planes,
      int words,
      MemorySegment data,
      long offset,
      float[] q,
      float[] est,
      float[] lower);

  /**
   * Dot products of four points with a run of centroids stored transposed, for k-means assignment.
   * Point {@code p} is {@code points[at_p .. at_p + dim)}; centroid {@code j}'s component {@code d}
   * is {@code ct[d stride + j]}. For {@code from <= j < to}, the dot product of point {@code p} and
   * centroid {@code j} goes to {@code out[p stride + j]}. Each centroid component loaded serves
   * four points, which keeps the loop on the multiply-add units rather than on loads.
   */
  void dotsTransposed4(
      float[] points,
      int at0,
      int at1,
      int at2,
      int at3,
      int dim,
      float[] ct,
      int stride,
      int from,
      int to,
      float[] out);

  /**
   * Dot products of one query with a run of centroids stored transposed in memory, for choosing the
   * IVF lists to probe: centroid {@code j}'s component {@code d} is the little-endian float at byte
   * {@code offset + 4 (d stride + j)}; for {@code from <= j < to} the dot product of {@code q} and
   * centroid {@code j} goes to {@code out[j]}.
   */
  void dotsTransposed(
      float[] q, MemorySegment ct, long offset, int stride, int from, int to, float[] out);

  /** {@link VectorOps#squareL2F32(float[], MemorySegment, long)} for four vectors at once. */
  void squareL2F32x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);

  /** {@link VectorOps#dotF32(float[], MemorySegment, long)} for four vectors at once. */
  void dotF32x4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out);
}
