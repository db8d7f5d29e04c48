package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.query.SearchParams;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Searches from several threads at once give exactly the sequential results. */
class HnswConcurrentSearchTest {

  @Test
  void fourThreadsMatchSequential() throws Exception {
    long seed = TestVectors.seed();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Arena arena = Arena.ofShared()) {
      VectorSource base = TestVectors.clustered(arena, seed, 2000, 24, 12);
      HnswIndex index =
          HnswFixtures.load(
              HnswFixtures.bytes(base, Metric.L2, Quantization.INT8, 10, 64, seed), base);
      float[][] queries = TestVectors.queries(base, seed, 200);
      SearchParams params = SearchParams.DEFAULT.withEf(50);
      TopHits[] expected = new TopHits[queries.length];
      for (int i = 0; i < queries.length; i++) {
        expected[i] = index.search(queries[i], 10, params, row -> row % 7 != 0);
      }
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int rep = 0; rep < 3; rep++) {
                    for (int j = 0; j < queries.length; j++) {
                      int i = (j + offset * 50) % queries.length;
                      TopHits got = index.search(queries[i], 10, params, row -> row % 7 != 0);
                      HnswFixtures.assertSameHits(
                          expected[i], got, "query " + i + " (seed " + seed + ")");
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
