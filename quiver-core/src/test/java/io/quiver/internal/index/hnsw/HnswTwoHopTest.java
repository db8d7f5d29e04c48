package io.quiver.internal.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.Arena;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-hop filtered traversal returns only accepted rows, with recall against the filtered
 * oracle comparable to checking candidates as found, at selectivities from 2% to 50%, for random
 * filters (uncorrelated with the vectors) and for filters that keep whole clusters (correlated).
 */
class HnswTwoHopTest {
  static final int N = 4000;
  static final int DIM = 24;
  static final int K = 10;
  static final int EF = 64;
  static final int QUERIES = 40;

  @ParameterizedTest(name = "selectivity {0}")
  @ValueSource(doubles = {0.02, 0.1, 0.5})
  void onlyAcceptedRowsWithGoodRecall(double selectivity) {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, N, DIM, 20);
      HnswIndex index =
          HnswFixtures.load(
              HnswFixtures.bytes(base, Metric.L2, Quantization.NONE, 12, 100, seed), base);
      SplittableRandom r = new SplittableRandom(seed);
      BitSet random = new BitSet(N);
      BitSet byRegion = new BitSet(N);
      float[] x = new float[DIM];
      for (int i = 0; i < N; i++) {
        random.set(i, r.nextDouble() < selectivity);
        // Correlated with the vectors: a slab of space along the first coordinate.
        base.readRow(i, x);
        byRegion.set(i, x[0] < quantile(base, selectivity));
      }
      float[][] queries = TestVectors.queries(base, seed, QUERIES);
      for (BitSet accepted : new BitSet[] {random, byRegion}) {
        double twoHop = 0;
        double asFound = 0;
        HnswSearcher sa = index.newSearcher();
        HnswSearcher sb = index.newSearcher();
        for (float[] q : queries) {
          int[] truth = TestVectors.bruteForce(base, Metric.L2, q, K, accepted::get);
          TopHits a = sa.search(q, K, EF, 0, accepted::get, true);
          TopHits b = sb.search(q, K, EF, 0, accepted::get, false);
          for (int row : a.rows()) {
            assertTrue(accepted.get(row), "rejected row " + row + " returned (seed " + seed + ")");
          }
          twoHop += TestVectors.recall(truth, a.rows());
          asFound += TestVectors.recall(truth, b.rows());
        }
        twoHop /= QUERIES;
        asFound /= QUERIES;
        String ctx =
            String.format(
                "selectivity %.2f, %s filter: two-hop recall %.3f (%d codes scored), as-found"
                    + " %.3f (%d) (seed %d)",
                selectivity,
                accepted == random ? "random" : "correlated",
                twoHop,
                sa.scoredCount(),
                asFound,
                sb.scoredCount(),
                seed);
        System.out.println(ctx);
        assertTrue(twoHop >= 0.9, ctx);
      }
    }
  }

  private static float quantile(VectorSource base, double q) {
    float[] first = new float[base.size()];
    float[] x = new float[base.dimension()];
    for (int i = 0; i < first.length; i++) {
      base.readRow(i, x);
      first[i] = x[0];
    }
    java.util.Arrays.sort(first);
    return first[(int) Math.min(first.length - 1, q * first.length)];
  }
}
