package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.internal.engine.ForcedPlans;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Strategy;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.RandomFilters;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.testkit.Oracle;
import io.quiver.testkit.SearchCheck;
import io.quiver.testkit.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filtered search through the public API equals the brute-force oracle restricted to the documents
 * the reference interpreter accepts: random well-typed filters over every scalar type, on documents
 * full of nulls and empty arrays, in the memtable, in segments, after deletes and after reopening;
 * with every scalar field unindexed, and with every one indexed (segments then answer from their
 * inverted indexes, which must give the same rows); with an exact vector field and with an HNSW
 * one. Each query also runs under every planner strategy forced in turn ({@link ForcedPlans}):
 * exact scoring of the index candidates (pre-filtering) and of every row must give the exact top k;
 * the graph traversals (two-hop and checking as found, over index candidates or the filter) a valid
 * answer of exactly {@code min(k, matching rows)} hits. With HNSW, every strategy must have been
 * taken at least once.
 */
class FilteredSearchTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "indexed={0}, hnsw={1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void filteredSearchMatchesTheOracle(boolean indexed, boolean hnsw) throws Exception {
    long seed = Seeds.seed();
    Schema schema = RandomDocuments.schema(indexed, hnsw);
    Set<Strategy> taken = EnumSet.noneOf(Strategy.class);
    Seeds.run(seed, () -> run(new Random(seed), schema, hnsw, taken));
    if (hnsw) {
      Set<Strategy> expected =
          EnumSet.of(Strategy.EXACT_SCAN, Strategy.GRAPH_TWO_HOP, Strategy.GRAPH_CHECK_AS_FOUND);
      if (indexed) {
        // The indexes give candidates, and prove that no row of a segment matches.
        expected.add(Strategy.EXACT_CANDIDATES);
        expected.add(Strategy.SKIP);
      }
      assertTrue(taken.containsAll(expected), Seeds.describe(seed) + ": strategies " + taken);
    }
  }

  private void run(Random random, Schema schema, boolean hnsw, Set<Strategy> taken) {
    Map<String, Document> model = new LinkedHashMap<>();
    RandomDocuments docs = new RandomDocuments(random);
    RandomFilters filters = new RandomFilters(random, schema);
    ReferenceEvaluator oracle = new ReferenceEvaluator(schema);
    Path dir = tmp.resolve("c");
    Collection c = Quiver.create(dir, schema);
    try {
      for (int phase = 0; phase < 4; phase++) {
        List<Document> batch = docs.documents(250);
        Map<String, Document> byId = new LinkedHashMap<>();
        batch.forEach(d -> byId.put(d.id(), d));
        List<Document> unique = new ArrayList<>(byId.values());
        List<WriteResult> r = c.upsert(unique);
        for (int i = 0; i < unique.size(); i++) {
          if (r.get(i).ok()) {
            model.put(unique.get(i).id(), unique.get(i));
          }
        }
        check(c, random, filters, oracle, model, taken, "phase " + phase + " memtable");
        if (phase % 2 == 0) {
          if (hnsw) {
            c.optimize(); // flushes and builds the graphs
          } else {
            c.flush();
          }
        }
        List<String> del = new ArrayList<>();
        for (String id : model.keySet()) {
          if (random.nextInt(6) == 0) {
            del.add(id);
          }
        }
        c.delete(del);
        del.forEach(model::remove);
        check(c, random, filters, oracle, model, taken, "phase " + phase + " after deletes");
      }
      c.close();
      c = Quiver.open(dir);
      check(c, random, filters, oracle, model, taken, "after reopen");
    } finally {
      c.close();
    }
  }

  private static void check(
      Collection c,
      Random random,
      RandomFilters filters,
      ReferenceEvaluator oracle,
      Map<String, Document> model,
      Set<Strategy> taken,
      String ctx) {
    for (int i = 0; i < 100; i++) {
      Filter f = filters.filter(random.nextInt(3));
      float[] q = {random.nextFloat(), random.nextFloat()};
      int k = 1 + random.nextInt(40);
      List<Document> passing = new ArrayList<>();
      for (Document d : model.values()) {
        if (oracle.matches(f, d)) {
          passing.add(d);
        }
      }
      var ranking = Oracle.rank(passing, "vec", Metric.L2, q);
      var exact =
          c.query(
              Query.builder()
                  .vector("vec", q)
                  .topK(k)
                  .filter(f.toString())
                  .params(io.quiver.query.SearchParams.EXACT)
                  .build());
      SearchCheck.assertExactTopK(exact, ranking, k, ctx + " exact, filter " + f);
      var indexed = c.query(Query.builder().vector("vec", q).topK(k).filter(f.toString()).build());
      SearchCheck.assertValidHits(indexed, ranking, k, false, ctx + " indexed, filter " + f);
      Query query = Query.builder().vector("vec", q).topK(k).filter(f.toString()).build();
      for (ForcedPlans.Preset preset : ForcedPlans.Preset.values()) {
        String where = ctx + ", " + preset + ", filter " + f + ", k " + k;
        List<Hit> hits = ForcedPlans.search(c, query, preset);
        if (preset.exact()) {
          SearchCheck.assertExactTopK(hits, ranking, k, where);
        } else {
          SearchCheck.assertValidHits(hits, ranking, k, false, where);
        }
        QueryPlan plan = ForcedPlans.explain(c, query, preset);
        for (QueryPlan.Source s : plan.sources()) {
          if (s.source().startsWith("memtable")) {
            assertTrue(
                s.strategy() == Strategy.EXACT_SCAN
                    || (s.strategy() == Strategy.SKIP && s.liveRows() == 0),
                where + ": " + plan);
            continue;
          }
          taken.add(s.strategy());
          if (preset.exact()) {
            // The indexes are read even under EXACT_SCAN where they say no row qualifies.
            assertTrue(
                s.strategy() != Strategy.GRAPH_TWO_HOP
                    && s.strategy() != Strategy.GRAPH_CHECK_AS_FOUND
                    && s.strategy() != Strategy.GRAPH,
                where + ": " + plan);
          } else if (preset.forced() != null
              && s.vectorIndex() != null
              && s.strategy() != Strategy.SKIP
              && s.estimatedMatches() > k) {
            assertEquals(preset.forced(), s.strategy(), where + ": " + plan);
          }
        }
      }
    }
  }
}
