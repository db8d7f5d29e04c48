package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Limits;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives a clear error naming the field, the value and the rule; nothing is
 * written; the collection stays usable (checked after each case, and after a reopen).
 */
class BadInputTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("title", DataType.STRING)
          .nullableScalar("year", DataType.INT32)
          .nullableScalar("tags", DataType.ARRAY_STRING)
          .vector("v", DataType.VECTOR_FP32, 4, Metric.COSINE)
          .build();

  @TempDir Path tmp;
  private Path dir;
  private Collection c;

  @BeforeEach
  void open() {
    dir = tmp.resolve("c");
    c = Quiver.create(dir, SCHEMA);
    c.insert(good("existing")).orThrow();
  }

  @AfterEach
  void stillUsable() {
    if (c.isReadOnly()) {
      c.close();
      c = Quiver.open(dir);
    }
    assertEquals(1, c.count(), "a refused write changed the collection");
    assertTrue(c.insert(good("after")).ok(), "the collection is not usable after the error");
    c.close();
    try (Collection again = Quiver.open(dir)) {
      assertEquals(2, again.count());
    }
  }

  private static Document good(String id) {
    return Document.builder(id)
        .set("title", "t")
        .set("year", 2020)
        .set("v", new float[] {1, 2, 3, 4})
        .build();
  }

  /** Inserts a batch of a good document and the bad one; checks the bad one's message. */
  private void refused(Function<Document.Builder, Document.Builder> spoil, String... mustMention) {
    Document bad = spoil.apply(good("bad").toBuilder()).build();
    List<WriteResult> r = c.insert(List.of(good("fine"), bad));
    assertEquals(WriteStatus.OK, r.get(0).status(), "the good document of the batch");
    assertEquals(WriteStatus.INVALID_ARGUMENT, r.get(1).status(), r.get(1).toString());
    for (String s : mustMention) {
      assertTrue(
          r.get(1).message().contains(s),
          "message '" + r.get(1).message() + "' does not mention '" + s + "'");
    }
    c.delete("fine");
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> c.insert(bad).orThrow());
    assertTrue(e.getMessage().contains(mustMention[0]), e.getMessage());
  }

  @Test
  void wrongDimension() {
    refused(b -> b.set("v", new float[] {1, 2, 3}), "'v'", "dimension 3", "!= 4");
  }

  @Test
  void nanAndInfinityInVectors() {
    refused(b -> b.set("v", new float[] {1, Float.NaN, 3, 4}), "'v'", "element 1", "NaN", "finite");
    refused(
        b -> b.set("v", new float[] {1, 2, Float.POSITIVE_INFINITY, 4}),
        "'v'",
        "element 2",
        "Infinity",
        "finite");
  }

  @Test
  void zeroVectorForCosine() {
    refused(b -> b.set("v", new float[4]), "'v'", "zero vector", "COSINE");
  }

  @Test
  void unknownField() {
    refused(b -> b.set("colour", "red"), "'colour'", "not in the schema");
  }

  @Test
  void wrongType() {
    refused(b -> b.set("year", "1999"), "'year'", "INT32", "String", "1999");
    refused(b -> b.set("title", 7), "'title'", "STRING", "Integer 7");
    refused(b -> b.set("v", "not a vector"), "'v'", "VECTOR_FP32", "float[]");
    refused(b -> b.set("year", 3_000_000_000L), "'year'", "3000000000", "range");
  }

  @Test
  void nullInNonNullableField() {
    refused(b -> b.set("title", null), "'title'", "null", "not nullable");
    refused(b -> b.remove("title"), "'title'", "missing", "not nullable");
  }

  @Test
  void badIds() {
    String[] bad = {"", "x".repeat(Limits.MAX_ID_LENGTH + 1), "tab\there", "nul\u0000"};
    String[] rule = {"1..64", "1..64", "control character", "control character"};
    for (int i = 0; i < bad.length; i++) {
      Document d = good("x").toBuilder().build();
      Document withId = Document.of(bad[i], d.fields());
      WriteResult r = c.insert(withId);
      assertEquals(WriteStatus.INVALID_ARGUMENT, r.status());
      assertTrue(r.message().contains(rule[i]), r.message());
    }
    assertTrue(c.insert(Document.of("x".repeat(64), good("y").fields())).ok(), "64 is allowed");
    c.delete("x".repeat(64));
  }

  @Test
  void duplicateIdsInOneBatchRefuseTheBatch() {
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> c.upsert(List.of(good("a"), good("b"), good("a"))));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("twice"), e.getMessage());
    assertTrue(e.getMessage().contains("0 and 2"), e.getMessage());
  }

  @Test
  void arrayOverItsLimit() {
    List<String> big = new ArrayList<>(Collections.nCopies(Limits.MAX_ARRAY_LENGTH + 1, "x"));
    refused(b -> b.set("tags", big), "'tags'", "4097 elements", "limit 4096");
    refused(b -> b.set("tags", java.util.Arrays.asList("a", null)), "'tags'", "element 1 is null");
  }

  @Test
  void writesToReadOnlyAndClosedCollections() {
    c.close();
    c = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build());
    ReadOnlyException ro = assertThrows(ReadOnlyException.class, () -> c.insert(good("z")));
    assertTrue(ro.getMessage().contains("read-only") && ro.getMessage().contains(dir.toString()));
    assertThrows(ReadOnlyException.class, () -> c.delete("existing"));
    assertThrows(ReadOnlyException.class, () -> c.flush());
    c.close();
    ClosedException closed = assertThrows(ClosedException.class, () -> c.count());
    assertTrue(closed.getMessage().contains("closed"));
    c = Quiver.open(dir);
    Collection other = c;
    other.close();
    assertThrows(ClosedException.class, () -> other.insert(good("z")));
    assertThrows(ClosedException.class, () -> other.query("v", new float[] {1, 1, 1, 1}, 1));
    c = Quiver.open(dir);
  }

  @Test
  void secondWriterInTheSameProcessIsRefused() {
    ConflictException e = assertThrows(ConflictException.class, () -> Quiver.open(dir));
    assertTrue(e.getMessage().contains("LOCK"), e.getMessage());
  }

  @Test
  void openingSomethingElse() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("notes.txt"), "hello");
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Quiver.open(plain));
    assertTrue(e.getMessage().contains("not a Quiver collection"), e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> Quiver.open(tmp.resolve("missing")));
    InvalidArgumentException notEmpty =
        assertThrows(InvalidArgumentException.class, () -> Quiver.create(plain, SCHEMA));
    assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
  }

  @Test
  void badQueries() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> c.query("v", new float[] {1, 2, 3}, 10));
    assertTrue(e.getMessage().contains("'v'") && e.getMessage().contains("dimension 3 != 4"));
    e =
        assertThrows(
            InvalidArgumentException.class, () -> c.query("nope", new float[] {1, 2, 3, 4}, 10));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () -> c.query("v", new float[] {1, Float.NaN, 3, 4}, 10));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class, () -> c.query("title", new float[] {1, 2, 3, 4}, 1));
    assertTrue(e.getMessage().contains("not a dense vector field"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Query.builder().vector("v", new float[] {1, 2, 3, 4}).topK(0).build());
    assertTrue(e.getMessage().contains("topK 0"), e.getMessage());
  }

  @Test
  void badSchemas() {
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () ->
                Schema.builder().scalar("a", DataType.INT32).scalar("a", DataType.STRING).build());
    assertTrue(e.getMessage().contains("'a' appears twice"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Schema.builder().vector("v", DataType.VECTOR_FP32, 0, Metric.L2));
    assertTrue(e.getMessage().contains("dimension 0"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Schema.builder().scalar("bad name", DataType.INT32));
    assertTrue(e.getMessage().contains("'bad name'"), e.getMessage());
  }
}
