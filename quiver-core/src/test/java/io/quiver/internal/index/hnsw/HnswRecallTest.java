package io.quiver.internal.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.index.Distances;
import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.VectorIndex;
import java.lang.foreign.Arena;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Recall against the exact oracle for every metric and traversal quantization. */
class HnswRecallTest {
  static final int N = 2000;
  static final int DIM = 32;
  static final int K = 10;
  static final int EF = 64;
  // Four bits per dimension cannot order close neighbours of this data: wider beam, more
  // re-ranking.
  static final int EF_INT4 = 200;
  static final int REFINE_INT4 = 10;
  static final int QUERIES = 50;

  static Stream<Arguments> cases() {
    return Stream.of(Metric.values())
        .flatMap(
            m ->
                Stream.of(
                        Quantization.NONE, Quantization.FP16, Quantization.INT8, Quantization.INT4)
                    .map(q -> Arguments.of(m, q)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void recallFloor(Metric metric, Quantization quant) {
    int ef = quant == Quantization.INT4 ? EF_INT4 : EF;
    int refine = quant == Quantization.INT4 ? REFINE_INT4 : 0;
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, N, DIM, 20);
      HnswIndex index =
          HnswFixtures.load(HnswFixtures.bytes(base, metric, quant, 12, 100, seed), base);
      float[][] queries = TestVectors.queries(base, seed, QUERIES);
      double recall = 0;
      float[] x = new float[DIM];
      for (float[] q : queries) {
        TopHits hits = index.newSearcher().search(q, K, ef, refine, null);
        int[] truth = TestVectors.bruteForce(base, metric, q, K, null);
        recall += TestVectors.recall(truth, hits.rows());
        for (int i = 0; i < hits.size(); i++) {
          base.readRow(hits.rows()[i], x);
          float expected = Distances.toScore(metric, (float) TestVectors.distance(metric, q, x));
          assertEquals(
              expected,
              hits.scores()[i],
              1e-3f * Math.max(1, Math.abs(expected)),
              "exact score of hit " + i + " (seed " + seed + ")");
          if (i > 0) {
            float prev = hits.scores()[i - 1];
            float cur = hits.scores()[i];
            assertTrue(
                metric.higherIsBetter() ? prev >= cur : prev <= cur,
                "hits best first (seed " + seed + ")");
          }
        }
      }
      recall /= QUERIES;
      assertTrue(
          recall >= 0.95,
          metric
              + " "
              + quant
              + " recall@"
              + K
              + " at ef "
              + EF
              + " = "
              + recall
              + " (seed "
              + seed
              + ")");
    }
  }

  @Test
  void concurrentBuildKeepsRecall() throws Exception {
    long seed = TestVectors.seed();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Arena arena = Arena.ofShared()) {
      VectorSource base = TestVectors.clustered(arena, seed, N, DIM, 20);
      byte[] bytes;
      try (HnswGraph g =
          HnswBuilder.build(
              base, Metric.L2, new VectorIndex.Hnsw(12, 100, Quantization.INT8), seed, 4, pool)) {
        bytes = HnswFixtures.bytes(g);
      }
      HnswIndex index = HnswFixtures.load(bytes, base);
      double recall = 0;
      for (float[] q : TestVectors.queries(base, seed, QUERIES)) {
        recall +=
            TestVectors.recall(
                TestVectors.bruteForce(base, Metric.L2, q, K, null),
                index.newSearcher().search(q, K, EF, 0, null).rows());
      }
      recall /= QUERIES;
      assertTrue(recall >= 0.95, "recall " + recall + " (seed " + seed + ")");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void emptyAndTinySegments() {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      for (int n : new int[] {0, 1, 2, 5}) {
        VectorSource base = TestVectors.clustered(arena, seed, n, 8, 2);
        HnswIndex index =
            HnswFixtures.load(
                HnswFixtures.bytes(base, Metric.L2, Quantization.INT8, 4, 8, seed), base);
        float[] q = new float[8];
        TopHits hits = index.newSearcher().search(q, 3, 0, 0, null);
        assertEquals(Math.min(n, 3), hits.size(), "n " + n + " (seed " + seed + ")");
        assertArrayEqualsSorted(TestVectors.bruteForce(base, Metric.L2, q, 3, null), hits.rows());
      }
    }
  }

  private static void assertArrayEqualsSorted(int[] expected, int[] actual) {
    assertEquals(
        java.util.Arrays.toString(java.util.Arrays.stream(expected).sorted().toArray()),
        java.util.Arrays.toString(java.util.Arrays.stream(actual).sorted().toArray()));
  }
}
