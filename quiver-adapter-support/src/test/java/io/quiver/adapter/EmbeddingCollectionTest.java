package io.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Collection;
import io.quiver.Quiver;
import io.quiver.query.filter.CompareOp;
import io.quiver.schema.DataType;
import io.quiver.schema.Limits;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCollectionTest {
  @TempDir Path dir;

  private EmbeddingCollection open(int dimension) {
    return EmbeddingCollection.open(
        new EmbeddingCollection.Config(
            dir.resolve("c"), null, "text", "embedding", dimension, VectorIndex.flat(), null));
  }

  private static EmbeddingCollection.Entry entry(String id, String text, Map<String, ?> metadata) {
    return new EmbeddingCollection.Entry(id, new float[] {1, id.length(), 0.5f}, text, metadata);
  }

  private static List<EmbeddingCollection.Match> all(EmbeddingCollection c) {
    return c.search(new float[] {1, 0, 0}, 1000, null, true);
  }

  private static Set<String> ids(List<EmbeddingCollection.Match> matches) {
    Set<String> out = new HashSet<>();
    matches.forEach(m -> out.add(m.id()));
    return out;
  }

  @Test
  void theCollectionIsCreatedOnTheFirstWriteWithItsDimension() {
    try (EmbeddingCollection c = open(0)) {
      assertTrue(c.collection().isEmpty());
      assertEquals(0, c.dimension());
      assertEquals(List.of(), all(c));
      c.deleteAll();
      c.delete(List.of("x"));
      c.upsert(List.of(entry("a", "hello", Map.of())));
      assertEquals(3, c.dimension());
      assertEquals(Set.of("a"), ids(all(c)));
    }
    try (EmbeddingCollection c = open(3)) {
      assertEquals(Set.of("a"), ids(all(c)), "reopened from the directory");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(4));
    assertTrue(e.getMessage().contains("dimension 3, not the configured 4"), e.getMessage());
  }

  @Test
  void metadataRoundTripsWithItsTypesTextAndEmbedding() {
    UUID uuid = UUID.randomUUID();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("s", "x");
    metadata.put("u", uuid);
    metadata.put("b", true);
    metadata.put("i", Integer.MIN_VALUE);
    metadata.put("l", Long.MAX_VALUE);
    metadata.put("f", Float.MIN_VALUE);
    metadata.put("d", Double.MIN_VALUE);
    metadata.put("page-number", 7);
    metadata.put("id", "not the document id");
    metadata.put("text", "not the text");
    try (EmbeddingCollection c = open(0)) {
      c.upsert(List.of(entry("a", "hello", metadata), entry("b", null, null)));
    }
    try (EmbeddingCollection c = open(0)) {
      Map<String, EmbeddingCollection.Match> byId = new LinkedHashMap<>();
      all(c).forEach(m -> byId.put(m.id(), m));
      EmbeddingCollection.Match a = byId.get("a");
      assertEquals("hello", a.text());
      assertArrayEquals(new float[] {1, 1, 0.5f}, a.embedding());
      Map<String, Object> expected = new LinkedHashMap<>(metadata);
      expected.put("u", uuid.toString());
      assertEquals(expected, a.metadata());
      assertEquals(Integer.class, a.metadata().get("i").getClass());
      assertEquals(Float.class, a.metadata().get("f").getClass());
      EmbeddingCollection.Match b = byId.get("b");
      assertNull(b.text());
      assertEquals(Map.of(), b.metadata());
      Schema schema = c.collection().orElseThrow().schema();
      assertEquals(DataType.INT32, schema.field("_mpage_2d_number").orElseThrow().type());
      assertEquals(DataType.STRING, schema.field("_mid").orElseThrow().type());
    }
  }

  @Test
  void scoresAreCosineSimilarityAndRelevanceIsItsHalfShiftedValue() {
    try (EmbeddingCollection c = open(0)) {
      c.upsert(
          List.of(
              new EmbeddingCollection.Entry("same", new float[] {2, 0, 0}, null, null),
              new EmbeddingCollection.Entry("opposite", new float[] {-1, 0, 0}, null, null),
              new EmbeddingCollection.Entry("orthogonal", new float[] {0, 3, 0}, null, null)));
      List<EmbeddingCollection.Match> m = c.search(new float[] {1, 0, 0}, 3, null, false);
      assertEquals(List.of("same", "orthogonal", "opposite"), m.stream().map(x -> x.id()).toList());
      assertEquals(1, m.get(0).cosine(), 1e-6);
      assertEquals(1, m.get(0).relevance(), 1e-6);
      assertEquals(0.5, m.get(1).relevance(), 1e-6);
      assertEquals(0, m.get(2).relevance(), 1e-6);
      assertNull(m.get(0).embedding(), "not asked for");
      assertEquals(2, c.search(new float[] {1, 0, 0}, 2, null, false).size());
      assertEquals(List.of(), c.search(new float[] {1, 0, 0}, 0, null, false));
    }
  }

  @Test
  void valuesWidenIntoWiderFieldsButConflictingTypesAreRefused() {
    try (EmbeddingCollection c = open(0)) {
      c.upsert(List.of(entry("a", null, Map.of("n", 5L, "x", 1.5))));
      c.upsert(List.of(entry("b", null, Map.of("n", 6, "x", 2.5f))));
      Map<String, Object> b = byId(c).get("b").metadata();
      assertEquals(6L, b.get("n"));
      assertEquals(2.5, b.get("x"));

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> c.upsert(List.of(entry("c", null, Map.of("n", "six")))));
      assertEquals(
          "metadata key 'n' holds INT64 values (field 'n'), which a STRING value does not fit;"
              + " a key keeps its type while a document has a value for it",
          e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  c.upsert(
                      List.of(
                          entry("c", null, Map.of("k", 1)), entry("d", null, Map.of("k", "1")))));
      assertTrue(
          e.getMessage().contains("'k' has values of types INT32 and STRING"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> c.upsert(List.of(entry("c", null, Map.of("k", List.of(1))))));
      assertTrue(e.getMessage().contains("metadata key 'k' has a value of type"), e.getMessage());
      assertEquals(Set.of("a", "b"), byId(c).keySet(), "a refused call writes nothing");
    }
  }

  @Test
  void aKeyTakesAnotherTypeOnceNoDocumentHasAValueForIt() {
    try (EmbeddingCollection c = open(0)) {
      c.upsert(List.of(entry("a", null, Map.of("k", 1)), entry("b", null, Map.of("other", 1))));
      assertThrows(
          IllegalArgumentException.class,
          () -> c.upsert(List.of(entry("c", null, Map.of("k", "one")))));
      c.delete(List.of("a", "unknown"));
      c.upsert(List.of(entry("c", null, Map.of("k", "one"))));
      assertEquals(
          DataType.STRING, c.collection().orElseThrow().schema().field("k").orElseThrow().type());
      assertEquals(Map.of("k", "one"), byId(c).get("c").metadata());
      assertEquals(Map.of("other", 1), byId(c).get("b").metadata());
    }
  }

  @Test
  void deleteWhereRemovesEveryMatchEvenBeyondOneQueryOfHits() {
    int n = Limits.MAX_TOP_K + 100;
    try (EmbeddingCollection c = open(0)) {
      List<EmbeddingCollection.Entry> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        entries.add(
            new EmbeddingCollection.Entry(
                "d" + i, new float[] {1, i, 0}, null, Map.of("even", i % 2 == 0)));
      }
      c.upsert(entries);
      long deleted = c.deleteWhere(k -> k.compare("even", CompareOp.EQ, true, false));
      assertEquals(n / 2, deleted);
      assertEquals(n - n / 2, c.collection().orElseThrow().count());
      assertEquals(0, c.deleteWhere(k -> k.compare("missing", CompareOp.EQ, 1, false)));
      c.deleteAll();
      assertEquals(0, c.collection().orElseThrow().count());
    }
  }

  @Test
  void filtersOnMissingKeysAreConstants() {
    try (EmbeddingCollection c = open(0)) {
      c.upsert(List.of(entry("a", null, Map.of("k", 1)), entry("b", null, Map.of())));
      assertEquals(
          Set.of("a", "b"),
          ids(
              c.search(
                  new float[] {1, 0, 0}, 10, k -> k.compare("zz", CompareOp.EQ, 1, true), false)));
      assertEquals(
          Set.of(),
          ids(c.search(new float[] {1, 0, 0}, 10, k -> k.in("zz", List.of(1), false), false)));
      assertEquals(
          Set.of("b"),
          ids(
              c.search(
                  new float[] {1, 0, 0}, 10, k -> k.compare("k", CompareOp.EQ, 1, true), false)));
      assertEquals(
          Set.of("a"), ids(c.search(new float[] {1, 0, 0}, 10, k -> k.isNull("k", true), false)));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  c.search(
                      new float[] {1, 0, 0},
                      10,
                      k -> k.compare("k", CompareOp.EQ, "1", false),
                      false));
      assertEquals(
          "metadata key 'k' holds INT32 values and cannot be compared with String '1'",
          e.getMessage());
    }
  }

  @Test
  void anExistingCollectionIsCheckedAndGetsATextField() {
    Schema schema =
        Schema.builder()
            .vector("vec", DataType.VECTOR_FP32, 2, Metric.COSINE)
            .add(ScalarField.of("author", DataType.STRING).asNullable())
            .build();
    try (Collection own = Quiver.create(dir.resolve("own"), schema)) {
      try (EmbeddingCollection c =
          EmbeddingCollection.open(
              new EmbeddingCollection.Config(null, own, "body", "vec", 0, null, null))) {
        c.upsert(
            List.of(
                new EmbeddingCollection.Entry(
                    "a", new float[] {1, 2}, "t", Map.of("author", "x"))));
        assertEquals("t", c.search(new float[] {1, 2}, 1, null, false).getFirst().text());
      }
      assertEquals(1, own.count(), "still open: the caller owns it");
      assertEquals(DataType.STRING, own.schema().field("body").orElseThrow().type());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  EmbeddingCollection.open(
                      new EmbeddingCollection.Config(null, own, "text", "author", 0, null, null)));
      assertTrue(e.getMessage().contains("COSINE"), e.getMessage());
    }
  }

  private static Map<String, EmbeddingCollection.Match> byId(EmbeddingCollection c) {
    Map<String, EmbeddingCollection.Match> out = new LinkedHashMap<>();
    all(c).forEach(m -> out.put(m.id(), m));
    return out;
  }
}
