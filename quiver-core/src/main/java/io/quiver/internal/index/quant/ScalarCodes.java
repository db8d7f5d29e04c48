package io.quiver.internal.index.quant;

import io.quiver.internal.index.VectorSource;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.simd.Simd;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Quantization#INT8} and {@link Quantization#INT4}: scalar quantization scaled per
 * dimension. Dimension {@code i} of a vector {@code x} (normalized first for COSINE) is stored as
 * the unsigned integer {@code c_i = round((x_i - offset_i) / scale_i)} in {@code 0..2^bits-1}, so
 * {@code x_i ≈ offset_i + scale_i c_i}; offsets and scales are the per-dimension minimum and range
 * of the segment's vectors.
 *
 * <p>A code is a little-endian float32 correction followed by the integers: for 8 bits one signed
 * byte {@code c_i - 128} each; for 4 bits nibbles in blocks of 32 dimensions (see {@link
 * QuantOps}). With {@code k_i} the stored integer and {@code o_i} the offset moved accordingly
 * ({@code offset_i + 128 scale_i} for 8 bits), {@code x_i ≈ o_i + s_i k_i}, and every distance is
 * rewritten as a constant per query, plus the correction, plus one dot product of a prepared float
 * query with the integers, so that scoring a code is a single widening multiply-add pass:
 *
 * <ul>
 *   <li>L2: {@code |q - x|^2 = sum (q_i - o_i)^2 + sum s_i^2 k_i^2 - 2 sum (q_i - o_i) s_i k_i};
 *       the correction is {@code sum s_i^2 k_i^2}.
 *   <li>IP, COSINE: {@code q.x = sum q_i o_i + sum q_i s_i k_i}; the correction is {@code sum o_i
 *       s_i k_i}, which only distances between two codes need.
 * </ul>
 */
public final class ScalarCodes implements TraversalCodes {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Metric metric;
  private final int dimension;
  private final int bits;
  private final int maxCode;
  private final int paddedDimension;
  private final float[] offsets;
  private final float[] scales;
  // Offsets of the stored integers: 8-bit codes are stored signed (c - 128) so that one sign-
  // extending conversion widens them, which moves the offset by 128 steps.
  private final float[] codeOffsets;
  private final int codeShift;
  private final float[] invScales;
  private final float[] squaredScales;
  private final float sumSquaredOffsets;
  private final boolean lossless;
  private final Rotation rotation;
  private final CodeSpace space;

  private ScalarCodes(
      Metric metric,
      int bits,
      float[] offsets,
      float[] scales,
      boolean lossless,
      Rotation rotation) {
    if (bits != 8 && bits != 4) {
      throw new IllegalArgumentException("bits " + bits + " is not 8 or 4");
    }
    if (offsets.length != scales.length || offsets.length == 0) {
      throw new IllegalArgumentException(
          "offsets " + offsets.length + " and scales " + scales.length + " differ or are empty");
    }
    this.metric = metric;
    this.bits = bits;
    this.lossless = lossless && bits == 8 && metric != Metric.COSINE && rotation == null;
    this.rotation = rotation;
    this.space = new CodeSpace(metric, rotation);
    if (rotation != null && rotation.dimension() != offsets.length) {
      throw new IllegalArgumentException(
          "rotation of dimension " + rotation.dimension() + " for " + offsets.length);
    }
    this.dimension = offsets.length;
    this.maxCode = (1 << bits) - 1;
    this.paddedDimension = bits == 8 ? dimension : (dimension + 31) & ~31;
    this.offsets = offsets.clone();
    this.scales = scales.clone();
    this.invScales = new float[dimension];
    this.squaredScales = new float[dimension];
    this.codeShift = bits == 8 ? 128 : 0;
    this.codeOffsets = new float[dimension];
    double so = 0;
    for (int i = 0; i < dimension; i++) {
      float s = scales[i];
      if (!(s >= 0) || !Float.isFinite(s) || !Float.isFinite(offsets[i])) {
        throw new IllegalArgumentException("bad scale " + s + " or offset " + offsets[i]);
      }
      invScales[i] = s > 0 ? 1f / s : 0f;
      squaredScales[i] = s * s;
      codeOffsets[i] = offsets[i] + codeShift * s;
      so += (double) codeOffsets[i] * codeOffsets[i];
    }
    this.sumSquaredOffsets = (float) so;
  }

  /**
   * Codes with the given per-dimension offsets and scales (as read back from a file); {@code
   * lossless} as {@link #lossless()} reported when the codes were trained.
   */
  public static ScalarCodes of(
      Metric metric, int bits, float[] offsets, float[] scales, boolean lossless) {
    return new ScalarCodes(metric, bits, offsets, scales, lossless, null);
  }

  /** {@link #of(Metric, int, float[], float[], boolean)} for codes of rotated vectors. */
  public static ScalarCodes of(
      Metric metric, int bits, float[] offsets, float[] scales, Rotation rotation) {
    return new ScalarCodes(metric, bits, offsets, scales, false, rotation);
  }

  /**
   * Fits offsets and scales to the minimum and range of every dimension of {@code raw}. A dimension
   * whose values are all integers spanning at most {@code 2^bits - 1} gets scale 1, so that integer
   * data (pixels, counts) is coded exactly.
   */
  public static ScalarCodes train(VectorSource raw, Metric metric, int bits) {
    return train(raw, metric, bits, null);
  }

  /**
   * {@link #train(VectorSource, Metric, int)} on the vectors turned by {@code rotation} (after
   * normalization for COSINE), which every code and query then goes through: a random rotation
   * spreads the energy of a few dominant dimensions over all of them, so one step size per
   * dimension wastes fewer levels.
   */
  public static ScalarCodes train(VectorSource raw, Metric metric, int bits, Rotation rotation) {
    int dim = raw.dimension();
    float[] min = new float[dim];
    float[] max = new float[dim];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    boolean[] fractional = new boolean[dim];
    float[] x = new float[dim];
    CodeSpace space = new CodeSpace(metric, rotation);
    for (int r = 0; r < raw.size(); r++) {
      raw.readRow(r, x);
      space.mapInPlace(x);
      for (int i = 0; i < dim; i++) {
        float v = x[i];
        min[i] = Math.min(min[i], v);
        max[i] = Math.max(max[i], v);
        fractional[i] |= v != Math.rint(v);
      }
    }
    float[] scales = new float[dim];
    int levels = (1 << bits) - 1;
    boolean lossless = metric != Metric.COSINE;
    for (int i = 0; i < dim; i++) {
      if (raw.size() == 0 || !Float.isFinite(min[i]) || !Float.isFinite(max[i])) {
        min[i] = 0;
        max[i] = 0;
      }
      boolean exact = !fractional[i] && max[i] - min[i] <= levels;
      scales[i] = exact ? 1f : (max[i] - min[i]) / levels;
      lossless &= exact;
    }
    return new ScalarCodes(metric, bits, min, scales, lossless, rotation);
  }

  /** The rotation applied before quantizing, or null. */
  public Rotation rotation() {
    return rotation;
  }

  /**
   * True if every trained vector decodes exactly (integer data of narrow range, 8 bits, not
   * COSINE): distances on the codes are then the raw distances, and re-ranking with the raw vectors
   * only costs memory traffic.
   */
  public boolean lossless() {
    return lossless;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public Quantization quantization() {
    return bits == 8 ? Quantization.INT8 : Quantization.INT4;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Bits per dimension, 8 or 4. */
  public int bits() {
    return bits;
  }

  /** The per-dimension offsets (a copy). */
  public float[] offsets() {
    return offsets.clone();
  }

  /** The per-dimension scales (a copy). */
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public int codeBytes() {
    return 4 + (bits == 8 ? dimension : paddedDimension / 2);
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  public void encode(float[] vector, MemorySegment dst, long offset) {
    space.mapInPlace(vector);
    boolean l2 = metric == Metric.L2;
    double corr = 0;
    long codes = offset + 4;
    if (bits == 4) {
      dst.asSlice(codes, paddedDimension / 2).fill((byte) 0);
    }
    for (int i = 0; i < dimension; i++) {
      int c = Math.round((vector[i] - offsets[i]) * invScales[i]);
      c = Math.max(0, Math.min(maxCode, c)) - codeShift;
      corr += l2 ? (double) squaredScales[i] * c * c : (double) codeOffsets[i] * scales[i] * c;
      if (bits == 8) {
        dst.set(ValueLayout.JAVA_BYTE, codes + i, (byte) c);
      } else {
        int block = i & ~31;
        int j = i & 31;
        long at = codes + (block >> 1) + (j & 15);
        byte old = dst.get(ValueLayout.JAVA_BYTE, at);
        dst.set(ValueLayout.JAVA_BYTE, at, (byte) (j < 16 ? old | c : old | (c << 4)));
      }
    }
    dst.set(F32, offset, (float) corr);
  }

  @Override
  public CodeScorer scorer(MemorySegment data, long base, long stride) {
    return new Scorer(this, data, base, stride);
  }

  /**
   * A scorer as precise as one over the decoded vectors: for L2 it computes the distance directly
   * rather than through the expanded form, whose cancellation costs precision for close vectors.
   * Slower than {@link #scorer}; meant for scoring final hits of {@link #lossless()} codes.
   */
  public CodeScorer preciseScorer(MemorySegment data, long base, long stride) {
    if (metric != Metric.L2 || bits != 8) {
      return scorer(data, base, stride);
    }
    return new PreciseL2Scorer(this, data, base, stride);
  }

  /**
   * Distances between two 8-bit codes stored at {@code base + node * stride} of {@code data}, for
   * building a graph.
   */
  public PairDistance pairs(MemorySegment data, long base, long stride) {
    if (bits != 8) {
      throw new UnsupportedOperationException("pair distances need 8-bit codes");
    }
    QuantOps ops = Simd.quantOps();
    float[] w = squaredScales;
    return switch (metric) {
      case L2 ->
          (a, b) -> {
            long oa = base + a * stride;
            long ob = base + b * stride;
            float d =
                data.get(F32, oa)
                    + data.get(F32, ob)
                    - 2 * ops.dotI8I8(w, data, oa + 4, data, ob + 4);
            return Math.max(0f, d);
          };
      case IP, COSINE -> {
        float one = metric == Metric.COSINE ? 1f : 0f;
        float so = sumSquaredOffsets;
        yield (a, b) -> {
          long oa = base + a * stride;
          long ob = base + b * stride;
          return one
              - (so
                  + data.get(F32, oa)
                  + data.get(F32, ob)
                  + ops.dotI8I8(w, data, oa + 4, data, ob + 4));
        };
      }
    };
  }

  private static final class PreciseL2Scorer extends CodeScorer {
    private final QuantOps ops = Simd.quantOps();
    private final ScalarCodes codes;
    private final MemorySegment data;
    private final long base;
    private final long stride;
    private final float[] q;

    PreciseL2Scorer(ScalarCodes codes, MemorySegment data, long base, long stride) {
      this.codes = codes;
      this.data = data;
      this.base = base;
      this.stride = stride;
      this.q = new float[codes.dimension];
    }

    @Override
    public void setQuery(float[] query) {
      System.arraycopy(query, 0, q, 0, q.length);
      if (codes.rotation != null) {
        codes.rotation.apply(q);
      }
    }

    @Override
    public float distance(int node) {
      return ops.squareL2I8(q, codes.codeOffsets, codes.scales, data, base + node * stride + 4);
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      for (int i = 0; i < count; i++) {
        out[i] = distance(nodes[i]);
      }
    }
  }

  private static final class Scorer extends CodeScorer {
    private final QuantOps ops = Simd.quantOps();
    private final ScalarCodes codes;
    private final MemorySegment data;
    private final long base;
    private final long stride;
    private final boolean l2;
    private final boolean nibbles;
    private final float[] x;
    private final float[] u;
    private final float[] four = new float[4];
    private final float[] eight = new float[8];
    private final long[] eightOffsets = new long[8];
    private float bias;

    Scorer(ScalarCodes codes, MemorySegment data, long base, long stride) {
      this.codes = codes;
      this.data = data;
      this.base = base;
      this.stride = stride;
      this.l2 = codes.metric == Metric.L2;
      this.nibbles = codes.bits == 4;
      this.x = new float[codes.dimension];
      this.u = new float[codes.paddedDimension];
    }

    @Override
    public void setQuery(float[] query) {
      int dim = codes.dimension;
      System.arraycopy(query, 0, x, 0, dim);
      codes.space.mapInPlace(x);
      float[] o = codes.codeOffsets;
      float[] s = codes.scales;
      double b = 0;
      if (l2) {
        for (int i = 0; i < dim; i++) {
          float t = x[i] - o[i];
          b += (double) t * t;
          u[i] = -2f * t * s[i];
        }
      } else {
        for (int i = 0; i < dim; i++) {
          b -= (double) x[i] * o[i];
          u[i] = -x[i] * s[i];
        }
        if (codes.metric == Metric.COSINE) {
          b += 1;
        }
      }
      bias = (float) b;
    }

    @Override
    public float distance(int node) {
      long o = base + node * stride;
      float dot = nibbles ? ops.dotU4(u, data, o + 4) : ops.dotI8(u, data, o + 4);
      return l2 ? Math.max(0f, bias + data.get(F32, o) + dot) : bias + dot;
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      // Eight, then four at a time: more streams of loads in flight hide more memory latency. Two
      // or
      // three leftovers still go through the four-way kernel, repeating the last node: the repeats
      // hit the cache, and the leftovers' fetches overlap instead of queueing one by one.
      int batched = (count & 3) >= 2 ? count : count & ~3;
      int last = count - 1;
      int i = 0;
      if (!nibbles) {
        for (; i + 8 <= batched; i += 8) {
          for (int j = 0; j < 8; j++) {
            eightOffsets[j] = base + nodes[Math.min(i + j, last)] * stride + 4;
          }
          ops.dotI8x8(u, data, eightOffsets, eight);
          for (int j = 0; j < 8 && i + j <= last; j++) {
            long o = eightOffsets[j] - 4;
            out[i + j] = l2 ? Math.max(0f, bias + data.get(F32, o) + eight[j]) : bias + eight[j];
          }
        }
      }
      for (; i < batched; i += 4) {
        long o0 = base + nodes[i] * stride;
        long o1 = base + nodes[Math.min(i + 1, last)] * stride;
        long o2 = base + nodes[Math.min(i + 2, last)] * stride;
        long o3 = base + nodes[Math.min(i + 3, last)] * stride;
        if (nibbles) {
          ops.dotU4x4(u, data, o0 + 4, o1 + 4, o2 + 4, o3 + 4, four);
        } else {
          ops.dotI8x4(u, data, o0 + 4, o1 + 4, o2 + 4, o3 + 4, four);
        }
        if (l2) {
          out[i] = Math.max(0f, bias + data.get(F32, o0) + four[0]);
          out[i + 1] = Math.max(0f, bias + data.get(F32, o1) + four[1]);
          if (i + 2 <= last) {
            out[i + 2] = Math.max(0f, bias + data.get(F32, o2) + four[2]);
          }
          if (i + 3 <= last) {
            out[i + 3] = Math.max(0f, bias + data.get(F32, o3) + four[3]);
          }
        } else {
          out[i] = bias + four[0];
          out[i + 1] = bias + four[1];
          if (i + 2 <= last) {
            out[i + 2] = bias + four[2];
          }
          if (i + 3 <= last) {
            out[i + 3] = bias + four[3];
          }
        }
      }
      // A single leftover calls the kernel directly, not through distance(): one call level less
      // keeps the vector conversions within the JIT's inlining depth.
      for (; i < count; i++) {
        long o = base + nodes[i] * stride;
        float dot = nibbles ? ops.dotU4(u, data, o + 4) : ops.dotI8(u, data, o + 4);
        out[i] = l2 ? Math.max(0f, bias + data.get(F32, o) + dot) : bias + dot;
      }
    }
  }
}
