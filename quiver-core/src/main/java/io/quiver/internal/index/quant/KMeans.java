package io.quiver.internal.index.quant;

import io.quiver.internal.index.Parallel;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.simd.Simd;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * Lloyd's k-means on points held row-major in a {@code float[]}: the coarse quantizer of IVF and
 * the per-subspace codebooks of PQ. Centroids start at distinct random points (k-means++ costs n k
 * distances before the first iteration, as much as an iteration, for a gain that a few more
 * iterations give too); empty clusters are refilled by splitting a large one, as Faiss does.
 *
 * <p>Assignment is the hot loop: {@link QuantOps#dotsTransposed4} scores four points against a run
 * of centroids stored transposed, in runs small enough to stay in the L2 cache while every point of
 * a chunk passes over them. Assignments run on the worker pool; centroid updates run on the caller
 * in point order, so the result depends on the seed alone, not on the thread count.
 */
public final class KMeans {
  private static final float SPLIT = 1f / 1024;
  private static final int GRAIN = 1024;

  private KMeans() {}

  /**
   * Trains {@code k} centroids on {@code points} ({@code n} rows of {@code dim}).
   *
   * @return the centroids, {@code k} rows of {@code dim}
   */
  public static float[] train(
      float[] points,
      int n,
      int dim,
      int k,
      int iterations,
      long seed,
      int threads,
      Executor pool) {
    if (k <= 0 || k > n) {
      throw new IllegalArgumentException("k " + k + " for " + n + " points");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] centroids = new float[k * dim];
    int[] pick = sample(n, k, rnd);
    for (int j = 0; j < k; j++) {
      System.arraycopy(points, pick[j] * dim, centroids, j * dim, dim);
    }
    if (k == n) {
      return centroids;
    }
    int[] assigned = new int[n];
    double[] sums = new double[k * dim];
    int[] sizes = new int[k];
    for (int it = 0; it < iterations; it++) {
      assign(points, n, dim, centroids, k, false, assigned, threads, pool);
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(sizes, 0);
      for (int i = 0; i < n; i++) {
        int c = assigned[i];
        sizes[c]++;
        int p = i * dim;
        int s = c * dim;
        for (int d = 0; d < dim; d++) {
          sums[s + d] += points[p + d];
        }
      }
      for (int j = 0; j < k; j++) {
        if (sizes[j] > 0) {
          double inv = 1.0 / sizes[j];
          for (int d = 0; d < dim; d++) {
            centroids[j * dim + d] = (float) (sums[j * dim + d] * inv);
          }
        }
      }
      splitIntoEmpty(centroids, sizes, k, dim, n, rnd);
    }
    return centroids;
  }

  /** {@code k} distinct indices of {@code 0..n-1}, by a partial Fisher-Yates shuffle. */
  public static int[] sample(int n, int k, SplittableRandom rnd) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return java.util.Arrays.copyOf(perm, k);
  }

  /**
   * Gives every empty cluster half of a large one: a copy of its centroid, both nudged apart in
   * opposite directions, so that the next assignment splits its points.
   */
  private static void splitIntoEmpty(
      float[] centroids, int[] sizes, int k, int dim, int n, SplittableRandom rnd) {
    for (int ci = 0; ci < k; ci++) {
      if (sizes[ci] != 0) {
        continue;
      }
      int cj;
      // A cluster chosen with probability proportional to its size beyond one point.
      while (true) {
        cj = rnd.nextInt(k);
        double p = (sizes[cj] - 1.0) / (n - k);
        if (sizes[cj] > 1 && rnd.nextDouble() < p) {
          break;
        }
      }
      for (int d = 0; d < dim; d++) {
        float v = centroids[cj * dim + d];
        boolean even = (d & 1) == 0;
        centroids[ci * dim + d] = v * (even ? 1 + SPLIT : 1 - SPLIT);
        centroids[cj * dim + d] = v * (even ? 1 - SPLIT : 1 + SPLIT);
      }
      sizes[ci] = sizes[cj] / 2;
      sizes[cj] -= sizes[ci];
    }
  }

  /**
   * The nearest centroid of every point: by squared L2 distance, or by the largest inner product
   * when {@code innerProduct}; ties go to the lower centroid number.
   *
   * @param out receives the centroid number of point {@code i} at {@code out[i]}
   */
  public static void assign(
      float[] points,
      int n,
      int dim,
      float[] centroids,
      int k,
      boolean innerProduct,
      int[] out,
      int threads,
      Executor pool) {
    Transposed t = new Transposed(centroids, k, dim);
    Parallel.forRange(
        n,
        GRAIN,
        threads,
        pool,
        (from, to) -> t.assign(points, dim, 0, from, to, innerProduct, out));
  }

  /**
   * Centroids laid out for {@link QuantOps#dotsTransposed4}: component {@code d} of centroid {@code
   * j} at {@code d k + j}, with their squared norms. Immutable after construction.
   */
  public static final class Transposed {
    private final QuantOps ops = Simd.quantOps();
    private final float[] ct;
    private final float[] norms;
    private final int k;
    private final int dim;
    private final int run;

    /** Transposes {@code k} centroids of {@code dim} held row-major. */
    public Transposed(float[] centroids, int k, int dim) {
      this.k = k;
      this.dim = dim;
      this.ct = new float[k * dim];
      this.norms = new float[k];
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
          float v = centroids[j * dim + d];
          ct[d * k + j] = v;
          s += (double) v * v;
        }
        norms[j] = (float) s;
      }
      // Runs of centroids of about 128 KB: with the four points, well inside a 512 KB L2.
      this.run = Math.max(32, ((32 * 1024) / dim) & ~31);
    }

    /**
     * Assigns points {@code [from, to)}; see {@link KMeans#assign}. Point {@code p} is {@code
     * points[p stride + offset ..]}, so that one subspace of wider rows can be assigned in place.
     */
    public void assign(
        float[] points, int stride, int offset, int from, int to, boolean innerProduct, int[] out) {
      int count = to - from;
      float[] best = new float[count];
      java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
      float[] dots = new float[4 * k];
      int last = to - 1;
      for (int c0 = 0; c0 < k; c0 += run) {
        int c1 = Math.min(k, c0 + run);
        for (int p = from; p < to; p += 4) {
          // Past the end the last point is repeated: its scores are computed and ignored.
          ops.dotsTransposed4(
              points,
              p * stride + offset,
              Math.min(p + 1, last) * stride + offset,
              Math.min(p + 2, last) * stride + offset,
              Math.min(p + 3, last) * stride + offset,
              dim,
              ct,
              k,
              c0,
              c1,
              dots);
          for (int q = 0; q < 4 && p + q < to; q++) {
            int row = q * k;
            int i = p + q - from;
            float b = best[i];
            int arg = c0 == 0 ? 0 : out[p + q];
            for (int j = c0; j < c1; j++) {
              float d = innerProduct ? -dots[row + j] : norms[j] - 2 * dots[row + j];
              if (d < b) {
                b = d;
                arg = j;
              }
            }
            best[i] = b;
            out[p + q] = arg;
          }
        }
      }
    }
  }
}
