package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.SearchParams;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import io.quiver.testkit.Oracle;
import io.quiver.testkit.SearchCheck;
import io.quiver.testkit.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random writes, flushes, merges and reopens, each checked against an in-memory model
 * of what the collection must hold: statuses, counts, fetched documents and exact search results.
 */
class RandomizedModelTest {
  static final Schema SCHEMA =
      Schema.builder()
          .nullableScalar("title", DataType.STRING)
          .scalar("n", DataType.INT64)
          .nullableScalar("tags", DataType.ARRAY_STRING)
          .nullableScalar("score", DataType.DOUBLE)
          .nullableScalar("flag", DataType.BOOL)
          .vector("v", DataType.VECTOR_FP32, 8, Metric.L2, VectorIndex.flat())
          .add(
              io.quiver.schema.VectorField.dense("c", DataType.VECTOR_INT8, 4, Metric.COSINE)
                  .asNullable())
          .add(
              io.quiver.schema.VectorField.dense("h", DataType.VECTOR_FP16, 4, Metric.IP)
                  .asNullable())
          .build();

  @TempDir Path tmp;

  @Test
  void randomOperationsMatchTheModel() throws Exception {
    long seed = Seeds.seed();
    int steps = Integer.getInteger("quiver.model.steps", 4000);
    Seeds.run(seed, () -> runModel(new Random(seed), steps));
  }

  private final Map<String, Document> model = new LinkedHashMap<>();
  private Collection c;
  private Random rnd;

  private CollectionOptions options() {
    // Durability is the crash test's subject; without per-call fsyncs this test affords more steps.
    return CollectionOptions.builder()
        .flushThresholdMb(1)
        .queryThreads(2)
        .durability(Durability.BUFFERED_UNSAFE)
        .build();
  }

  private void runModel(Random random, int steps) {
    this.rnd = random;
    Path dir = tmp.resolve("model");
    c = Quiver.create(dir, SCHEMA, options());
    try {
      for (int step = 0; step < steps; step++) {
        int op = rnd.nextInt(100);
        String ctx = "step " + step;
        if (op < 25) {
          insert(ctx);
        } else if (op < 45) {
          upsert(ctx);
        } else if (op < 60) {
          update(ctx);
        } else if (op < 75) {
          delete(ctx);
        } else if (op < 80) {
          c.flush();
        } else if (op < 82) {
          c.close();
          c = Quiver.open(dir, options());
        } else if (op < 83) {
          c.optimize();
        } else {
          check(ctx);
        }
        assertEquals(model.size(), c.count(), ctx + ": count");
      }
      check("final");
      c.close();
      c = Quiver.open(dir, options());
      check("after final reopen");
    } finally {
      c.close();
    }
  }

  private String randomId() {
    return "id-" + rnd.nextInt(300);
  }

  private List<String> distinctIds(int n) {
    Set<String> ids = new HashSet<>();
    while (ids.size() < n) {
      ids.add(randomId());
    }
    return new ArrayList<>(ids);
  }

  private Object value(String field) {
    return switch (field) {
      case "title" -> rnd.nextInt(5) == 0 ? null : "title " + rnd.nextInt(1000) + " é✓";
      case "n" -> rnd.nextLong(-1_000_000, 1_000_000);
      case "tags" -> {
        if (rnd.nextInt(4) == 0) {
          yield null;
        }
        List<String> l = new ArrayList<>();
        int k = rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
          l.add("t" + rnd.nextInt(10));
        }
        yield List.copyOf(l);
      }
      case "score" -> rnd.nextInt(4) == 0 ? null : rnd.nextDouble() * 100;
      case "flag" -> rnd.nextInt(4) == 0 ? null : rnd.nextBoolean();
      case "v" -> {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextGaussian();
        }
        yield v;
      }
      case "c" -> {
        if (rnd.nextInt(4) == 0) {
          yield null;
        }
        byte[] b = new byte[4];
        do {
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(-128, 128);
          }
        } while (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0);
        yield b;
      }
      case "h" -> {
        if (rnd.nextInt(4) == 0) {
          yield null;
        }
        float[] h = new float[4];
        for (int i = 0; i < h.length; i++) {
          h[i] = rnd.nextInt(-16, 17) * 0.25f;
        }
        yield h;
      }
      default -> throw new IllegalArgumentException(field);
    };
  }

  private Document fullDoc(String id) {
    Document.Builder b = Document.builder(id);
    for (var f : SCHEMA.fields()) {
      b.set(f.name(), value(f.name()));
    }
    return b.build();
  }

  /** A document that breaks one rule, and must be refused alone. */
  private Document invalidDoc(String id) {
    Document ok = fullDoc(id);
    return switch (rnd.nextInt(4)) {
      case 0 -> ok.toBuilder().set("v", new float[3]).build();
      case 1 -> ok.toBuilder().remove("n").build();
      case 2 -> ok.toBuilder().set("unknown", 1).build();
      default -> ok.toBuilder().set("v", new float[] {0, 0, 0, 0, 0, 0, 0, Float.NaN}).build();
    };
  }

  private void insert(String ctx) {
    List<String> ids = distinctIds(1 + rnd.nextInt(8));
    List<Document> docs = new ArrayList<>();
    int bad = rnd.nextInt(5) == 0 ? rnd.nextInt(ids.size()) : -1;
    for (int i = 0; i < ids.size(); i++) {
      docs.add(i == bad ? invalidDoc(ids.get(i)) : fullDoc(ids.get(i)));
    }
    List<WriteResult> r = c.insert(docs);
    for (int i = 0; i < docs.size(); i++) {
      String id = ids.get(i);
      if (i == bad) {
        assertEquals(WriteStatus.INVALID_ARGUMENT, r.get(i).status(), ctx + " insert " + id);
      } else if (model.containsKey(id)) {
        assertEquals(WriteStatus.ALREADY_EXISTS, r.get(i).status(), ctx + " insert " + id);
      } else {
        assertEquals(WriteStatus.OK, r.get(i).status(), ctx + " insert " + id + ": " + r.get(i));
        model.put(id, docs.get(i));
      }
    }
  }

  private void upsert(String ctx) {
    List<Document> docs = new ArrayList<>();
    for (String id : distinctIds(1 + rnd.nextInt(8))) {
      docs.add(fullDoc(id));
    }
    List<WriteResult> r = c.upsert(docs);
    for (int i = 0; i < docs.size(); i++) {
      assertTrue(r.get(i).ok(), ctx + " upsert: " + r.get(i));
      model.put(docs.get(i).id(), docs.get(i));
    }
  }

  private void update(String ctx) {
    List<Document> docs = new ArrayList<>();
    for (String id : distinctIds(1 + rnd.nextInt(6))) {
      Document.Builder b = Document.builder(id);
      for (var f : SCHEMA.fields()) {
        if (rnd.nextInt(3) == 0) {
          Object v = value(f.name());
          if (v != null || f.nullable()) {
            b.set(f.name(), v);
          }
        }
      }
      docs.add(b.build());
    }
    List<WriteResult> r = c.update(docs);
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      Document old = model.get(d.id());
      if (old == null) {
        assertEquals(WriteStatus.NOT_FOUND, r.get(i).status(), ctx + " update " + d.id());
      } else {
        assertTrue(r.get(i).ok(), ctx + " update: " + r.get(i));
        Document.Builder merged = old.toBuilder();
        d.fields().forEach(merged::set);
        model.put(d.id(), merged.build());
      }
    }
  }

  private void delete(String ctx) {
    List<String> ids = distinctIds(1 + rnd.nextInt(6));
    List<WriteResult> r = c.delete(ids);
    for (int i = 0; i < ids.size(); i++) {
      boolean had = model.remove(ids.get(i)) != null;
      assertEquals(
          had ? WriteStatus.OK : WriteStatus.NOT_FOUND, r.get(i).status(), ctx + " delete");
    }
  }

  private void check(String ctx) {
    List<String> ids = distinctIds(10);
    Map<String, Document> got = c.fetch(ids, null, true);
    for (String id : ids) {
      Document expected = model.get(id);
      assertEquals(expected, got.get(id), ctx + ": fetch " + id);
    }
    for (String field : List.of("v", "c", "h")) {
      float[] q = queryVector(field);
      int k = 1 + rnd.nextInt(12);
      var vf = (io.quiver.schema.VectorField) SCHEMA.field(field).orElseThrow();
      var ranking = Oracle.rank(model.values(), field, vf.metric(), q);
      List<Hit> hits =
          c.query(Query.builder().vector(field, q).topK(k).params(SearchParams.EXACT).build());
      SearchCheck.assertExactTopK(hits, ranking, k, ctx + " exact query " + field);
      // The default path (an index once built) must give a valid answer too.
      SearchCheck.assertValidHits(
          c.query(Query.builder().vector(field, q).topK(k).build()),
          ranking,
          k,
          vf.metric().higherIsBetter(),
          ctx + " query " + field);
      for (Hit h : hits) {
        Document full = model.get(h.id());
        assertEquals(full.get("title"), h.document().get("title"), ctx + ": hit fields");
      }
    }
  }

  private float[] queryVector(String field) {
    Object v = value(field);
    while (v == null) {
      v = value(field);
    }
    if (v instanceof byte[] b) {
      float[] f = new float[b.length];
      for (int i = 0; i < b.length; i++) {
        f[i] = b[i];
      }
      return f;
    }
    return (float[]) v;
  }
}
