package io.quiver.internal.index;

import io.quiver.schema.Metric;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/** Generated vectors and an exact brute-force oracle for index tests. */
public final class TestVectors {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private TestVectors() {}

  /**
   * The seed of a randomized test: {@code -Dquiver.test.seed=N} replays a failure whose message
   * printed N; otherwise a fresh one.
   */
  public static long seed() {
    Long forced = Long.getLong("quiver.test.seed");
    return forced != null ? forced : System.nanoTime();
  }

  /**
   * {@code n} vectors around {@code clusters} Gaussian centres (spread 1, centres spread 4), with a
   * random length factor per vector so that IP differs from COSINE, in native memory.
   */
  public static VectorSource clustered(Arena arena, long seed, int n, int dim, int clusters) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int i = 0; i < dim; i++) {
        c[i] = (float) (4 * r.nextGaussian());
      }
    }
    MemorySegment data = arena.allocate(Math.max(1, 4L * n * dim), 64);
    for (int v = 0; v < n; v++) {
      float[] c = centres[r.nextInt(clusters)];
      float scale = (float) (0.5 + r.nextDouble());
      for (int i = 0; i < dim; i++) {
        data.set(F32, 4L * (v * (long) dim + i), scale * (c[i] + (float) r.nextGaussian()));
      }
    }
    return VectorSource.ofF32(data, n, dim);
  }

  /** {@code count} query vectors drawn like {@link #clustered} (fresh points, same centres). */
  public static float[][] queries(VectorSource base, long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    float[][] q = new float[count][base.dimension()];
    float[] x = new float[base.dimension()];
    for (float[] v : q) {
      base.readRow(r.nextInt(base.size()), x);
      for (int i = 0; i < x.length; i++) {
        v[i] = x[i] + (float) (0.5 * r.nextGaussian());
      }
    }
    return q;
  }

  /** Exact distance in the internal lower-is-better convention, in double precision. */
  public static double distance(Metric metric, float[] q, float[] x) {
    double dot = 0;
    double qq = 0;
    double xx = 0;
    double l2 = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * x[i];
      qq += (double) q[i] * q[i];
      xx += (double) x[i] * x[i];
      double d = (double) q[i] - x[i];
      l2 += d * d;
    }
    return switch (metric) {
      case L2 -> l2;
      case IP -> -dot;
      case COSINE -> 1 - dot / Math.sqrt(qq * xx);
    };
  }

  /** The true {@code k} nearest accepted rows, best first. */
  public static int[] bruteForce(
      VectorSource base, Metric metric, float[] q, int k, IntPredicate accept) {
    int n = base.size();
    Integer[] rows = new Integer[n];
    double[] d = new double[n];
    float[] x = new float[base.dimension()];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (accept == null || accept.test(i)) {
        base.readRow(i, x);
        d[i] = distance(metric, q, x);
        rows[c++] = i;
      }
    }
    Integer[] live = Arrays.copyOf(rows, c);
    Arrays.sort(live, (a, b) -> Double.compare(d[a], d[b]));
    return Arrays.stream(live).limit(k).mapToInt(Integer::intValue).toArray();
  }

  /** Fraction of {@code truth} found in {@code found}. */
  public static double recall(int[] truth, int[] found) {
    if (truth.length == 0) {
      return 1;
    }
    int hits = 0;
    for (int t : truth) {
      for (int f : found) {
        if (f == t) {
          hits++;
          break;
        }
      }
    }
    return hits / (double) truth.length;
  }
}
