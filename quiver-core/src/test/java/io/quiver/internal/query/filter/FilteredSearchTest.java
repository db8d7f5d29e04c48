package io.quiver.internal.query.filter;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.query.Query;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.RandomFilters;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.testkit.Oracle;
import io.quiver.testkit.SearchCheck;
import io.quiver.testkit.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filtered exact search through the public API equals the brute-force oracle restricted to the
 * documents the reference interpreter accepts: random well-typed filters over every scalar type, on
 * documents full of nulls and empty arrays, in the memtable, in segments, after deletes and after
 * reopening; with every scalar field unindexed, and with every one indexed (segments then answer
 * from their inverted indexes, which must give the same rows).
 */
class FilteredSearchTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "indexed={0}")
  @ValueSource(booleans = {false, true})
  void filteredSearchMatchesTheOracle(boolean indexed) throws Exception {
    long seed = Seeds.seed();
    Schema schema = indexed ? RandomDocuments.INDEXED : RandomDocuments.SCHEMA;
    Seeds.run(seed, () -> run(new Random(seed), schema));
  }

  private void run(Random random, Schema schema) {
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
        check(c, random, filters, oracle, model, "phase " + phase + " memtable");
        if (phase % 2 == 0) {
          c.flush();
        }
        List<String> del = new ArrayList<>();
        for (String id : model.keySet()) {
          if (random.nextInt(6) == 0) {
            del.add(id);
          }
        }
        c.delete(del);
        del.forEach(model::remove);
        check(c, random, filters, oracle, model, "phase " + phase + " after deletes");
      }
      c.close();
      c = Quiver.open(dir);
      check(c, random, filters, oracle, model, "after reopen");
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
      String ctx) {
    for (int i = 0; i < 150; i++) {
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
    }
  }
}
