package io.quiver;

import io.quiver.query.Query;
import io.quiver.query.SearchParams;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact search equals the brute-force oracle for every metric and vector type, in the memtable,
 * across flushed segments, with deletes and after reopening; unfiltered, and under a filter on an
 * indexed field (segments then score the candidate rows the index gives).
 */
class ExactSearchOracleTest {
  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (DataType t : List.of(DataType.VECTOR_FP32, DataType.VECTOR_FP16, DataType.VECTOR_INT8)) {
      for (Metric m : Metric.values()) {
        for (int dim : List.of(1, 7, 33)) {
          out.add(Arguments.of(t, m, dim));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} dim {2}")
  @MethodSource("cases")
  void exactSearchMatchesOracle(DataType type, Metric metric, int dim) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(seed, () -> check(new Random(seed), type, metric, dim));
  }

  private void check(Random rnd, DataType type, Metric metric, int dim) {
    Schema schema =
        Schema.builder()
            .add(ScalarField.of("n", DataType.INT32).asIndexed())
            .vector("v", type, dim, metric, VectorIndex.flat())
            .build();
    Path dir = tmp.resolve(type + "-" + metric + "-" + dim);
    Map<String, Document> model = new LinkedHashMap<>();
    CollectionOptions opts = CollectionOptions.builder().queryThreads(3).build();
    Collection c = Quiver.create(dir, schema, opts);
    try {
      for (int stage = 0; stage < 4; stage++) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          String id = "d" + rnd.nextInt(1000);
          if (batch.stream().anyMatch(d -> d.id().equals(id))) {
            continue;
          }
          batch.add(Document.builder(id).set("n", i).set("v", vector(rnd, type, dim)).build());
        }
        c.upsert(batch).forEach(WriteResult::orThrow);
        batch.forEach(d -> model.put(d.id(), normalize(d, type)));
        verify(c, rnd, model, type, metric, dim, "stage " + stage + " memtable");
        List<String> del = new ArrayList<>();
        for (String id : model.keySet()) {
          if (rnd.nextInt(5) == 0) {
            del.add(id);
          }
        }
        c.delete(del);
        del.forEach(model::remove);
        verify(c, rnd, model, type, metric, dim, "stage " + stage + " after deletes");
        if (stage % 2 == 0) {
          c.flush();
          verify(c, rnd, model, type, metric, dim, "stage " + stage + " after flush");
        }
      }
      c.close();
      c = Quiver.open(dir, opts);
      verify(c, rnd, model, type, metric, dim, "after reopen");
      c.optimize();
      verify(c, rnd, model, type, metric, dim, "after optimize");
    } finally {
      c.close();
    }
  }

  private static void verify(
      Collection c,
      Random rnd,
      Map<String, Document> model,
      DataType type,
      Metric metric,
      int dim,
      String ctx) {
    for (int i = 0; i < 5; i++) {
      Object qv = vector(rnd, type, dim);
      float[] q = qv instanceof byte[] b ? toFloats(b) : (float[]) qv;
      int k = 1 + rnd.nextInt(20);
      var hits = c.query(Query.builder().vector("v", q).topK(k).params(SearchParams.EXACT).build());
      SearchCheck.assertExactTopK(hits, Oracle.rank(model.values(), "v", metric, q), k, ctx);
      // A filter on the indexed field: segments score the index's candidate rows in batches.
      int limit = rnd.nextInt(300);
      List<Document> passing = new ArrayList<>();
      for (Document d : model.values()) {
        if (d.getInt("n") < limit) {
          passing.add(d);
        }
      }
      var filtered =
          c.query(
              Query.builder()
                  .vector("v", q)
                  .topK(k)
                  .filter("n < " + limit)
                  .params(SearchParams.EXACT)
                  .build());
      SearchCheck.assertExactTopK(
          filtered, Oracle.rank(passing, "v", metric, q), k, ctx + ", filter n < " + limit);
    }
  }

  static Object vector(Random rnd, DataType type, int dim) {
    if (type == DataType.VECTOR_INT8) {
      byte[] b = new byte[dim];
      do {
        for (int i = 0; i < dim; i++) {
          b[i] = (byte) rnd.nextInt(-128, 128);
        }
      } while (allZero(b));
      return b;
    }
    float[] f = new float[dim];
    do {
      for (int i = 0; i < dim; i++) {
        f[i] = (float) (rnd.nextGaussian() * 3);
      }
    } while (f[0] == 0);
    return f;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static float[] toFloats(byte[] b) {
    float[] f = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      f[i] = b[i];
    }
    return f;
  }

  /** The stored form: FP16 vectors are rounded to half precision. */
  private static Document normalize(Document d, DataType type) {
    if (type != DataType.VECTOR_FP16) {
      return d;
    }
    float[] v = d.getVector("v");
    for (int i = 0; i < v.length; i++) {
      v[i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
    }
    return d.toBuilder().set("v", v).build();
  }
}
