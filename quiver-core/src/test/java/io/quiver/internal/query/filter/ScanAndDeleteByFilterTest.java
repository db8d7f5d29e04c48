package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.query.ScanPage;
import io.quiver.query.ScanRequest;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.RandomFilters;
import io.quiver.schema.Schema;
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
 * Filter-only scans return exactly the oracle's matching documents in code-point id order, page by
 * page, and resume after writes; deleteByFilter deletes exactly the oracle's matches; with every
 * scalar field unindexed, and with every one indexed.
 */
class ScanAndDeleteByFilterTest {
  @TempDir Path tmp;

  private Map<String, Document> model;
  private Random random;

  @ParameterizedTest(name = "indexed={0}")
  @ValueSource(booleans = {false, true})
  void scansAndFilteredDeletesMatchTheOracle(boolean indexed) throws Exception {
    long seed = Seeds.seed();
    Schema schema = indexed ? RandomDocuments.INDEXED : RandomDocuments.SCHEMA;
    Seeds.run(seed, () -> run(new Random(seed), schema));
  }

  private void run(Random rnd, Schema schema) {
    this.random = rnd;
    model = new LinkedHashMap<>();
    RandomFilters filters = new RandomFilters(rnd, schema);
    ReferenceEvaluator oracle = new ReferenceEvaluator(schema);
    Path dir = tmp.resolve("c");
    Collection c = Quiver.create(dir, schema);
    try {
      for (int phase = 0; phase < 3; phase++) {
        write(c, 200);
        if (phase < 2) {
          c.flush();
        }
      }
      for (int i = 0; i < 60; i++) {
        Filter f = i % 10 == 0 ? null : filters.filter(rnd.nextInt(3));
        assertEquals(expected(f, oracle, null), scanAll(c, f, 1 + rnd.nextInt(50)), "filter " + f);
      }
      // A scan resumed after writes continues with the new state after its cursor.
      for (int i = 0; i < 10; i++) {
        Filter f = filters.filter(rnd.nextInt(2));
        ScanPage first = c.scan(ScanRequest.of(f.toString(), 5));
        if (first.nextCursor() == null) {
          continue;
        }
        write(c, 30);
        List<String> rest = scanAll(c, f, 7, first.nextCursor());
        assertEquals(expected(f, oracle, first.nextCursor()), rest, "resumed scan of " + f);
      }
      for (int i = 0; i < 8; i++) {
        Filter f = filters.filter(rnd.nextInt(2));
        List<String> doomed = expected(f, oracle, null);
        long deleted = c.deleteByFilter(f.toString());
        assertEquals(doomed.size(), deleted, "deleteByFilter " + f);
        doomed.forEach(model::remove);
        assertEquals(model.size(), c.count());
        assertEquals(List.of(), scanAll(c, f, 100), "nothing passing " + f + " is left");
      }
      c.close();
      c = Quiver.open(dir);
      assertEquals(expected(null, oracle, null), scanAll(c, null, 64), "after reopen");
      assertThrows(InvalidArgumentException.class, () -> Quiver.open(tmp.resolve("none")));
      Collection cc = c;
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> cc.deleteByFilter(" "));
      assertTrue(e.getMessage().contains("needs a filter"), e.getMessage());
      assertNull(c.scan(ScanRequest.of("s2 = 'no such value here'", 10)).nextCursor());
    } finally {
      c.close();
    }
  }

  private void write(Collection c, int n) {
    Map<String, Document> byId = new LinkedHashMap<>();
    new RandomDocuments(random)
        .documents(n)
        .forEach(d -> byId.put(d.id() + "-" + random.nextInt(50), d));
    List<Document> docs = new ArrayList<>();
    byId.forEach((id, d) -> docs.add(Document.of(id, d.fields())));
    List<WriteResult> r = c.upsert(docs);
    for (int i = 0; i < docs.size(); i++) {
      if (r.get(i).ok()) {
        model.put(docs.get(i).id(), docs.get(i));
      }
    }
    List<String> del = new ArrayList<>();
    for (String id : model.keySet()) {
      if (random.nextInt(10) == 0) {
        del.add(id);
      }
    }
    c.delete(del);
    del.forEach(model::remove);
  }

  private List<String> expected(Filter f, ReferenceEvaluator oracle, String after) {
    List<String> out = new ArrayList<>();
    for (Document d : model.values()) {
      if ((f == null || oracle.matches(f, Document.of(d.id(), d.fields())))
          && (after == null || StringOrder.compare(d.id(), after) > 0)) {
        out.add(d.id());
      }
    }
    out.sort(StringOrder::compare);
    return out;
  }

  private static List<String> scanAll(Collection c, Filter f, int pageSize) {
    return scanAll(c, f, pageSize, null);
  }

  private static List<String> scanAll(Collection c, Filter f, int pageSize, String after) {
    List<String> ids = new ArrayList<>();
    ScanRequest req =
        new ScanRequest(f == null ? null : f.toString(), pageSize, after, List.of(), false);
    while (true) {
      ScanPage page = c.scan(req);
      page.documents().forEach(d -> ids.add(d.id()));
      if (page.nextCursor() == null) {
        return ids;
      }
      req = req.after(page.nextCursor());
    }
  }
}
