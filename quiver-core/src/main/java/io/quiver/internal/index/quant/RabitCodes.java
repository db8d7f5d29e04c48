package io.quiver.internal.index.quant;

import io.quiver.internal.index.VectorSource;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.simd.Simd;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Quantization#RABITQ}: one bit per dimension with a per-vector error bound (Gao and Long,
 * "RaBitQ", SIGMOD 2024). In the {@link CodeSpace} (randomly rotated, unit vectors for COSINE) a
 * vector {@code x} is coded relative to a centre {@code c} (its IVF list's centroid, or the mean of
 * the segment in a graph): with {@code r = x - c}, {@code n = |r|} and {@code o = r / n}, bit
 * {@code i} is {@code o_i > 0}. The code stands for the unit vector {@code ō = (2b - 1) / sqrt(D)},
 * and {@code α = ō.o = sum |o_i| / sqrt(D)} is kept with it.
 *
 * <p>For a query vector {@code z} in the code space ({@code q - c} for L2, {@code q} for IP and
 * COSINE) the estimator is {@code o.z ≈ ō.z / α = (2 b.z - sum z) / (α sqrt(D))}, unbiased, with
 * {@code |error| <= |z| sqrt(1 - α^2) / α · ε0 / sqrt(D - 1)} with high probability ({@code ε0 =}
 * {@value #EPSILON0}, the paper's choice). The query is quantized to 4 bits per dimension ({@code
 * z_i ≈ lo + Δ u_i}) and stored as four bit planes, so {@code b.z ≈ Δ b.u + lo popcount(b)} costs
 * four AND-popcounts per 64 dimensions ({@link QuantOps#bitPlanes}); the rounding adds at most
 * {@code Δ/2} per set bit, which the lower bound includes.
 *
 * <p>Each code keeps four float32 factors so that a distance is {@code base + add + rescale (2 b.z
 * - sum z)}, the bound {@code |z| error + |rescale| Δ ones}:
 *
 * <ul>
 *   <li>L2: {@code |q - x|^2 = |z|^2 + n^2 - 2 n o.z}: add {@code n^2}, rescale {@code -2n / (α
 *       sqrt D)}, error {@code 2 n sqrt(1 - α^2) / α · ε0 / sqrt(D - 1)}; base {@code |q - c|^2}.
 *   <li>IP: {@code -q.x = -q.c - n o.q}: add 0, rescale {@code -n / (α sqrt D)}, error half the L2
 *       one; base {@code -q.c}. COSINE: IP on unit vectors, plus one.
 * </ul>
 *
 * <p>Layouts: a graph node's code is the bits as {@code ceil(D / 64)} little-endian int64 words
 * (bit {@code i} of word {@code w} is dimension {@code 64 w + i}, unused bits 0), then float32 add,
 * rescale, error and ones (the popcount). An IVF block holds {@link QuantOps#BLOCK} codes: the
 * words transposed (word {@code w} of code {@code c} at byte {@code 8 (BLOCK w + c)}), then
 * float32[BLOCK] each of add, rescale, error and ones.
 */
public final class RabitCodes implements TraversalCodes, BlockCodes {
  /** Confidence parameter of the error bound. */
  public static final float EPSILON0 = 1.9f;

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int BLOCK = QuantOps.BLOCK;

  private final Metric metric;
  private final int dimension;
  private final int words;
  private final CodeSpace space;
  private final float[] centre;
  private final float invSqrtD;
  private final float errorScale;
  private final RabitExtra extra;

  private RabitCodes(Metric metric, int dimension, Rotation rotation, float[] centre) {
    if (rotation == null || rotation.dimension() != dimension || centre.length != dimension) {
      throw new IllegalArgumentException("RaBitQ needs a rotation and a centre of " + dimension);
    }
    for (float f : centre) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("RaBitQ centre holds " + f);
      }
    }
    this.metric = metric;
    this.dimension = dimension;
    this.words = (dimension + 63) >>> 6;
    this.space = new CodeSpace(metric, rotation);
    this.centre = centre.clone();
    this.invSqrtD = (float) (1 / Math.sqrt(dimension));
    this.errorScale = (float) (EPSILON0 / Math.sqrt(Math.max(1, dimension - 1)));
    this.extra = new RabitExtra(dimension);
  }

  /**
   * Codes for a graph over {@code raw}: a rotation drawn from {@code seed} and the mean of the
   * mapped vectors as the centre.
   */
  public static RabitCodes train(VectorSource raw, Metric metric, long seed) {
    int dim = raw.dimension();
    Rotation rotation = Rotation.random(dim, seed);
    CodeSpace space = new CodeSpace(metric, rotation);
    double[] sum = new double[dim];
    float[] x = new float[dim];
    for (int r = 0; r < raw.size(); r++) {
      raw.readRow(r, x);
      space.mapInPlace(x);
      for (int i = 0; i < dim; i++) {
        sum[i] += x[i];
      }
    }
    float[] centre = new float[dim];
    for (int i = 0; i < dim; i++) {
      centre[i] = raw.size() == 0 ? 0 : (float) (sum[i] / raw.size());
    }
    return new RabitCodes(metric, dim, rotation, centre);
  }

  /** Codes with the given rotation and centre (code space), as read back from a file. */
  public static RabitCodes of(Metric metric, int dimension, Rotation rotation, float[] centre) {
    return new RabitCodes(metric, dimension, rotation, centre);
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public Quantization quantization() {
    return Quantization.RABITQ;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public CodeSpace space() {
    return space;
  }

  /** The rotation. */
  public Rotation rotation() {
    return space.rotation();
  }

  @Override
  public int codeBytes() {
    return 8 * words + 16;
  }

  @Override
  public int blockBytes() {
    return BLOCK * (8 * words + 16);
  }

  @Override
  public boolean exact() {
    return false;
  }

  /** Bytes of the parameters {@link #writeParams} writes. */
  public long paramBytes() {
    return 4L * dimension + 8L * Rotation.signWords(dimension);
  }

  /** Writes the parameters: float32[D] centre (code space), then the rotation's sign words. */
  public void writeParams(ChecksumWriter out) throws IOException {
    for (float f : centre) {
      out.writeFloat(f);
    }
    for (long w : rotation().signs()) {
      out.writeLong(w);
    }
  }

  /**
   * Codes {@code x} (code space) relative to {@code c} (code space; null for the codes' own
   * centre): the bits into {@code bits[0..words)}, the factors add, rescale, error and ones into
   * {@code factors[0..4)}.
   */
  void encode(float[] x, int xOffset, float[] c, long[] bits, float[] factors) {
    float[] ctr = c == null ? centre : c;
    java.util.Arrays.fill(bits, 0, words, 0L);
    double nn = 0;
    double abs = 0;
    int ones = 0;
    for (int i = 0; i < dimension; i++) {
      double r = x[xOffset + i] - ctr[i];
      nn += r * r;
      abs += Math.abs(r);
      if (r > 0) {
        bits[i >>> 6] |= 1L << i;
        ones++;
      }
    }
    double n = Math.sqrt(nn);
    boolean l2 = metric == Metric.L2;
    if (n == 0) {
      // The vector is the centre: the base term alone is its distance.
      factors[0] = 0;
      factors[1] = 0;
      factors[2] = 0;
      factors[3] = ones;
      return;
    }
    double alpha = abs / (n * Math.sqrt(dimension));
    double scale = l2 ? 2 * n : n;
    factors[0] = l2 ? (float) nn : 0f;
    factors[1] = (float) (-scale * invSqrtD / alpha);
    factors[2] = (float) (scale * Math.sqrt(Math.max(0, 1 - alpha * alpha)) / alpha * errorScale);
    factors[3] = ones;
  }

  @Override
  public void encode(float[] vector, MemorySegment dst, long offset) {
    float[] x = space.map(vector, dimension);
    long[] bits = new long[words];
    float[] f = new float[4];
    encode(x, 0, null, bits, f);
    for (int w = 0; w < words; w++) {
      dst.set(I64, offset + 8L * w, bits[w]);
    }
    long at = offset + 8L * words;
    for (int i = 0; i < 4; i++) {
      dst.set(F32, at + 4L * i, f[i]);
    }
  }

  @Override
  public int extraBytes() {
    return extra.bytes();
  }

  @Override
  public void encodeBlock(
      float[] xs,
      int count,
      float[] centre,
      MemorySegment dst,
      long offset,
      MemorySegment extraCodes,
      long extraOffset) {
    dst.asSlice(offset, blockBytes()).fill((byte) 0);
    long[] bits = new long[words];
    float[] f = new float[4];
    float[] r = new float[dimension];
    long factors = offset + 8L * BLOCK * words;
    boolean l2 = metric == Metric.L2;
    for (int c = 0; c < count; c++) {
      encode(xs, c * dimension, centre, bits, f);
      for (int w = 0; w < words; w++) {
        dst.set(I64, offset + 8L * (BLOCK * w + c), bits[w]);
      }
      for (int i = 0; i < 4; i++) {
        dst.set(F32, factors + 4L * (BLOCK * i + c), f[i]);
      }
      double nn = 0;
      for (int i = 0; i < dimension; i++) {
        r[i] = xs[c * dimension + i] - centre[i];
        nn += (double) r[i] * r[i];
      }
      long at = extraOffset + (long) c * extra.bytes();
      if (nn == 0) {
        extra.encodeCentre(extraCodes, at);
      } else {
        double n = Math.sqrt(nn);
        extra.encode(r, 0, n, l2 ? 2 * n : n, errorScale, extraCodes, at);
      }
    }
  }

  @Override
  public CodeScorer scorer(MemorySegment data, long base, long stride) {
    return new NodeScorer(this, data, base, stride);
  }

  @Override
  public BlockScorer blockScorer() {
    return new ListScorer(this);
  }

  /**
   * A query vector quantized to four bit planes, with the terms the estimator needs: {@code stats}
   * holds lo, delta, sum and norm as {@link QuantOps#quantizePlanes} writes them, then the base
   * term, the layout {@link QuantOps#binaryBlockEstimates} reads.
   */
  static final class QueryPlanes {
    final long[] planes;
    final float[] z;
    final float[] stats = new float[5];
    private final float[] q = new float[5];

    private final int dimension;

    QueryPlanes(int dimension, int words) {
      this.dimension = dimension;
      planes = new long[4 * words];
      // Padded with zeros to a multiple of 32 for the second-stage dotU4.
      z = new float[(dimension + 31) & ~31];
    }

    /** Quantizes {@code z[0..dimension)} (filled by the caller). */
    void quantize(QuantOps ops, int words) {
      ops.quantizePlanes(z, dimension, planes, words, stats);
    }

    /** The kernel's query terms {delta, lo, sum, norm, bias}. */
    float[] terms(float bias) {
      q[0] = stats[1];
      q[1] = stats[0];
      q[2] = stats[2];
      q[3] = stats[3];
      q[4] = bias;
      return q;
    }
  }

  private static final class NodeScorer extends CodeScorer {
    private final QuantOps ops = Simd.quantOps();
    private final RabitCodes codes;
    private final MemorySegment data;
    private final long base;
    private final long stride;
    private final QueryPlanes query;
    private final float[] x;
    private float bias;
    private float lo;
    private float delta;
    private float sum;

    NodeScorer(RabitCodes codes, MemorySegment data, long base, long stride) {
      this.codes = codes;
      this.data = data;
      this.base = base;
      this.stride = stride;
      this.query = new QueryPlanes(codes.dimension, codes.words);
      this.x = new float[codes.dimension];
    }

    @Override
    public void setQuery(float[] q) {
      System.arraycopy(q, 0, x, 0, x.length);
      codes.space.mapInPlace(x);
      float[] c = codes.centre;
      double b = 0;
      for (int i = 0; i < x.length; i++) {
        if (codes.metric == Metric.L2) {
          query.z[i] = x[i] - c[i];
          b += (double) query.z[i] * query.z[i];
        } else {
          query.z[i] = x[i];
          b -= (double) x[i] * c[i];
        }
      }
      if (codes.metric == Metric.COSINE) {
        b += 1;
      }
      bias = (float) b;
      query.quantize(ops, codes.words);
      lo = query.stats[0];
      delta = query.stats[1];
      sum = query.stats[2];
    }

    @Override
    public float distance(int node) {
      long o = base + node * stride;
      int dot = ops.bitPlanes(query.planes, codes.words, data, o);
      long f = o + 8L * codes.words;
      float ones = data.get(F32, f + 12);
      float bz = delta * dot + lo * ones;
      float d = bias + data.get(F32, f) + data.get(F32, f + 4) * (2 * bz - sum);
      return codes.metric == Metric.L2 ? Math.max(0f, d) : d;
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      for (int i = 0; i < count; i++) {
        out[i] = distance(nodes[i]);
      }
    }
  }

  private static final class ListScorer extends BlockScorer {
    private final QuantOps ops = Simd.quantOps();
    private final RabitCodes codes;
    private final QueryPlanes query;
    private final float[] mapped;
    private float bias;

    ListScorer(RabitCodes codes) {
      this.codes = codes;
      this.query = new QueryPlanes(codes.dimension, codes.words);
      this.mapped = new float[codes.dimension];
    }

    @Override
    public void setQuery(float[] q) {
      System.arraycopy(q, 0, mapped, 0, mapped.length);
      if (codes.metric != Metric.L2) {
        System.arraycopy(q, 0, query.z, 0, mapped.length);
        query.quantize(ops, codes.words);
      }
    }

    @Override
    public void setList(float[] centre, float centreDistance) {
      if (codes.metric == Metric.L2) {
        float[] z = query.z;
        // Only the first D: the padding up to a multiple of 32 stays zero.
        for (int i = 0; i < codes.dimension; i++) {
          z[i] = mapped[i] - centre[i];
        }
        query.quantize(ops, codes.words);
      }
      bias = centreDistance + (codes.metric == Metric.COSINE ? 1f : 0f);
    }

    @Override
    public boolean hasBounds() {
      return true;
    }

    @Override
    public void score(MemorySegment data, long offset, float[] out, float[] lower) {
      ops.binaryBlockEstimates(
          query.planes, codes.words, data, offset, query.terms(bias), out, lower);
    }

    @Override
    public float refine(MemorySegment data, long blockOffset, int slot, long extraOffset) {
      float add = data.get(F32, blockOffset + 8L * BLOCK * codes.words + 4L * slot);
      float rescale = data.get(F32, extraOffset + codes.extra.rescaleOffset());
      float dot = ops.dotU4(query.z, data, extraOffset);
      return bias + add + rescale * (dot - RabitExtra.HALF * query.stats[2]);
    }

    @Override
    public float refineError(MemorySegment data, long extraOffset) {
      // The query enters the second stage unquantized: only the code's own error counts.
      return query.stats[3] * data.get(F32, extraOffset + codes.extra.rescaleOffset() + 4);
    }
  }
}
