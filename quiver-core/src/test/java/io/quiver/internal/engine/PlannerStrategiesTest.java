package io.quiver.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Strategy;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import io.quiver.testkit.Oracle;
import io.quiver.testkit.SearchCheck;
import io.quiver.testkit.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every planner strategy, forced in turn through the thresholds, returns a valid answer: exactly
 * {@code min(topK, matching live rows)} hits, each a matching live document with its true score,
 * best first; and the graph strategies find most of the true neighbours. Random filters of every
 * selectivity from none to all rows, over indexed and unindexed fields and their combinations, on
 * two HNSW-indexed segments with deletions and an in-memory segment; once with scalar indexes on
 * three of the four fields, once with none. The exact strategies must give the exact top k.
 */
class PlannerStrategiesTest {
  private static final int DIM = 16;

  private static Schema schema(boolean indexed) {
    return Schema.builder()
        .add(indexed(ScalarField.of("cat", DataType.INT32), indexed))
        .add(ScalarField.of("u", DataType.INT32))
        .add(indexed(ScalarField.of("tag", DataType.STRING), indexed))
        .add(indexed(ScalarField.of("flag", DataType.BOOL), indexed))
        .vector(
            "v",
            DataType.VECTOR_FP32,
            DIM,
            Metric.L2,
            VectorIndex.hnsw(8, 60, io.quiver.schema.Quantization.NONE))
        .build();
  }

  private static ScalarField indexed(ScalarField f, boolean indexed) {
    return indexed ? f.asIndexed() : f;
  }

  /** A filter as text and as the oracle's predicate. */
  private record Case(String text, Predicate<Document> matches) {}

  @TempDir Path tmp;

  @ParameterizedTest(name = "indexed={0}")
  @ValueSource(booleans = {false, true})
  void everyStrategyReturnsTopKWhenTopKRowsMatch(boolean indexed) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(seed, () -> run(new Random(seed), schema(indexed)));
  }

  private void run(Random random, Schema schema) {
    Map<String, Document> model = new LinkedHashMap<>();
    float[][] centres = new float[8][DIM];
    for (float[] c : centres) {
      for (int i = 0; i < DIM; i++) {
        c[i] = (float) random.nextGaussian() * 3;
      }
    }
    try (Collection c = Quiver.create(tmp.resolve("c"), schema)) {
      int next = 0;
      for (int batch : new int[] {1500, 2000, 400}) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < batch; i++, next++) {
          float[] v = centres[random.nextInt(centres.length)].clone();
          for (int d = 0; d < DIM; d++) {
            v[d] += (float) random.nextGaussian();
          }
          docs.add(
              Document.builder("d" + next)
                  .set("cat", random.nextInt(1000))
                  .set("u", random.nextInt(1000))
                  .set("tag", "t" + random.nextInt(10))
                  .set("flag", random.nextBoolean())
                  .set("v", v)
                  .build());
        }
        c.insert(docs);
        docs.forEach(d -> model.put(d.id(), d));
        List<String> doomed = new ArrayList<>();
        for (String id : model.keySet()) {
          if (random.nextInt(12) == 0) {
            doomed.add(id);
          }
        }
        c.delete(doomed);
        doomed.forEach(model::remove);
        if (batch != 400) {
          c.optimize();
        }
      }
      Engine engine = ((LocalCollection) c).engine();
      for (ForcedPlans.Preset preset : ForcedPlans.Preset.values()) {
        Searcher searcher = new Searcher(null, 1, preset.thresholds());
        double recall = 0;
        int graphQueries = 0;
        View v = engine.acquire();
        try {
          for (int i = 0; i < 60; i++) {
            Case f = filter(random);
            float[] q = centres[random.nextInt(centres.length)].clone();
            for (int d = 0; d < DIM; d++) {
              q[d] += (float) random.nextGaussian();
            }
            int k = 1 + random.nextInt(40);
            List<Document> passing = new ArrayList<>();
            for (Document d : model.values()) {
              if (f.matches().test(d)) {
                passing.add(d);
              }
            }
            var ranking = Oracle.rank(passing, "v", Metric.L2, q);
            Query query = Query.builder().vector("v", q).topK(k).filter(f.text()).build();
            String ctx = preset.name() + ", filter " + f.text() + ", k " + k;
            List<Hit> hits = searcher.search(v, query);
            if (preset.exact()) {
              SearchCheck.assertExactTopK(hits, ranking, k, ctx);
            } else {
              SearchCheck.assertValidHits(hits, ranking, k, false, ctx);
            }
            QueryPlan plan = searcher.explain(v, query);
            boolean graph = false;
            for (QueryPlan.Source s : plan.sources()) {
              if (s.source().startsWith("memtable")) {
                assertTrue(s.strategy() == Strategy.EXACT_SCAN, ctx + ": " + plan);
                continue;
              }
              if (preset.forced() != null && !preset.exact()) {
                boolean fewEnough =
                    s.estimatedMatches() <= k
                        && (s.strategy() == Strategy.EXACT_CANDIDATES
                            || s.strategy() == Strategy.EXACT_SCAN);
                assertTrue(
                    s.strategy() == preset.forced() || s.strategy() == Strategy.SKIP || fewEnough,
                    ctx + ": " + plan);
              }
              if (preset.exact()) {
                assertTrue(!s.strategy().name().startsWith("GRAPH"), ctx + ": " + plan);
              }
              graph |= s.strategy().name().startsWith("GRAPH");
            }
            if (graph) {
              recall += SearchCheck.recall(hits, ranking, k);
              graphQueries++;
            }
          }
        } finally {
          v.release();
        }
        if (graphQueries > 0) {
          double mean = recall / graphQueries;
          assertTrue(mean >= 0.9, preset.name() + ": mean recall " + mean + " below 0.9");
        }
      }
    }
  }

  /** A random filter of any selectivity, over indexed and unindexed fields. */
  private static Case filter(Random random) {
    int[] bounds = {0, 1, 3, 10, 30, 100, 300, 500, 900, 1000};
    int t = bounds[random.nextInt(bounds.length)];
    int t2 = bounds[random.nextInt(bounds.length)];
    int tag = random.nextInt(10);
    return switch (random.nextInt(7)) {
      case 0 -> new Case("cat < " + t, d -> d.getInt("cat") < t);
      case 1 -> new Case("u < " + t, d -> d.getInt("u") < t);
      case 2 ->
          new Case(
              "cat < " + t + " AND u >= " + t2, d -> d.getInt("cat") < t && d.getInt("u") >= t2);
      case 3 ->
          new Case(
              "tag = 't" + tag + "' OR cat < " + t,
              d -> d.getString("tag").equals("t" + tag) || d.getInt("cat") < t);
      case 4 ->
          new Case(
              "cat IN (" + t + ", " + t2 + ", 7)",
              d -> d.getInt("cat") == t || d.getInt("cat") == t2 || d.getInt("cat") == 7);
      case 5 ->
          new Case(
              "NOT (cat < " + t + ") AND flag = true",
              d -> d.getInt("cat") >= t && d.getBool("flag"));
      default ->
          new Case(
              "u < " + t + " OR tag IN ('t" + tag + "', 't9')",
              d ->
                  d.getInt("u") < t
                      || d.getString("tag").equals("t" + tag)
                      || d.getString("tag").equals("t9"));
    };
  }
}
