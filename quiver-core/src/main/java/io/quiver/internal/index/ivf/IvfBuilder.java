package io.quiver.internal.index.ivf;

import io.quiver.internal.index.Parallel;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.quant.CodeSpace;
import io.quiver.internal.index.quant.HalfCodes;
import io.quiver.internal.index.quant.KMeans;
import io.quiver.internal.index.quant.PqCodes;
import io.quiver.internal.index.quant.RabitCodes;
import io.quiver.internal.index.quant.RawCodes;
import io.quiver.internal.index.quant.Rotation;
import io.quiver.internal.index.quant.ScalarCodes;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.schema.Metric;
import io.quiver.schema.VectorIndex;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * Trains an IVF index over one segment's vectors: the coarse quantizer (k-means on a sample, in the
 * codes' {@link CodeSpace}), the assignment of every row to its list, and the codes (PQ codebooks
 * trained on residuals from the list centroids). {@link IvfWriter} then encodes the lists into the
 * file. A single-threaded build is a pure function of the vectors, the spec and the seed; with more
 * threads only the speed changes.
 *
 * <p>Lists are assigned by squared L2 distance in the code space (unit vectors for COSINE), and by
 * the largest inner product for IP, as probing chooses them, so that a vector is in the list a
 * query near it probes first.
 */
public final class IvfBuilder {
  /** Training points per list: Faiss warns below 39. */
  static final int TRAIN_PER_LIST = 40;

  /** Most floats of training sample (128 MB). */
  static final int TRAIN_FLOATS = 1 << 25;

  /** Lloyd iterations of the coarse quantizer. */
  static final int ITERATIONS = 10;

  /** Most lists the automatic choice makes. */
  static final int MAX_AUTO_LISTS = 65_536;

  private static final int BATCH = 4096;

  private IvfBuilder() {}

  /** The trained index, ready to be written. */
  static final class Trained {
    final VectorSource raw;
    final Metric metric;
    final TraversalCodes codes;
    final CodeSpace space;
    final int nlist;
    final float[] centroids;
    final int[] listOf;

    /** The segment row of each vector of {@link #raw}, or null when they are the same. */
    int[] rowMap;

    /** Rows of the segment: {@code raw.size()} plus the rows left out for lacking a vector. */
    int segmentRows;

    Trained(
        VectorSource raw,
        Metric metric,
        TraversalCodes codes,
        CodeSpace space,
        int nlist,
        float[] centroids,
        int[] listOf) {
      this.raw = raw;
      this.metric = metric;
      this.codes = codes;
      this.space = space;
      this.nlist = nlist;
      this.centroids = centroids;
      this.listOf = listOf;
      this.segmentRows = raw.size();
    }

    /**
     * This index, its vector {@code i} written as segment row {@code rows[i]} (ascending; null: row
     * {@code i}) of a segment of {@code segmentRows} rows.
     */
    Trained mappedTo(int[] rows, int segmentRows) {
      if (rows != null && rows.length != raw.size()) {
        throw new IllegalArgumentException(rows.length + " rows for " + raw.size() + " vectors");
      }
      this.rowMap = rows;
      this.segmentRows = segmentRows;
      return this;
    }

    /** The segment row of vector {@code i}. */
    int row(int i) {
      return rowMap == null ? i : rowMap[i];
    }
  }

  /** The list count for {@code rows} rows when the spec asks for {@code nlist} (0 = automatic). */
  public static int listCount(int rows, int nlist) {
    if (rows == 0) {
      return 0;
    }
    int n = nlist > 0 ? nlist : (int) Math.min(MAX_AUTO_LISTS, Math.round(4 * Math.sqrt(rows)));
    return Math.max(1, Math.min(rows, n));
  }

  /** Trains the index of {@code raw} as {@code spec} asks. */
  static Trained train(
      VectorSource raw,
      Metric metric,
      VectorIndex.Ivf spec,
      long seed,
      int threads,
      Executor pool) {
    int n = raw.size();
    int dim = raw.dimension();
    int nlist = listCount(n, spec.nlist());
    SplittableRandom rnd = new SplittableRandom(seed);
    Rotation rotation =
        switch (spec.quantization()) {
          case RABITQ -> Rotation.random(dim, rnd.nextLong());
          case INT8, INT4, PQ -> spec.rotate() ? Rotation.random(dim, rnd.nextLong()) : null;
          default -> null;
        };
    CodeSpace space = new CodeSpace(metric, rotation);
    boolean ip = metric == Metric.IP;

    int sampleRows = (int) Math.min(n, Math.min((long) nlist * TRAIN_PER_LIST, TRAIN_FLOATS / dim));
    sampleRows = Math.max(sampleRows, Math.min(n, nlist));
    int[] picked = KMeans.sample(n, sampleRows, rnd.split());
    java.util.Arrays.sort(picked);
    float[] sample = read(raw, space, picked);
    float[] centroids =
        nlist == 0
            ? new float[0]
            : KMeans.train(
                sample, sampleRows, dim, nlist, ITERATIONS, rnd.nextLong(), threads, pool);

    int[] listOf = new int[n];
    if (nlist > 0) {
      KMeans.Transposed t = new KMeans.Transposed(centroids, nlist, dim);
      int batches = (n + BATCH - 1) / BATCH;
      Parallel.forRange(
          batches,
          1,
          threads,
          pool,
          (from, to) -> {
            float[] x = new float[dim];
            for (int b = from; b < to; b++) {
              int r0 = b * BATCH;
              int count = Math.min(BATCH, n - r0);
              float[] rows = new float[count * dim];
              for (int i = 0; i < count; i++) {
                raw.readRow(r0 + i, x);
                space.mapInPlace(x);
                System.arraycopy(x, 0, rows, i * dim, dim);
              }
              int[] out = new int[count];
              t.assign(rows, dim, 0, 0, count, ip, out);
              System.arraycopy(out, 0, listOf, r0, count);
            }
          });
    }

    TraversalCodes codes =
        switch (spec.quantization()) {
          case NONE -> new RawCodes(metric, dim);
          case FP16 -> new HalfCodes(metric, dim);
          case INT8 -> ScalarCodes.train(raw, metric, 8, rotation);
          case INT4 -> ScalarCodes.train(raw, metric, 4, rotation);
          case PQ -> {
            // Codebooks of residuals: the sample minus the centroid of the list it falls in.
            int[] sampleList = new int[sampleRows];
            for (int i = 0; i < sampleRows; i++) {
              sampleList[i] = listOf[picked[i]];
            }
            int rows = Math.min(sampleRows, PqCodes.TRAINING_ROWS);
            for (int i = 0; i < rows; i++) {
              int c = sampleList[i] * dim;
              for (int d = 0; d < dim; d++) {
                sample[i * dim + d] -= centroids[c + d];
              }
            }
            yield PqCodes.train(sample, rows, dim, metric, rotation, rnd.nextLong(), threads, pool);
          }
          case RABITQ -> RabitCodes.of(metric, dim, rotation, new float[dim]);
        };
    return new Trained(raw, metric, codes, space, nlist, centroids, listOf);
  }

  /** The rows {@code picked} of {@code raw}, mapped into {@code space}, row-major. */
  private static float[] read(VectorSource raw, CodeSpace space, int[] picked) {
    int dim = raw.dimension();
    float[] out = new float[picked.length * dim];
    float[] x = new float[dim];
    for (int i = 0; i < picked.length; i++) {
      raw.readRow(picked[i], x);
      space.mapInPlace(x);
      System.arraycopy(x, 0, out, i * dim, dim);
    }
    return out;
  }
}
