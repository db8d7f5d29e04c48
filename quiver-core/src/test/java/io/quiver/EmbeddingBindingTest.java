package io.quiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.embed.DenseEmbeddingFunction;
import io.quiver.embed.SparseEmbeddingFunction;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.EmbeddingBinding;
import io.quiver.schema.Schema;
import io.quiver.schema.SparseVector;
import io.quiver.schema.VectorField;
import io.quiver.testkit.HashEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vector field bound to a text field: filled on writes, queried with text, stored in the schema
 * so that a reopened collection embeds the same way. Uses {@link HashEmbeddings} (no model); the
 * real model is tested in quiver-embed.
 */
@Tag("once")
class EmbeddingBindingTest {
  @TempDir Path tmp;

  static final HashEmbeddings FN = new HashEmbeddings(32, 4);

  static Schema schema(DenseEmbeddingFunction fn) {
    return Schema.builder()
        .nullableScalar("text", DataType.STRING)
        .nullableScalar("year", DataType.INT32)
        .add(fn.vectorField("embedding", "text").asNullable())
        .build();
  }

  static Document doc(String id, String text, int year) {
    return Document.builder(id).set("text", text).set("year", year).build();
  }

  static final List<Document> BOOKS =
      List.of(
          doc("moby", "a white whale hunted across the sea by a captain", 1851),
          doc("walden", "a cabin by a pond in the woods and simple living", 1854),
          doc("pride", "a proud gentleman and a clever young woman at a ball", 1813),
          doc("sea-wolf", "a brutal captain of a sealing ship at sea", 1904));

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void insertTextOnlyQueryWithTextReopenAndQueryAgain() {
    Path dir = tmp.resolve("books");
    List<Hit> before;
    try (Collection c = Quiver.create(dir, schema(FN))) { // the provider creates the function
      c.insert(BOOKS).forEach(WriteResult::orThrow);
      for (Document d : BOOKS) {
        assertArrayEquals(
            FN.vector(d.getString("text")),
            c.fetch(d.id()).orElseThrow().getVector("embedding"),
            d.id());
      }
      before = c.query(Query.builder().text("embedding", "the captain of a ship at sea").build());
      assertEquals("sea-wolf", before.getFirst().id(), before.toString());
      assertEquals(
          ids(before),
          ids(c.query("text", "the captain of a ship at sea", 10)),
          "the source field names the embedded field too");
      List<Hit> filtered =
          c.query(
              Query.builder()
                  .text("embedding", "the captain of a ship at sea")
                  .filter("year < 1900")
                  .topK(1)
                  .build());
      assertEquals(List.of("moby"), ids(filtered));
      c.flush();
      assertEquals(ids(before), ids(c.query("embedding", "the captain of a ship at sea", 10)));
    }
    try (Collection c = Quiver.open(dir)) {
      VectorField f = (VectorField) c.schema().field("embedding").orElseThrow();
      assertEquals(new EmbeddingBinding("text", HashEmbeddings.NAME, FN.config()), f.embedding());
      assertEquals(
          ids(before),
          ids(c.query(Query.builder().text("embedding", "the captain of a ship at sea").build())));
      c.insert(doc("robinson", "a castaway alone on an island in the sea", 1719)).orThrow();
      assertArrayEquals(
          FN.vector("a castaway alone on an island in the sea"),
          c.fetch("robinson").orElseThrow().getVector("embedding"),
          "the reopened collection embeds the same way");
    }
    try (Collection ro = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
      assertEquals("moby", ro.query("embedding", "white whale", 1).getFirst().id());
    }
  }

  @Test
  void aVectorTheCallerGivesWins() {
    try (Collection c = Quiver.create(tmp.resolve("c"), schema(FN))) {
      float[] mine = new float[32];
      mine[3] = 1;
      c.insert(doc("a", "some text", 2000).toBuilder().set("embedding", mine).build()).orThrow();
      assertArrayEquals(mine, c.fetch("a").orElseThrow().getVector("embedding"));
      c.upsert(doc("b", "other text", 2000).toBuilder().set("embedding", mine).build()).orThrow();
      assertArrayEquals(mine, c.fetch("b").orElseThrow().getVector("embedding"));
      c.update(Document.builder("b").set("text", "changed").set("embedding", mine).build())
          .orThrow();
      assertArrayEquals(mine, c.fetch("b").orElseThrow().getVector("embedding"));
      c.insert(Document.builder("c").set("text", "explicitly null").set("embedding", null).build())
          .orThrow();
      assertNull(c.fetch("c").orElseThrow().get("embedding"), "an explicit null wins too");
      c.insert(Document.builder("d").set("year", 1).build()).orThrow();
      assertNull(c.fetch("d").orElseThrow().get("embedding"), "no text, no vector");
    }
  }

  @Test
  void updatingTheTextReembedsAndClearingItClearsTheVector() {
    try (Collection c = Quiver.create(tmp.resolve("c"), schema(FN))) {
      c.insert(doc("a", "old words", 2000)).orThrow();
      c.update(Document.builder("a").set("year", 2001).build()).orThrow();
      assertArrayEquals(FN.vector("old words"), c.fetch("a").orElseThrow().getVector("embedding"));
      c.update(Document.builder("a").set("text", "brand new words").build()).orThrow();
      Document a = c.fetch("a").orElseThrow();
      assertEquals(2001, a.getInt("year"));
      assertArrayEquals(FN.vector("brand new words"), a.getVector("embedding"));
      c.upsert(doc("a", "replaced entirely", 2002)).orThrow();
      assertArrayEquals(
          FN.vector("replaced entirely"), c.fetch("a").orElseThrow().getVector("embedding"));
      c.update(Document.builder("a").set("text", null).build()).orThrow();
      assertNull(c.fetch("a").orElseThrow().get("embedding"));
    }
  }

  @Test
  void batchedAndParallelVectorsEqualOneByOne() {
    HashEmbeddings.MAX_BATCH.set(0);
    HashEmbeddings batched = new HashEmbeddings(24, 5);
    Schema s =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .scalar("title", DataType.STRING)
            .add(batched.vectorField("embedding", "text"))
            .add(batched.vectorField("title_embedding", "title"))
            .build();
    long seed = io.quiver.testkit.Seeds.seed();
    java.util.Random rnd = new java.util.Random(seed);
    String[] words =
        "sea whale ship pond cabin woods ball captain island storm war peace".split(" ");
    List<Document> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 203; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = rnd.nextInt(12); w >= 0; w--) {
        text.append(words[rnd.nextInt(words.length)]).append(' ');
      }
      docs.add(
          Document.builder("d" + i).set("text", text.toString()).set("title", "t" + i).build());
    }
    CollectionOptions opts = CollectionOptions.builder().optimizeThreads(2).build();
    try (Collection c = Quiver.create(tmp.resolve("c"), s, opts)) {
      int callsBefore = HashEmbeddings.CALLS.get();
      c.insert(docs).forEach(WriteResult::orThrow);
      assertEquals(2 * 41, HashEmbeddings.CALLS.get() - callsBefore, "ceil(203 / 5) per field");
      assertTrue(HashEmbeddings.MAX_BATCH.get() <= 5, "batch " + HashEmbeddings.MAX_BATCH.get());
      assertTrue(HashEmbeddings.MAX_CONCURRENT.get() <= 2, "at most optimizeThreads at once");
      for (Document d : docs) {
        Document got = c.fetch(d.id()).orElseThrow();
        assertArrayEquals(
            batched.vector(d.getString("text")),
            got.getVector("embedding"),
            io.quiver.testkit.Seeds.describe(seed) + d.id());
        assertArrayEquals(batched.vector(d.getString("title")), got.getVector("title_embedding"));
      }
    }
  }

  @Test
  void recoveryReplaysStoredVectorsWithoutEmbedding() {
    Path dir = tmp.resolve("c");
    try (Collection c = Quiver.create(dir, schema(FN))) {
      c.insert(BOOKS).forEach(WriteResult::orThrow); // in the log only: no flush
    }
    int calls = HashEmbeddings.CALLS.get();
    try (Collection c = Quiver.open(dir)) {
      assertEquals(4, c.count());
      assertArrayEquals(
          FN.vector(BOOKS.getFirst().getString("text")),
          c.fetch("moby").orElseThrow().getVector("embedding"));
    }
    assertEquals(calls, HashEmbeddings.CALLS.get(), "the log holds the vectors");
  }

  /** A function no provider knows: it can only be given in the options. */
  static class Private implements DenseEmbeddingFunction {
    int closed;

    @Override
    public String name() {
      return "private-fn";
    }

    @Override
    public Map<String, String> config() {
      return Map.of("v", "1");
    }

    @Override
    public int dimension() {
      return 32;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return FN.embed(texts);
    }

    @Override
    public void close() {
      closed++;
    }
  }

  @Test
  void aFunctionNobodyProvidesIsAClearErrorAtOpen() {
    Private fn = new Private();
    Path dir = tmp.resolve("c");
    InvalidArgumentException atCreate =
        assertThrows(InvalidArgumentException.class, () -> Quiver.create(dir, schema(fn)));
    assertTrue(atCreate.getMessage().contains("'private-fn'"), atCreate.getMessage());
    assertFalse(Files.exists(dir.resolve("manifests")), "nothing was created");

    CollectionOptions withFn = CollectionOptions.builder().embeddingFunctions(fn).build();
    try (Collection c = Quiver.create(dir, schema(fn), withFn)) {
      c.insert(BOOKS).forEach(WriteResult::orThrow);
    }
    assertEquals(0, fn.closed, "a function given in the options stays the caller's");
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Quiver.open(dir));
    String m = e.getMessage();
    assertTrue(m.contains("field 'embedding'"), m);
    assertTrue(m.contains("'private-fn' {v=1}"), m);
    assertTrue(m.contains("io.quiver:quiver-embed"), m);
    assertTrue(m.contains("CollectionOptions.embeddingFunctions"), m);
    try (Collection c = Quiver.open(dir, withFn)) { // the failed open released the lock
      assertEquals("moby", c.query("embedding", "white whale", 1).getFirst().id());
    }
  }

  @Test
  void schemaRules() {
    EmbeddingBinding b = FN.bind("text");
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Schema.builder().add(FN.vectorField("embedding", "missing")).build());
    assertTrue(e.getMessage().contains("'missing', which is not in the schema"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () ->
                Schema.builder()
                    .scalar("text", DataType.INT32)
                    .add(FN.vectorField("embedding", "text"))
                    .build());
    assertTrue(e.getMessage().contains("must be a STRING field"), e.getMessage());
    e =
        assertThrows(
            InvalidArgumentException.class,
            () ->
                VectorField.dense("v", DataType.VECTOR_INT8, 32, io.quiver.schema.Metric.L2)
                    .withEmbedding(b));
    assertTrue(e.getMessage().contains("VECTOR_INT8"), e.getMessage());
    Schema wrongDim =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .add(
                VectorField.dense("embedding", DataType.VECTOR_FP32, 8, io.quiver.schema.Metric.IP)
                    .withEmbedding(b))
            .build();
    e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Quiver.create(tmp.resolve("wrong-dim"), wrongDim));
    assertTrue(e.getMessage().contains("dimension 8 != 32"), e.getMessage());
  }

  @Test
  void renamingTheSourceFieldKeepsTheBindingAndDroppingItIsRefused() {
    Path dir = tmp.resolve("c");
    try (Collection c = Quiver.create(dir, schema(FN))) {
      c.insert(BOOKS).forEach(WriteResult::orThrow);
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> c.dropField("text"));
      assertTrue(e.getMessage().contains("'embedding' is embedded from it"), e.getMessage());
      c.renameField("text", "body");
      c.insert(Document.builder("new").set("body", "a white whale").build()).orThrow();
      assertArrayEquals(
          FN.vector("a white whale"), c.fetch("new").orElseThrow().getVector("embedding"));
    }
    try (Collection c = Quiver.open(dir)) {
      VectorField f = (VectorField) c.schema().field("embedding").orElseThrow();
      assertEquals("body", f.embedding().sourceField());
      assertEquals("moby", c.query("body", "hunted across the sea", 1).getFirst().id());
    }
  }

  @Test
  void textQueriesNeedABoundField() {
    Schema s =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .vector("plain", DataType.VECTOR_FP32, 32, io.quiver.schema.Metric.COSINE)
            .build();
    try (Collection c = Quiver.create(tmp.resolve("c"), s)) {
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> c.query("plain", "words", 3));
      assertTrue(e.getMessage().contains("has no embedding function"), e.getMessage());
      e = assertThrows(InvalidArgumentException.class, () -> c.query("text", "words", 3));
      assertTrue(e.getMessage().contains("no vector field is embedded from"), e.getMessage());
    }
  }

  /** Each distinct word is one dimension of weight 1, by the word's hash. */
  static final class SparseWords implements SparseEmbeddingFunction {
    @Override
    public String name() {
      return "sparse-words";
    }

    @Override
    public Map<String, String> config() {
      return Map.of();
    }

    @Override
    public List<SparseVector> embed(List<String> texts) {
      return texts.stream().map(SparseWords::vector).toList();
    }

    static SparseVector vector(String text) {
      int[] idx =
          java.util.Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("\\W+"))
              .filter(w -> !w.isEmpty())
              .mapToInt(w -> w.hashCode() & 0xFFFF)
              .distinct()
              .sorted()
              .toArray();
      float[] weights = new float[idx.length];
      java.util.Arrays.fill(weights, 1f);
      return new SparseVector(idx, weights);
    }
  }

  @Test
  void sparseFieldsAreFilledToo() {
    SparseWords fn = new SparseWords();
    Schema s =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .add(fn.vectorField("terms", "text"))
            .build();
    CollectionOptions opts = CollectionOptions.builder().embeddingFunctions(fn).build();
    try (Collection c = Quiver.create(tmp.resolve("c"), s, opts)) {
      c.insert(Document.builder("a").set("text", "white whale, white sea").build()).orThrow();
      assertEquals(
          SparseWords.vector("white whale white sea"),
          c.fetch("a").orElseThrow().getSparseVector("terms"));
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> c.query("terms", "whale", 1));
      assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    }
  }

  @Test
  void aFailingFunctionFailsTheCallAndWritesNothing() {
    Private failing =
        new Private() {
          @Override
          public List<float[]> embed(List<String> texts) {
            throw new IllegalStateException("model exploded");
          }
        };
    CollectionOptions opts = CollectionOptions.builder().embeddingFunctions(failing).build();
    try (Collection c = Quiver.create(tmp.resolve("c"), schema(failing), opts)) {
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> c.insert(BOOKS));
      assertTrue(e.getMessage().contains("field 'embedding'"), e.getMessage());
      assertTrue(e.getMessage().contains("model exploded"), e.getMessage());
      assertEquals(0, c.count());
      c.insert(doc("given", "text", 1).toBuilder().set("embedding", FN.vector("x")).build())
          .orThrow();
      assertEquals(1, c.count(), "writes that need no embedding still work");
    }
  }
}
