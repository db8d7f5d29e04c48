package io.quiver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import io.quiver.testkit.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four reader threads query, count and fetch while a writer upserts, deletes, flushes and merges.
 * The writer's calls are planned in advance, so the state after every prefix of calls is known;
 * every read must match the state after some prefix of the calls acknowledged around it, and a
 * thread never sees an older state than it saw before.
 */
class ConcurrencyTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("gen", DataType.INT32)
          .vector("v", DataType.VECTOR_FP32, 8, Metric.L2, VectorIndex.flat())
          .build();
  static final int IDS = 400;
  static final int CALLS = 300;
  static final int K = 10;

  @TempDir Path tmp;

  /** One planned write call: upserts (id to vector) or deletes. */
  record Call(Map<String, float[]> upserts, List<String> deletes) {}

  /** The expected answer to the fixed query, and the count, in one state. */
  record Expected(List<String> ids, List<Integer> gens, long count) {}

  @Test
  void readersSeeCommittedPrefixesOnly() throws Exception {
    long seed = Seeds.seed();
    Seeds.run(seed, () -> run(new Random(seed)));
  }

  private void run(Random rnd) throws Exception {
    float[] q = new float[8];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) rnd.nextGaussian();
    }
    List<Call> calls = new ArrayList<>();
    List<Expected> expected = new ArrayList<>();
    Map<String, float[]> state = new LinkedHashMap<>();
    Map<String, Integer> gens = new LinkedHashMap<>();
    expected.add(answer(state, gens, q));
    for (int c = 0; c < CALLS; c++) {
      Map<String, float[]> ups = new LinkedHashMap<>();
      List<String> dels = new ArrayList<>();
      boolean delete = c > 20 && rnd.nextInt(4) == 0;
      int n = 1 + rnd.nextInt(20);
      for (int j = 0; j < n; j++) {
        String id = "k" + rnd.nextInt(IDS);
        if (delete) {
          if (!dels.contains(id)) {
            dels.add(id);
          }
        } else {
          float[] v = new float[8];
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
          }
          ups.put(id, v);
        }
      }
      calls.add(new Call(ups, dels));
      for (var e : ups.entrySet()) {
        state.put(e.getKey(), e.getValue());
        gens.put(e.getKey(), c);
      }
      dels.forEach(
          id -> {
            state.remove(id);
            gens.remove(id);
          });
      expected.add(answer(state, gens, q));
    }

    AtomicInteger acked = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    try (Collection coll =
        Quiver.create(
            tmp.resolve("c"), SCHEMA, CollectionOptions.builder().queryThreads(2).build())) {
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th =
            new Thread(
                () -> {
                  int last = 0;
                  try {
                    while (!done.get()) {
                      int lo = acked.get();
                      List<Hit> hits =
                          coll.query(
                              Query.builder().vector("v", q).topK(K).outputFields("gen").build());
                      int hi = acked.get() + 1;
                      int p = match(expected, hits, Math.max(lo, last), Math.min(hi, CALLS));
                      assertTrue(
                          p >= 0,
                          "query result matches no state between calls "
                              + Math.max(lo, last)
                              + " and "
                              + hi
                              + ": "
                              + hits);
                      last = p;
                      lo = acked.get();
                      long count = coll.count();
                      hi = Math.min(acked.get() + 1, CALLS);
                      boolean any = false;
                      for (int s = Math.max(lo, last); s <= hi && !any; s++) {
                        any = expected.get(s).count() == count;
                      }
                      assertTrue(any, "count " + count + " matches no state in " + lo + ".." + hi);
                      reads.incrementAndGet();
                    }
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                },
                "reader-" + t);
        th.start();
        readers.add(th);
      }
      for (int c = 0; c < CALLS && errors.isEmpty(); c++) {
        Call call = calls.get(c);
        if (!call.deletes().isEmpty()) {
          coll.delete(call.deletes());
        } else {
          List<Document> docs = new ArrayList<>();
          for (var e : call.upserts().entrySet()) {
            docs.add(Document.builder(e.getKey()).set("gen", c).set("v", e.getValue()).build());
          }
          coll.upsert(docs).forEach(WriteResult::orThrow);
        }
        acked.set(c + 1);
        if (c % 15 == 14) {
          coll.flush();
        }
      }
      done.set(true);
      for (Thread th : readers) {
        th.join();
      }
    }
    if (!errors.isEmpty()) {
      AssertionError e = new AssertionError("a reader failed: " + errors.peek(), errors.peek());
      errors.forEach(e::addSuppressed);
      throw e;
    }
    assertTrue(reads.get() > 20, "readers ran only " + reads.get() + " times");
  }

  private static Expected answer(Map<String, float[]> state, Map<String, Integer> gens, float[] q) {
    List<Map.Entry<String, float[]>> all = new ArrayList<>(state.entrySet());
    all.sort((a, b) -> Double.compare(distance(q, a.getValue()), distance(q, b.getValue())));
    List<String> ids = new ArrayList<>();
    List<Integer> g = new ArrayList<>();
    for (int i = 0; i < Math.min(K, all.size()); i++) {
      ids.add(all.get(i).getKey());
      g.add(gens.get(all.get(i).getKey()));
    }
    return new Expected(ids, g, state.size());
  }

  private static double distance(float[] q, float[] v) {
    double s = 0;
    for (int i = 0; i < q.length; i++) {
      s += (q[i] - v[i]) * (double) (q[i] - v[i]);
    }
    return s;
  }

  /** The first state in {@code from..to} the hits match exactly (ids and versions), or -1. */
  private static int match(List<Expected> expected, List<Hit> hits, int from, int to) {
    List<String> ids = hits.stream().map(Hit::id).toList();
    List<Integer> gens = hits.stream().map(h -> h.document().getInt("gen")).toList();
    for (int s = from; s <= to; s++) {
      if (expected.get(s).ids().equals(ids) && expected.get(s).gens().equals(gens)) {
        return s;
      }
    }
    return -1;
  }
}
