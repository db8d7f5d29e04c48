package io.quiver.internal.index.quant;

import io.quiver.internal.index.Parallel;
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
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * {@link Quantization#PQ}: product quantization. The {@link CodeSpace} is cut into {@code m}
 * contiguous subspaces ({@link #subspaces}: one per four dimensions, so {@code m = ceil(d / 4)});
 * subspace {@code j} covers dimensions {@code [floor(j d / m), floor((j + 1) d / m))} and has a
 * codebook of 256 centroids trained by k-means. A vector is coded as the residual {@code r = x - c}
 * from a centre {@code c} (its IVF list's centroid; zero in a graph), one byte per subspace naming
 * the nearest centroid, so {@code r ≈ r̂}, the concatenation of the chosen centroids.
 *
 * <p>Distances are asymmetric: the query stays exact and a per-query table holds its inner product
 * with every centroid of every subspace ({@code 256 m} floats), so a code costs {@code m} lookups:
 *
 * <ul>
 *   <li>L2: {@code |q - c - r̂|^2 = |q - c|^2 + t - 2 q.r̂}, where the per-code correction {@code t
 *       = |r̂|^2 + 2 c.r̂} is stored with the code and the table holds {@code -2 q_j.C_j[k]}.
 *   <li>IP: {@code -q.(c + r̂) = -q.c - q.r̂}; COSINE the same on unit vectors, plus one.
 * </ul>
 *
 * <p>A graph node's code is a float32 correction then the {@code m} bytes; an IVF block holds
 * {@link QuantOps#BLOCK} codes transposed (byte {@code j} of code {@code c} at {@code BLOCK j + c})
 * followed by their corrections, float32[BLOCK].
 */
public final class PqCodes implements TraversalCodes, BlockCodes {
  /** Centroids per subspace: one byte per subspace. */
  public static final int CENTROIDS = 256;

  /** Lloyd iterations per codebook. */
  public static final int ITERATIONS = 15;

  /** Most rows a codebook is trained on. */
  public static final int TRAINING_ROWS = 65_536;

  /** Most floats of training rows (64 MB). */
  public static final int TRAINING_FLOATS = 1 << 24;

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int BLOCK = QuantOps.BLOCK;

  private final Metric metric;
  private final int dimension;
  private final int m;
  private final int[] starts;
  private final float[] codebook;
  private final float[] codebookT;
  private final CodeSpace space;
  private final KMeans.Transposed[] encoders;

  private PqCodes(Metric metric, int dimension, int m, float[] codebook, Rotation rotation) {
    if (m < 1 || m > dimension || codebook.length != CENTROIDS * dimension) {
      throw new IllegalArgumentException(
          "PQ with "
              + m
              + " subspaces and "
              + codebook.length
              + " codebook floats for dimension "
              + dimension);
    }
    for (float f : codebook) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("PQ codebook holds " + f);
      }
    }
    this.metric = metric;
    this.dimension = dimension;
    this.m = m;
    this.starts = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      starts[j] = (int) ((long) j * dimension / m);
    }
    this.codebook = codebook.clone();
    this.space = new CodeSpace(metric, rotation);
    this.codebookT = new float[codebook.length];
    this.encoders = new KMeans.Transposed[m];
    for (int j = 0; j < m; j++) {
      int base = CENTROIDS * starts[j];
      int dsub = starts[j + 1] - starts[j];
      float[] rows = new float[CENTROIDS * dsub];
      System.arraycopy(codebook, base, rows, 0, rows.length);
      encoders[j] = new KMeans.Transposed(rows, CENTROIDS, dsub);
      for (int k = 0; k < CENTROIDS; k++) {
        for (int d = 0; d < dsub; d++) {
          codebookT[base + d * CENTROIDS + k] = codebook[base + k * dsub + d];
        }
      }
    }
  }

  /** Subspaces for {@code dimension}: one per four dimensions, rounded up. */
  public static int subspaces(int dimension) {
    return (dimension + 3) / 4;
  }

  /**
   * Trains the codebooks on {@code n} vectors, rows of {@code sample} already mapped into the code
   * space (and made residuals, for IVF); subspaces are trained in parallel on {@code pool}.
   */
  public static PqCodes train(
      float[] sample,
      int n,
      int dimension,
      Metric metric,
      Rotation rotation,
      long seed,
      int threads,
      Executor pool) {
    int m = subspaces(dimension);
    float[] codebook = new float[CENTROIDS * dimension];
    Parallel.forRange(
        m,
        1,
        threads,
        pool,
        (from, to) -> {
          for (int j = from; j < to; j++) {
            int s = (int) ((long) j * dimension / m);
            int dsub = (int) ((long) (j + 1) * dimension / m) - s;
            trainSubspace(sample, n, dimension, s, dsub, seed + 31L * j, codebook);
          }
        });
    return new PqCodes(metric, dimension, m, codebook, rotation);
  }

  private static void trainSubspace(
      float[] sample, int n, int dim, int start, int dsub, long seed, float[] codebook) {
    if (n == 0) {
      return;
    }
    float[] sub = new float[n * dsub];
    for (int i = 0; i < n; i++) {
      System.arraycopy(sample, i * dim + start, sub, i * dsub, dsub);
    }
    int k = Math.min(CENTROIDS, n);
    float[] c = KMeans.train(sub, n, dsub, k, ITERATIONS, seed, 1, null);
    int base = CENTROIDS * start;
    for (int j = 0; j < CENTROIDS; j++) {
      // With fewer points than centroids the spare ones repeat the first; encoding picks the
      // lowest number on a tie, so they are never used.
      System.arraycopy(c, (j < k ? j : 0) * dsub, codebook, base + j * dsub, dsub);
    }
  }

  /**
   * Trains the codebooks of a graph's codes (centre zero) on a random sample of {@code raw}: at
   * most {@value #TRAINING_ROWS} rows and {@value #TRAINING_FLOATS} floats, plenty for 256
   * centroids per subspace.
   */
  public static PqCodes train(
      VectorSource raw, Metric metric, Rotation rotation, long seed, int threads, Executor pool) {
    int dim = raw.dimension();
    int n = Math.min(raw.size(), Math.min(TRAINING_ROWS, TRAINING_FLOATS / dim));
    int[] rows = KMeans.sample(raw.size(), n, new SplittableRandom(seed));
    java.util.Arrays.sort(rows);
    CodeSpace space = new CodeSpace(metric, rotation);
    float[] sample = new float[n * dim];
    float[] x = new float[dim];
    for (int i = 0; i < n; i++) {
      raw.readRow(rows[i], x);
      space.mapInPlace(x);
      System.arraycopy(x, 0, sample, i * dim, dim);
    }
    return train(sample, n, dim, metric, rotation, seed, threads, pool);
  }

  /** Codes with the given codebook (as read back from a file). */
  public static PqCodes of(
      Metric metric, int dimension, int m, float[] codebook, Rotation rotation) {
    return new PqCodes(metric, dimension, m, codebook, rotation);
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public Quantization quantization() {
    return Quantization.PQ;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Number of subspaces (bytes per code). */
  public int subspaceCount() {
    return m;
  }

  @Override
  public CodeSpace space() {
    return space;
  }

  /** The rotation applied before quantizing, or null. */
  public Rotation rotation() {
    return space.rotation();
  }

  @Override
  public int codeBytes() {
    return 4 + m;
  }

  @Override
  public int blockBytes() {
    return BLOCK * (m + 4);
  }

  @Override
  public boolean exact() {
    return false;
  }

  /** Bytes of the parameters {@link #writeParams} writes. */
  public long paramBytes() {
    return 4 + 4L * codebook.length + (rotation() == null ? 0 : 8L * Rotation.signWords(dimension));
  }

  /**
   * Writes the parameters: int32 m, float32[256 d] codebooks (subspace {@code j} from float {@code
   * 256 floor(j d / m)}, its centroid {@code k} at {@code k dsub}), then, when rotated, the
   * rotation's sign words (int64 each).
   */
  public void writeParams(ChecksumWriter out) throws IOException {
    out.writeInt(m);
    for (float f : codebook) {
      out.writeFloat(f);
    }
    if (rotation() != null) {
      for (long w : rotation().signs()) {
        out.writeLong(w);
      }
    }
  }

  /**
   * Encodes {@code count} rows of {@code xs} (code space) relative to {@code centre} (code space;
   * null for zero): the subspace indexes into {@code codes[i m ..]}, the corrections into {@code
   * corrections[i]}.
   */
  public void encode(float[] xs, int count, float[] centre, byte[] codes, float[] corrections) {
    float[] r = new float[count * dimension];
    for (int i = 0; i < count; i++) {
      for (int d = 0; d < dimension; d++) {
        r[i * dimension + d] = xs[i * dimension + d] - (centre == null ? 0 : centre[d]);
      }
    }
    int[] chosen = new int[count];
    for (int j = 0; j < m; j++) {
      encoders[j].assign(r, dimension, starts[j], 0, count, false, chosen);
      for (int i = 0; i < count; i++) {
        codes[i * m + j] = (byte) chosen[i];
      }
    }
    boolean l2 = metric == Metric.L2;
    for (int i = 0; i < count; i++) {
      double t = 0;
      if (l2) {
        for (int j = 0; j < m; j++) {
          int dsub = starts[j + 1] - starts[j];
          int at = CENTROIDS * starts[j] + Byte.toUnsignedInt(codes[i * m + j]) * dsub;
          for (int d = 0; d < dsub; d++) {
            float v = codebook[at + d];
            t += (double) v * v + (centre == null ? 0 : 2.0 * centre[starts[j] + d] * v);
          }
        }
      }
      corrections[i] = (float) t;
    }
  }

  @Override
  public void encode(float[] vector, MemorySegment dst, long offset) {
    float[] x = space.map(vector, dimension);
    byte[] code = new byte[m];
    float[] t = new float[1];
    encode(x, 1, null, code, t);
    dst.set(F32, offset, t[0]);
    MemorySegment.copy(code, 0, dst, ValueLayout.JAVA_BYTE, offset + 4, m);
  }

  @Override
  public void encodeBlock(
      float[] xs,
      int count,
      float[] centre,
      MemorySegment dst,
      long offset,
      MemorySegment extra,
      long extraOffset) {
    byte[] codes = new byte[count * m];
    float[] t = new float[count];
    encode(xs, count, centre, codes, t);
    dst.asSlice(offset, blockBytes()).fill((byte) 0);
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < m; j++) {
        dst.set(ValueLayout.JAVA_BYTE, offset + (long) BLOCK * j + i, codes[i * m + j]);
      }
      dst.set(F32, offset + (long) BLOCK * m + 4L * i, t[i]);
    }
  }

  /** Component {@code d} of centroid {@code k} of subspace {@code j}. */
  float centroid(int j, int k, int d) {
    return codebook[CENTROIDS * starts[j] + k * (starts[j + 1] - starts[j]) + d];
  }

  /** Fills {@code table} with {@code factor q_j.C_j[k]} at {@code 256 j + k}. */
  void table(float[] q, float factor, float[] table) {
    java.util.Arrays.fill(table, 0f);
    for (int j = 0; j < m; j++) {
      int base = CENTROIDS * starts[j];
      int t = CENTROIDS * j;
      for (int d = starts[j]; d < starts[j + 1]; d++) {
        float x = factor * q[d];
        int row = base + (d - starts[j]) * CENTROIDS;
        // A saxpy over 256 contiguous floats: the JIT vectorizes it.
        for (int k = 0; k < CENTROIDS; k++) {
          table[t + k] += x * codebookT[row + k];
        }
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

  private float tableFactor() {
    return metric == Metric.L2 ? -2f : -1f;
  }

  private static final class NodeScorer extends CodeScorer {
    private final QuantOps ops = Simd.quantOps();
    private final PqCodes codes;
    private final MemorySegment data;
    private final long base;
    private final long stride;
    private final boolean l2;
    private final float[] table;
    private final float[] x;
    private float bias;

    NodeScorer(PqCodes codes, MemorySegment data, long base, long stride) {
      this.codes = codes;
      this.data = data;
      this.base = base;
      this.stride = stride;
      this.l2 = codes.metric == Metric.L2;
      this.table = new float[CENTROIDS * codes.m];
      this.x = new float[codes.dimension];
    }

    @Override
    public void setQuery(float[] query) {
      System.arraycopy(query, 0, x, 0, x.length);
      codes.space.mapInPlace(x);
      codes.table(x, codes.tableFactor(), table);
      double b = 0;
      if (l2) {
        for (float v : x) {
          b += (double) v * v;
        }
      } else if (codes.metric == Metric.COSINE) {
        b = 1;
      }
      bias = (float) b;
    }

    @Override
    public float distance(int node) {
      long o = base + node * stride;
      float d = bias + ops.pqCode(table, codes.m, data, o + 4);
      return l2 ? Math.max(0f, d + data.get(F32, o)) : d;
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      int m = codes.m;
      for (int i = 0; i < count; i++) {
        long o = base + nodes[i] * stride;
        float d = bias + ops.pqCode(table, m, data, o + 4);
        out[i] = l2 ? Math.max(0f, d + data.get(F32, o)) : d;
      }
    }
  }

  private static final class ListScorer extends BlockScorer {
    private final QuantOps ops = Simd.quantOps();
    private final PqCodes codes;
    private final boolean l2;
    private final float[] table;
    private final int[] scratch = new int[BLOCK];
    private float bias;

    ListScorer(PqCodes codes) {
      this.codes = codes;
      this.l2 = codes.metric == Metric.L2;
      this.table = new float[CENTROIDS * codes.m];
    }

    @Override
    public void setQuery(float[] query) {
      codes.table(query, codes.tableFactor(), table);
    }

    @Override
    public void setList(float[] centre, float centreDistance) {
      bias = centreDistance + (codes.metric == Metric.COSINE ? 1f : 0f);
    }

    @Override
    public void score(MemorySegment data, long offset, float[] out, float[] lower) {
      int m = codes.m;
      ops.pqBlock(table, m, data, offset, scratch, out);
      long t = offset + (long) BLOCK * m;
      for (int c = 0; c < BLOCK; c++) {
        out[c] += bias;
        if (l2) {
          out[c] = Math.max(0f, out[c] + data.get(F32, t + 4L * c));
        }
      }
    }
  }
}
