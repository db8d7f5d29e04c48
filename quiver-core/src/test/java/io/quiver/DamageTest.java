package io.quiver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.query.Hit;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.SparseVector;
import io.quiver.schema.VectorIndex;
import io.quiver.testkit.Oracle;
import io.quiver.testkit.SearchCheck;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages every file of a collection in turn (truncation to nothing, by one byte, to half; a
 * flipped byte near the start, in the middle, near the end) and opens it: the result must be a
 * {@link CorruptionException} naming that file, or a collection that answers exactly right. The one
 * documented exception is the log, whose tail cannot be told apart from a write cut short by a
 * crash: damage there may leave the state after a prefix of the acknowledged calls, never a mix.
 */
@Tag("once")
class DamageTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("title", DataType.STRING)
          .add(ScalarField.of("n", DataType.INT32).asNullable().asIndexed())
          .add(ScalarField.of("tags", DataType.ARRAY_INT32).asNullable().asIndexed())
          .vector(
              "v",
              DataType.VECTOR_FP32,
              6,
              Metric.L2,
              VectorIndex.hnsw(8, 40, io.quiver.schema.Quantization.INT8))
          .add(
              io.quiver.schema.VectorField.dense("w", DataType.VECTOR_FP32, 6, Metric.IP)
                  .withIndex(VectorIndex.ivf(0, io.quiver.schema.Quantization.RABITQ))
                  .asNullable())
          .sparseVector("sp")
          .build();

  @TempDir Path tmp;

  private final Random rnd = new Random(42);
  private final List<Map<String, Document>> logStates = new ArrayList<>();

  @Test
  void everyDamagedFileIsReportedOrHarmless() throws IOException {
    Path original = tmp.resolve("original");
    Map<String, Document> model = build(original);
    List<Path> files;
    try (Stream<Path> s = Files.walk(original)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.endsWith("LOCK")).sorted().toList();
    }
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".del")), "no deletion file");
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".spv")), "no sparse file");
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".wal")), "no log file");
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".hnsw")), "no HNSW file");
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".ivf")), "no IVF file");
    assertTrue(
        files.stream().anyMatch(p -> p.toString().endsWith(".sidx")), "no scalar index file");
    int trials = 0;
    int reported = 0;
    for (Path file : files) {
      Path rel = original.relativize(file);
      long size = Files.size(file);
      List<String> damages =
          List.of(
              "truncate-0", "truncate-1", "truncate-half", "flip-start", "flip-middle", "flip-end");
      for (String damage : damages) {
        Path copy = tmp.resolve("t" + trials++);
        copyTree(original, copy);
        damage(copy.resolve(rel), damage, size);
        String ctx = rel + " " + damage;
        try (Collection c = Quiver.open(copy)) {
          Map<String, Document> seen = readAll(c);
          boolean isLog = rel.toString().endsWith(".wal");
          boolean ok =
              equal(seen, model) || (isLog && logStates.stream().anyMatch(s -> equal(seen, s)));
          if (!ok) {
            fail(
                ctx
                    + ": opened with wrong contents ("
                    + seen.size()
                    + " documents, expected "
                    + model.size()
                    + ")");
          }
          checkQueries(c, seen, ctx);
        } catch (CorruptionException e) {
          assertTrue(
              e.getMessage().contains(rel.getFileName().toString()),
              ctx + ": the error does not name the damaged file: " + e.getMessage());
          reported++;
          VerifyReport report = Quiver.verify(copy);
          assertTrue(
              report.problems().stream().anyMatch(p -> p.contains(rel.getFileName().toString())),
              ctx + ": open reports corruption but verify does not: " + report);
        }
      }
    }
    assertTrue(reported > files.size(), "damage was reported only " + reported + " times");
    System.out.println(
        "damage test: "
            + files.size()
            + " files "
            + files.stream().map(f -> original.relativize(f).toString()).toList()
            + ", "
            + trials
            + " damaged copies, "
            + reported
            + " reported as corruption");
  }

  @Test
  void verifyFindsNothingWrongInAnIntactCollection() {
    Path dir = tmp.resolve("intact");
    build(dir);
    VerifyReport report = Quiver.verify(dir);
    assertTrue(report.ok(), report.toString());
    assertTrue(report.filesChecked() >= 10, report.toString());
  }

  private Map<String, Document> build(Path dir) {
    Map<String, Document> model = new LinkedHashMap<>();
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      write(c, model, 0, 200, false);
      c.flush();
      write(c, model, 150, 260, true);
      List<String> del = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        del.add("d" + rnd.nextInt(260));
      }
      c.delete(del.stream().distinct().toList());
      del.forEach(model::remove);
      c.flush();
      c.optimize(); // merges, and builds and commits the indexes: their files are damaged too
      List<String> few = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        few.add("d" + rnd.nextInt(260));
      }
      c.delete(few.stream().distinct().toList());
      few.forEach(model::remove);
      write(c, model, 270, 290, true);
      c.optimize(); // a deletion file for the merged segment, a second indexed segment
      logStates.add(new LinkedHashMap<>(model));
      for (int call = 0; call < 5; call++) {
        write(c, model, 300 + call * 10, 310 + call * 10, true);
        logStates.add(new LinkedHashMap<>(model));
      }
    }
    return model;
  }

  private void write(Collection c, Map<String, Document> model, int from, int to, boolean upsert) {
    List<Document> docs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      float[] v = new float[6];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) rnd.nextGaussian();
      }
      Document d =
          Document.builder("d" + i)
              .set("title", "title " + i)
              .set("n", rnd.nextBoolean() ? null : i)
              .set("tags", rnd.nextBoolean() ? null : List.of(i, i + 1))
              .set("v", v)
              .set("w", rnd.nextInt(4) == 0 ? null : v.clone())
              .set(
                  "sp",
                  rnd.nextBoolean()
                      ? null
                      : new SparseVector(new int[] {i, i + 7}, new float[] {1f, 0.5f}))
              .build();
      docs.add(d);
      model.put(d.id(), d);
    }
    (upsert ? c.upsert(docs) : c.insert(docs)).forEach(WriteResult::orThrow);
  }

  private static Map<String, Document> readAll(Collection c) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ids.add("d" + i);
    }
    Map<String, Document> out = new HashMap<>(c.fetch(ids, null, true));
    if (out.size() != c.count()) {
      fail("count " + c.count() + " disagrees with " + out.size() + " documents found");
    }
    return out;
  }

  private void checkQueries(Collection c, Map<String, Document> state, String ctx) {
    float[] q = new float[6];
    for (int j = 0; j < q.length; j++) {
      q[j] = (float) rnd.nextGaussian();
    }
    var ranking = Oracle.rank(state.values(), "v", Metric.L2, q);
    List<Hit> exact =
        c.query(
            io.quiver.query.Query.builder()
                .vector("v", q)
                .topK(10)
                .params(io.quiver.query.SearchParams.EXACT)
                .build());
    SearchCheck.assertExactTopK(exact, ranking, 10, ctx);
    SearchCheck.assertValidHits(c.query("v", q, 10), ranking, 10, false, ctx + " indexed");
    List<Document> withW = state.values().stream().filter(d -> d.get("w") != null).toList();
    SearchCheck.assertValidHits(
        c.query("w", q, 10), Oracle.rank(withW, "w", Metric.IP, q), 10, true, ctx + " IVF");
    // Answered from the scalar indexes (few rows match): a damaged index must not change it.
    List<Document> passing = new ArrayList<>();
    for (Document d : state.values()) {
      Integer n = d.getInt("n");
      List<?> tags = (List<?>) d.get("tags");
      if ((n != null && n >= 280) || (tags != null && tags.contains(7))) {
        passing.add(d);
      }
    }
    List<Hit> filtered =
        c.query(
            io.quiver.query.Query.builder()
                .vector("v", q)
                .topK(10)
                .filter("n >= 280 OR tags CONTAIN_ANY (7)")
                .build());
    SearchCheck.assertExactTopK(
        filtered, Oracle.rank(passing, "v", Metric.L2, q), 10, ctx + " filtered");
  }

  private static boolean equal(Map<String, Document> a, Map<String, Document> b) {
    return a.equals(b);
  }

  private static void damage(Path file, String how, long size) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      switch (how) {
        case "truncate-0" -> ch.truncate(0);
        case "truncate-1" -> ch.truncate(Math.max(0, size - 1));
        case "truncate-half" -> ch.truncate(size / 2);
        default -> {
          long pos =
              switch (how) {
                case "flip-start" -> Math.min(size - 1, 6);
                case "flip-middle" -> size / 2;
                default -> Math.max(0, size - 12);
              };
          java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
          ch.read(b, pos);
          b.put(0, (byte) (b.get(0) ^ 0x10));
          b.rewind();
          ch.write(b, pos);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p));
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
