package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.SearchParams;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HNSW and IVF through the public API: recall floors against the exact oracle for every index kind,
 * metric and quantization (and rotated integer and PQ codes), across segments, deletes and a
 * filter; index completeness; identical results after reopening; correct answers from queries that
 * run while indexes are built.
 */
class IndexedSearchTest {
  static final int DIM = 24;

  @TempDir Path tmp;

  /** The index kinds under test. */
  enum Kind {
    HNSW,
    IVF
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Metric m : Metric.values()) {
        for (Quantization q : Quantization.values()) {
          out.add(Arguments.of(kind, m, q, false));
        }
      }
    }
    out.add(Arguments.of(Kind.HNSW, Metric.L2, Quantization.INT4, true));
    out.add(Arguments.of(Kind.HNSW, Metric.COSINE, Quantization.PQ, true));
    out.add(Arguments.of(Kind.IVF, Metric.COSINE, Quantization.INT8, true));
    out.add(Arguments.of(Kind.IVF, Metric.IP, Quantization.PQ, true));
    return out.stream();
  }

  static VectorIndex index(Kind kind, Quantization quant, boolean rotate) {
    return kind == Kind.HNSW
        ? new VectorIndex.Hnsw(12, 80, quant, rotate)
        : new VectorIndex.Ivf(0, quant, rotate);
  }

  static Schema schema(Kind kind, Metric metric, Quantization quant, boolean rotate) {
    return Schema.builder()
        .scalar("cat", DataType.INT32)
        .vector("v", DataType.VECTOR_FP32, DIM, metric, index(kind, quant, rotate))
        .build();
  }

  /**
   * What every index is searched with: HNSW ef 64; IVF 24 of the about 140 lists of a segment of
   * 1,200 rows (the default would be 12).
   */
  static final SearchParams PARAMS = new SearchParams(64, 24, 0, false);

  /** Recall@10 floors: what each quantization reaches with its default refine, with margin. */
  static double floor(Quantization quant) {
    return switch (quant) {
      case NONE, FP16, INT8 -> 0.90;
      case INT4, PQ, RABITQ -> 0.80;
    };
  }

  static Stream<Arguments> buildCases() {
    return Stream.of(
        Arguments.of(Kind.HNSW, Quantization.INT8),
        Arguments.of(Kind.IVF, Quantization.PQ),
        Arguments.of(Kind.IVF, Quantization.RABITQ));
  }

  static float[][] centres(Random rnd) {
    float[][] c = new float[12][DIM];
    for (float[] x : c) {
      for (int i = 0; i < DIM; i++) {
        x[i] = (float) rnd.nextGaussian() * 3;
      }
    }
    return c;
  }

  static float[] sample(Random rnd, float[][] centres) {
    float[] c = centres[rnd.nextInt(centres.length)];
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = c[i] + (float) rnd.nextGaussian();
    }
    return v;
  }

  @ParameterizedTest(name = "{0} {1} {2} rotate={3}")
  @MethodSource("cases")
  void recallFloorsAcrossSegmentsDeletesAndReopen(
      Kind kind, Metric metric, Quantization quant, boolean rotate) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(seed, () -> recall(new Random(seed), kind, metric, quant, rotate));
  }

  private void recall(Random rnd, Kind kind, Metric metric, Quantization quant, boolean rotate) {
    float[][] centres = centres(rnd);
    Map<String, Document> model = new LinkedHashMap<>();
    Path dir = tmp.resolve(kind + "-" + metric + "-" + quant + "-" + rotate);
    List<float[]> queries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      queries.add(sample(rnd, centres));
    }
    List<List<Hit>> firstAnswers = new ArrayList<>();
    try (Collection c = Quiver.create(dir, schema(kind, metric, quant, rotate))) {
      for (int part = 0; part < 3; part++) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
          String id = "d" + part + "-" + i;
          docs.add(Document.builder(id).set("cat", i % 10).set("v", sample(rnd, centres)).build());
        }
        c.insert(docs).forEach(WriteResult::orThrow);
        docs.forEach(d -> model.put(d.id(), d));
        if (part < 2) {
          c.flush();
        }
      }
      List<String> del = new ArrayList<>();
      for (String id : model.keySet()) {
        if (rnd.nextInt(10) < 3) {
          del.add(id);
        }
      }
      c.delete(del);
      del.forEach(model::remove);
      c.optimize();
      assertEquals(1.0, c.stats().indexCompleteness().get("v"), "every segment indexed");
      double total = 0;
      double filtered = 0;
      for (float[] q : queries) {
        var ranking = Oracle.rank(model.values(), "v", metric, q);
        List<Hit> hits = c.query(Query.builder().vector("v", q).topK(10).params(PARAMS).build());
        SearchCheck.assertValidHits(hits, ranking, 10, metric.higherIsBetter(), "unfiltered");
        total += SearchCheck.recall(hits, ranking, 10);
        firstAnswers.add(hits);
        List<Document> passing = model.values().stream().filter(d -> d.getInt("cat") < 3).toList();
        var fr = Oracle.rank(passing, "v", metric, q);
        List<Hit> fh =
            c.query(
                Query.builder().vector("v", q).topK(10).params(PARAMS).filter("cat < 3").build());
        SearchCheck.assertValidHits(fh, fr, 10, metric.higherIsBetter(), "filtered");
        filtered += SearchCheck.recall(fh, fr, 10);
      }
      double floor = floor(quant);
      System.out.printf(
          "recall@10 %s %s %s rotate=%b: %.3f, filtered %.3f%n",
          kind, metric, quant, rotate, total / queries.size(), filtered / queries.size());
      assertTrue(total / queries.size() >= floor, "recall@10 " + total / queries.size());
      assertTrue(
          filtered / queries.size() >= floor, "filtered recall@10 " + filtered / queries.size());
    }
    try (Collection c = Quiver.open(dir)) {
      assertEquals(1.0, c.stats().indexCompleteness().get("v"), "indexes reopened");
      for (int i = 0; i < queries.size(); i++) {
        List<Hit> hits =
            c.query(Query.builder().vector("v", queries.get(i)).topK(10).params(PARAMS).build());
        // The same hits with the same scores. Two hits whose scores tie to the last bits may
        // swap places: the Vector API may add lanes in another order once the JIT compiles a
        // kernel.
        List<Hit> first = firstAnswers.get(i);
        assertEquals(
            first.stream().map(Hit::id).collect(java.util.stream.Collectors.toSet()),
            hits.stream().map(Hit::id).collect(java.util.stream.Collectors.toSet()),
            "same after reopen");
        for (int j = 0; j < first.size(); j++) {
          float a = first.get(j).score();
          assertEquals(
              a, hits.get(j).score(), 1e-5f * Math.max(1, Math.abs(a)), "same after reopen");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void rowsWithoutAVectorStayOutOfTheIndex(Kind kind) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          float[][] centres = centres(rnd);
          Schema schema =
              Schema.builder()
                  .add(
                      io.quiver.schema.VectorField.dense("v", DataType.VECTOR_FP16, DIM, Metric.IP)
                          .withIndex(index(kind, Quantization.NONE, false))
                          .asNullable())
                  .build();
          Map<String, Document> model = new LinkedHashMap<>();
          // Two build threads: the workers read the packed copy of the rows that have a vector.
          CollectionOptions options = CollectionOptions.builder().optimizeThreads(2).build();
          try (Collection c = Quiver.create(tmp.resolve("nullable-" + kind), schema, options)) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
              float[] v = rnd.nextInt(3) == 0 ? null : sample(rnd, centres);
              for (int j = 0; v != null && j < v.length; j++) {
                v[j] = Float.float16ToFloat(Float.floatToFloat16(v[j])); // stored exactly
              }
              docs.add(Document.builder("d" + i).set("v", v).build());
            }
            c.insert(docs).forEach(WriteResult::orThrow);
            docs.forEach(d -> model.put(d.id(), d));
            c.optimize();
            assertEquals(1.0, c.stats().indexCompleteness().get("v"), "indexed");
            List<Document> withVector =
                model.values().stream().filter(d -> d.get("v") != null).toList();
            double total = 0;
            for (int i = 0; i < 20; i++) {
              float[] q = sample(rnd, centres);
              var ranking = Oracle.rank(withVector, "v", Metric.IP, q);
              List<Hit> hits =
                  c.query(Query.builder().vector("v", q).topK(10).params(PARAMS).build());
              SearchCheck.assertValidHits(hits, ranking, 10, true, "k 10");
              total += SearchCheck.recall(hits, ranking, 10);
              // Asking for more than there are vectors returns exactly the rows that have one.
              List<Hit> all = c.query(Query.builder().vector("v", q).topK(1500).build());
              SearchCheck.assertValidHits(all, ranking, 1500, true, "k 1500");
            }
            assertTrue(total / 20 >= 0.9, "recall@10 " + total / 20);
          }
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("buildCases")
  void queriesDuringBuildsGiveValidAnswers(Kind kind, Quantization quant) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          float[][] centres = centres(rnd);
          Map<String, Document> model = new LinkedHashMap<>();
          try (Collection c =
              Quiver.create(tmp.resolve("building"), schema(kind, Metric.L2, quant, false))) {
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
              docs.add(
                  Document.builder("d" + i)
                      .set("cat", i % 7)
                      .set("v", sample(rnd, centres))
                      .build());
            }
            c.insert(docs).forEach(WriteResult::orThrow);
            docs.forEach(d -> model.put(d.id(), d));
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
              long s = seed + t;
              Thread th =
                  new Thread(
                      () -> {
                        Random r = new Random(s);
                        try {
                          while (!done.get()) {
                            float[] q = sample(r, centres);
                            var ranking = Oracle.rank(model.values(), "v", Metric.L2, q);
                            SearchCheck.assertValidHits(
                                c.query("v", q, 10), ranking, 10, false, "during build");
                          }
                        } catch (Throwable e) {
                          errors.add(e);
                        }
                      });
              th.start();
              readers.add(th);
            }
            c.flush(); // the build of the new segment's index starts in the background
            c.optimize();
            done.set(true);
            for (Thread th : readers) {
              th.join();
            }
            if (!errors.isEmpty()) {
              throw new AssertionError(errors.peek());
            }
            assertEquals(1.0, c.stats().indexCompleteness().get("v"));
          }
        });
  }
}
