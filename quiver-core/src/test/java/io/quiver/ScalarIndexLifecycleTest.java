package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Basis;
import io.quiver.query.QueryPlan.Strategy;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scalar indexes through the public API: created on existing segments without re-inserting, used by
 * the planner (as {@code explain} shows), kept across renames and reopening, dropped with the index
 * or the field; and the answers never change.
 */
@Tag("once")
class ScalarIndexLifecycleTest {
  static final Schema SCHEMA =
      Schema.builder()
          .nullableScalar("year", DataType.INT32)
          .scalar("tag", DataType.STRING)
          .vector("v", DataType.VECTOR_FP32, 2, Metric.L2, VectorIndex.flat())
          .build();

  @TempDir Path tmp;

  private static Document doc(int i) {
    return Document.builder("d" + i)
        .set("year", i % 7 == 0 ? null : 2000 + i % 50)
        .set("tag", "t" + i % 10)
        .set("v", new float[] {i, 0})
        .build();
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  private static Query query(String filter) {
    return Query.builder().vector("v", new float[] {0, 0}).topK(1000).filter(filter).build();
  }

  /** The ids matching, nearest (lowest number) first, as the oracle sees them. */
  private static List<String> expected(int n, java.util.function.IntPredicate p) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (p.test(i)) {
        out.add("d" + i);
      }
    }
    return out;
  }

  private static long sidxFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("segments"))) {
      return s.filter(p -> p.toString().endsWith(".sidx")).count();
    }
  }

  @Test
  void createUseRenameDropAndReopen() throws IOException {
    Path dir = tmp.resolve("c");
    int n = 600;
    List<String> y2010 = expected(n, i -> i % 7 != 0 && i % 50 == 10);
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      for (int part = 0; part < 3; part++) {
        List<Document> docs = new ArrayList<>();
        for (int i = part * 200; i < (part + 1) * 200; i++) {
          docs.add(doc(i));
        }
        c.insert(docs).forEach(WriteResult::orThrow);
        if (part < 2) {
          c.flush();
        }
      }
      QueryPlan before = c.explain(query("year = 2010"));
      assertEquals(3, before.sources().size(), before.toString());
      for (QueryPlan.Source s : before.sources()) {
        Basis b = s.source().startsWith("memtable") ? Basis.GUESS : Basis.STATISTICS;
        assertEquals(b, s.conditions().getFirst().basis(), before.toString());
        assertEquals(-1, s.candidates(), before.toString());
      }
      assertEquals(y2010, ids(c.query(query("year = 2010"))));

      c.createIndex("year"); // flushes the memtable, indexes all three segments
      assertEquals(3, sidxFiles(dir));
      QueryPlan after = c.explain(query("year = 2010"));
      long counted = 0;
      for (QueryPlan.Source s : after.sources()) {
        if (s.source().startsWith("segment")) {
          assertEquals(Basis.INDEX, s.conditions().getFirst().basis(), after.toString());
          assertEquals(Strategy.EXACT_CANDIDATES, s.strategy(), after.toString());
          assertTrue(s.exactCount(), after.toString());
          counted += s.estimatedMatches();
        }
      }
      assertEquals(y2010.size(), counted, after.toString());
      assertEquals(y2010, ids(c.query(query("year = 2010"))));
      QueryPlan none = c.explain(query("year = 1999"));
      assertTrue(
          none.sources().stream().allMatch(s -> s.strategy() == Strategy.SKIP), none.toString());
      assertEquals(List.of(), c.query(query("year = 1999")));

      c.addField(ScalarField.of("genre", DataType.STRING).asNullable().asIndexed());
      c.insert(
              Document.builder("g")
                  .set("tag", "t1")
                  .set("genre", "x")
                  .set("v", new float[] {9, 9})
                  .build())
          .orThrow();
      c.flush();
      QueryPlan absent = c.explain(query("genre IS NULL"));
      long absentSegments =
          absent.sources().stream()
              .filter(s -> s.conditions().getFirst().basis() == Basis.ABSENT_FIELD)
              .count();
      assertEquals(3, absentSegments, absent.toString());
      assertEquals(n, c.query(query("genre IS NULL")).size());
      assertEquals(List.of("g"), ids(c.query(query("genre = 'x'"))));

      c.renameField("year", "yr");
      QueryPlan renamed = c.explain(query("yr = 2010"));
      assertEquals(
          Basis.INDEX,
          renamed.sources().getLast().conditions().getFirst().basis(),
          renamed.toString());
      assertEquals(y2010, ids(c.query(query("yr = 2010"))));

      c.dropIndex("yr");
      QueryPlan dropped = c.explain(query("yr = 2010"));
      assertTrue(
          dropped.sources().stream()
              .filter(s -> s.source().startsWith("segment"))
              .allMatch(s -> s.conditions().getFirst().basis() == Basis.STATISTICS),
          dropped.toString());
      assertEquals(y2010, ids(c.query(query("yr = 2010"))));
      c.dropField("genre");
      c.insert(Document.builder("late").set("tag", "t0").set("v", new float[] {n, 0}).build())
          .orThrow();
      c.flush(); // one more version: the files only the older versions list are collected
      assertEquals(0, sidxFiles(dir));
      c.createIndex("yr");
      assertTrue(Quiver.verify(dir).ok());
    }
    try (Collection c = Quiver.open(dir)) {
      QueryPlan reopened = c.explain(query("yr = 2010"));
      assertTrue(
          reopened.sources().stream()
              .filter(s -> s.source().startsWith("segment"))
              .allMatch(s -> s.conditions().getFirst().basis() == Basis.INDEX),
          reopened.toString());
      assertEquals(y2010, ids(c.query(query("yr = 2010"))));
      System.out.print(reopened);
    }
  }
}
