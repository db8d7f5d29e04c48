package io.quiver.internal.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.RoaringBitmap;

/** Deleted rows are traversed but never returned, and recall over the live rows holds. */
class HnswDeleteTest {

  @ParameterizedTest
  @EnumSource(
      value = Quantization.class,
      names = {"NONE", "INT8"})
  void deletedRowsAreNeverReturned(Quantization quant) {
    long seed = TestVectors.seed();
    int n = 2000;
    int k = 10;
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, n, 24, 16);
      HnswIndex index =
          HnswFixtures.load(HnswFixtures.bytes(base, Metric.L2, quant, 12, 100, seed), base);
      SplittableRandom r = new SplittableRandom(seed);
      RoaringBitmap deleted = new RoaringBitmap();
      for (int i = 0; i < n; i++) {
        if (r.nextDouble() < 0.3) {
          deleted.add(i);
        }
      }
      IntPredicate live = row -> !deleted.contains(row);
      double recall = 0;
      float[][] queries = TestVectors.queries(base, seed, 50);
      HnswSearcher s = index.newSearcher();
      for (float[] q : queries) {
        TopHits hits = s.search(q, k, 64, 0, live);
        assertEquals(k, hits.size(), "a full page of live hits (seed " + seed + ")");
        for (int row : hits.rows()) {
          assertFalse(
              deleted.contains(row), "deleted row " + row + " returned (seed " + seed + ")");
        }
        recall +=
            TestVectors.recall(TestVectors.bruteForce(base, Metric.L2, q, k, live), hits.rows());
      }
      recall /= queries.length;
      assertTrue(
          recall >= 0.93, "live recall " + recall + " after deleting 30% (seed " + seed + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Quantization.class,
      names = {"INT8"})
  void everythingDeletedGivesNothing(Quantization quant) {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, 300, 8, 4);
      HnswIndex index =
          HnswFixtures.load(HnswFixtures.bytes(base, Metric.L2, quant, 8, 32, seed), base);
      assertEquals(0, index.newSearcher().search(new float[8], 5, 20, 0, row -> false).size());
      assertEquals(
          1,
          index.newSearcher().search(new float[8], 5, 20, 0, row -> row == 123).size(),
          "a single live row is still found (seed " + seed + ")");
    }
  }
}
