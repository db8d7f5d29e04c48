package io.quiver.internal.index.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scalar-quantized distances against exact ones. */
class ScalarCodesTest {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @ParameterizedTest
  @EnumSource(Metric.class)
  void codeDistancesTrackExactOnes(Metric metric) {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, 300, 40, 5);
      for (int bits : new int[] {8, 4}) {
        ScalarCodes codes = ScalarCodes.train(base, metric, bits);
        assertFalse(codes.lossless(), "fractional data is not lossless");
        MemorySegment data = encodeAll(arena, base, codes);
        CodeScorer scorer = codes.scorer(data, 0, codes.codeBytes());
        float[] q = TestVectors.queries(base, seed, 1)[0];
        scorer.setQuery(q);
        float[] batch = new float[base.size()];
        int[] nodes = new int[base.size()];
        for (int i = 0; i < nodes.length; i++) {
          nodes[i] = i;
        }
        scorer.distances(nodes, nodes.length, batch);
        double maxErr = 0;
        double spread = 0;
        float[] x = new float[base.dimension()];
        for (int i = 0; i < base.size(); i++) {
          base.readRow(i, x);
          double exact = TestVectors.distance(metric, q, x);
          maxErr = Math.max(maxErr, Math.abs(exact - batch[i]));
          spread = Math.max(spread, Math.abs(exact));
          assertEquals(scorer.distance(i), batch[i], 1e-3f * Math.max(1, Math.abs(batch[i])));
        }
        // Quantization error relative to the range of distances: ~1/255 per dimension for 8 bits.
        double bound = bits == 8 ? 0.02 : 0.25;
        assertTrue(
            maxErr <= bound * spread,
            metric
                + " "
                + bits
                + " bits: error "
                + maxErr
                + " vs spread "
                + spread
                + " (seed "
                + seed
                + ")");
        if (bits == 8) {
          PairDistance pairs = codes.pairs(data, 0, codes.codeBytes());
          float[] y = new float[base.dimension()];
          base.readRow(3, x);
          base.readRow(7, y);
          double exact = TestVectors.distance(metric, x, y);
          if (metric == Metric.IP) {
            exact = -dot(x, y);
          }
          assertEquals(exact, pairs.between(3, 7), bound * spread, "pair (seed " + seed + ")");
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Metric.class,
      names = {"L2", "IP"})
  void integerDataIsCodedLosslessly(Metric metric) {
    long seed = TestVectors.seed();
    SplittableRandom r = new SplittableRandom(seed);
    int n = 200;
    int dim = 33;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment raw = arena.allocate(4L * n * dim);
      for (long i = 0; i < (long) n * dim; i++) {
        raw.set(F32, 4 * i, (float) (r.nextInt(256) + (i % dim == 5 ? 1000 : 0)));
      }
      VectorSource base = VectorSource.ofF32(raw, n, dim);
      ScalarCodes codes = ScalarCodes.train(base, metric, 8);
      assertTrue(codes.lossless(), "seed " + seed);
      MemorySegment data = encodeAll(arena, base, codes);
      CodeScorer precise = codes.preciseScorer(data, 0, codes.codeBytes());
      float[] q = new float[dim];
      base.readRow(17, q);
      precise.setQuery(q);
      float[] x = new float[dim];
      for (int i = 0; i < n; i++) {
        base.readRow(i, x);
        double exact = TestVectors.distance(metric, q, x);
        assertEquals(
            exact, precise.distance(i), 1e-6 * Math.max(1, Math.abs(exact)), "seed " + seed);
      }
      if (metric == Metric.L2) {
        assertEquals(0f, precise.distance(17), "a stored vector is at distance 0 from itself");
      }
    }
  }

  private static MemorySegment encodeAll(Arena arena, VectorSource base, ScalarCodes codes) {
    MemorySegment data = arena.allocate((long) base.size() * codes.codeBytes());
    float[] x = new float[base.dimension()];
    for (int i = 0; i < base.size(); i++) {
      base.readRow(i, x);
      codes.encode(x, data, (long) i * codes.codeBytes());
    }
    return data;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
