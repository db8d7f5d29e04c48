package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding, renaming and dropping scalar fields without re-inserting data. */
class SchemaChangeTest {
  @TempDir Path tmp;

  static final Schema SCHEMA =
      Schema.builder()
          .scalar("title", DataType.STRING)
          .nullableScalar("year", DataType.INT32)
          .vector("v", DataType.VECTOR_FP32, 2, Metric.L2, VectorIndex.flat())
          .build();

  private static Document doc(String id, String title, Integer year, float x) {
    return Document.builder(id)
        .set("title", title)
        .set("year", year)
        .set("v", new float[] {x, 0})
        .build();
  }

  @Test
  void addRenameDropAcrossFlushesAndReopen() {
    Path dir = tmp.resolve("c");
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      c.insert(List.of(doc("a", "A", 2001, 1), doc("b", "B", 2002, 2)))
          .forEach(WriteResult::orThrow);
      c.flush();
      c.insert(doc("c", "C", 2003, 3)).orThrow(); // only in the memtable and the log

      c.addField(ScalarField.of("genre", DataType.STRING).asNullable());
      assertTrue(c.schema().field("genre").isPresent());
      assertNull(
          c.fetch("a").orElseThrow().get("genre"), "old documents read the new field as null");
      assertTrue(c.fetch("c").orElseThrow().has("genre"));
      c.upsert(
              Document.builder("d")
                  .set("title", "D")
                  .set("genre", "sea")
                  .set("v", new float[] {4, 0})
                  .build())
          .orThrow();
      c.update(Document.builder("a").set("genre", "whale").build()).orThrow();
      assertEquals("whale", c.fetch("a").orElseThrow().getString("genre"));

      c.renameField("year", "published");
      Document a = c.fetch("a").orElseThrow();
      assertEquals(2001, a.getInt("published"), "values keep their field across a rename");
      assertFalse(a.has("year"));
      List<Hit> hits =
          c.query(
              Query.builder()
                  .vector("v", new float[] {0, 0})
                  .topK(10)
                  .filter("published >= 2002")
                  .build());
      assertEquals(List.of("b", "c"), hits.stream().map(Hit::id).toList());
      WriteResult old = c.insert(doc("e", "E", 2005, 5));
      assertEquals(WriteStatus.INVALID_ARGUMENT, old.status(), "the old name is gone");
      assertTrue(old.message().contains("'year'"), old.message());

      c.dropField("title");
      assertFalse(c.fetch("b").orElseThrow().has("title"));
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () ->
                  c.query(
                      Query.builder()
                          .vector("v", new float[] {0, 0})
                          .filter("title = 'B'")
                          .build()));
      assertTrue(e.getMessage().contains("title"), e.getMessage());
      c.insert(Document.builder("f").set("genre", "ship").set("v", new float[] {6, 0}).build())
          .orThrow(); // written after the changes: replayed from the log below
    }
    try (Collection c = Quiver.open(dir)) {
      assertEquals(
          List.of("genre"),
          c.schema().scalarFields().stream()
              .map(ScalarField::name)
              .filter(n -> n.equals("genre"))
              .toList());
      assertEquals(5, c.count());
      assertEquals("ship", c.fetch("f").orElseThrow().getString("genre"));
      assertEquals(2003, c.fetch("c").orElseThrow().getInt("published"));
      assertFalse(c.fetch("c").orElseThrow().has("title"));
      c.optimize();
      assertEquals("whale", c.fetch("a").orElseThrow().getString("genre"));
      c.addField(ScalarField.of("title", DataType.STRING).asNullable());
      assertNull(
          c.fetch("b").orElseThrow().get("title"),
          "a re-added field does not resurrect old values");
    }
  }

  @Test
  void createAndDropIndexesChangeTheSchemaNotTheResults() {
    Path dir = tmp.resolve("idx");
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      for (int i = 0; i < 50; i++) {
        c.insert(doc("d" + i, "t" + i, 2000 + i, i)).orThrow();
      }
      c.flush();
      List<String> before = c.query("v", new float[] {10.2f, 0}, 5).stream().map(Hit::id).toList();
      c.createIndex(
          "v", io.quiver.schema.VectorIndex.hnsw(8, 40, io.quiver.schema.Quantization.NONE));
      c.createIndex("year");
      assertEquals(
          io.quiver.schema.VectorIndex.hnsw(8, 40, io.quiver.schema.Quantization.NONE),
          ((io.quiver.schema.VectorField) c.schema().field("v").orElseThrow()).index());
      assertTrue(((ScalarField) c.schema().field("year").orElseThrow()).indexed());
      c.optimize();
      assertEquals(before, c.query("v", new float[] {10.2f, 0}, 5).stream().map(Hit::id).toList());
      c.dropIndex("v");
      c.dropIndex("year");
      assertEquals(
          io.quiver.schema.VectorIndex.flat(),
          ((io.quiver.schema.VectorField) c.schema().field("v").orElseThrow()).index());
      assertFalse(((ScalarField) c.schema().field("year").orElseThrow()).indexed());
      assertEquals(before, c.query("v", new float[] {10.2f, 0}, 5).stream().map(Hit::id).toList());
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () -> c.createIndex("title", io.quiver.schema.VectorIndex.hnsw()));
      assertTrue(e.getMessage().contains("not a vector field"), e.getMessage());
      e = assertThrows(InvalidArgumentException.class, () -> c.createIndex("v"));
      assertTrue(e.getMessage().contains("vector field"), e.getMessage());
    }
    try (Collection c = Quiver.open(dir)) {
      assertEquals(
          io.quiver.schema.VectorIndex.flat(),
          ((io.quiver.schema.VectorField) c.schema().field("v").orElseThrow()).index());
    }
  }

  @Test
  void invalidChangesAreRefused() {
    try (Collection c = Quiver.create(tmp.resolve("x"), SCHEMA)) {
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () -> c.addField(ScalarField.of("n", DataType.INT32)));
      assertTrue(e.getMessage().contains("must be nullable"), e.getMessage());
      e =
          assertThrows(
              InvalidArgumentException.class,
              () -> c.addField(ScalarField.of("title", DataType.INT32).asNullable()));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
      e = assertThrows(InvalidArgumentException.class, () -> c.dropField("v"));
      assertTrue(e.getMessage().contains("vector field"), e.getMessage());
      e = assertThrows(InvalidArgumentException.class, () -> c.renameField("nope", "x"));
      assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
      e = assertThrows(InvalidArgumentException.class, () -> c.renameField("title", "year"));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }
  }

  @Test
  void readOnlyHandleSeesTheNewSchemaAfterRefresh() {
    Path dir = tmp.resolve("r");
    try (Collection w = Quiver.create(dir, SCHEMA)) {
      w.insert(doc("a", "A", 1, 1)).orThrow();
      w.flush();
      try (Collection r = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
        w.renameField("title", "name");
        assertEquals("A", r.fetch("a").orElseThrow().getString("title"));
        r.refresh();
        assertEquals("A", r.fetch("a").orElseThrow().getString("name"));
        assertTrue(r.schema().field("name").isPresent());
      }
    }
  }
}
