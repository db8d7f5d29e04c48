package io.quiver.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random LangChain4j filters over random metadata: the store returns exactly the segments whose
 * metadata LangChain4j's own {@link Filter#test} accepts, and {@code removeAll(filter)} removes
 * exactly those. Run with {@code -Dseed=N} to repeat a failure.
 */
class FilterOracleTest {
  private static final UUID U1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID U2 = UUID.fromString("ffffffff-0000-0000-0000-000000000002");

  /** The keys, each with the values it takes; "absent" is never stored. */
  private static final String[] KEYS = {"s", "n", "d", "f", "l", "u", "odd key", "absent"};

  @TempDir Path dir;

  @Test
  void storeAgreesWithLangChain4jsOwnFilterEvaluation() {
    long seed = Long.getLong("seed", new Random().nextLong());
    Random rnd = new Random(seed);
    try (QuiverEmbeddingStore store =
        QuiverEmbeddingStore.builder().directory(dir.resolve("store")).build()) {
      List<String> ids = new ArrayList<>();
      List<Metadata> metadatas = new ArrayList<>();
      List<Embedding> embeddings = new ArrayList<>();
      List<TextSegment> segments = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        Metadata m = new Metadata();
        for (String key : KEYS) {
          if (!key.equals("absent") && rnd.nextInt(10) < 6) {
            put(m, key, value(key, rnd));
          }
        }
        ids.add("doc-" + i);
        metadatas.add(m);
        embeddings.add(Embedding.from(new float[] {1, rnd.nextFloat(), rnd.nextFloat()}));
        segments.add(TextSegment.from("segment " + i, m));
      }
      store.addAll(ids, embeddings, segments);

      for (int round = 0; round < 400; round++) {
        Filter filter = filter(rnd, 3);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < ids.size(); i++) {
          if (filter.test(metadatas.get(i))) {
            expected.add(ids.get(i));
          }
        }
        Set<String> actual = new TreeSet<>();
        for (EmbeddingMatch<TextSegment> match :
            store
                .search(
                    EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                        .maxResults(1000)
                        .filter(filter)
                        .build())
                .matches()) {
          actual.add(match.embeddingId());
        }
        assertEquals(
            expected, actual, "seed " + seed + ", filter " + filter + difference(expected, actual));

        if (round % 40 == 0) {
          store.removeAll(filter);
          Set<String> left = new TreeSet<>(ids);
          left.removeAll(expected);
          assertEquals(left, allIds(store), "seed " + seed + ", removeAll(" + filter + ")");
          store.addAll(ids, embeddings, segments);
        }
      }
    }
  }

  private static String difference(Set<String> expected, Set<String> actual) {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    return ": missing " + missing + ", extra " + extra;
  }

  private static Set<String> allIds(QuiverEmbeddingStore store) {
    Set<String> out = new TreeSet<>();
    store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                .maxResults(1000)
                .build())
        .matches()
        .forEach(m -> out.add(m.embeddingId()));
    return out;
  }

  private static Object value(String key, Random rnd) {
    return switch (key) {
      case "s", "odd key" -> List.of("a", "b", "ab", "B", "", "a%_\\'b").get(rnd.nextInt(6));
      case "n" -> rnd.nextInt(5) - 2;
      case "l" -> (long) (rnd.nextInt(5) - 2);
      case "d" -> List.of(-1.5, 0.0, 1.0, 1.5, 2.0).get(rnd.nextInt(5));
      case "f" -> List.of(-1.5f, 0.0f, 1.0f, 1.5f, 2.0f).get(rnd.nextInt(5));
      case "u" -> rnd.nextBoolean() ? U1 : U2;
      default -> throw new AssertionError(key);
    };
  }

  /** A number of a random Java type, for comparing with any numeric key. */
  private static Object number(Random rnd) {
    int n = rnd.nextInt(5) - 2;
    return switch (rnd.nextInt(4)) {
      case 0 -> n;
      case 1 -> (long) n;
      case 2 -> n / 2.0 + 0.5;
      default -> (float) n;
    };
  }

  private static Object comparable(String key, Random rnd) {
    return switch (key) {
      case "s", "odd key", "u" -> value(key, rnd);
      case "absent" -> rnd.nextBoolean() ? "a" : 1;
      default -> number(rnd);
    };
  }

  private static Filter filter(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 0 ? 13 : 10);
    String key = KEYS[rnd.nextInt(KEYS.length)];
    boolean ordered = !key.equals("u"); // LangChain4j orders UUIDs, Quiver their strings
    return switch (kind) {
      case 0 -> new IsEqualTo(key, comparable(key, rnd));
      case 1 -> new IsNotEqualTo(key, comparable(key, rnd));
      case 2 ->
          ordered
              ? new IsGreaterThan(key, (Comparable<?>) comparable(key, rnd))
              : metadataKey(key).isEqualTo(U1);
      case 3 ->
          ordered
              ? new IsGreaterThanOrEqualTo(key, (Comparable<?>) comparable(key, rnd))
              : metadataKey(key).isNotEqualTo(U2);
      case 4 ->
          ordered
              ? new IsLessThan(key, (Comparable<?>) comparable(key, rnd))
              : metadataKey(key).isIn(U1);
      case 5 ->
          ordered
              ? new IsLessThanOrEqualTo(key, (Comparable<?>) comparable(key, rnd))
              : metadataKey(key).isNotIn(U2);
      case 6 -> metadataKey(key).isIn(list(key, rnd));
      case 7 -> metadataKey(key).isNotIn(list(key, rnd));
      case 8, 9 -> {
        String k = rnd.nextBoolean() ? "s" : "odd key";
        String text = List.of("a", "b", "%", "_", "\\", "'", "").get(rnd.nextInt(7));
        yield metadataKey(k).containsString(text);
      }
      case 10 -> Filter.not(filter(rnd, depth - 1));
      case 11 -> Filter.and(filter(rnd, depth - 1), filter(rnd, depth - 1));
      default -> Filter.or(filter(rnd, depth - 1), filter(rnd, depth - 1));
    };
  }

  private static List<Object> list(String key, Random rnd) {
    List<Object> out = new ArrayList<>();
    Object first = comparable(key, rnd);
    out.add(first);
    for (int i = rnd.nextInt(3); i > 0; i--) {
      Object v = comparable(key, rnd);
      if (v.getClass() == first.getClass()) { // LangChain4j checks the type of the first value only
        out.add(v);
      }
    }
    return out;
  }

  private static void put(Metadata m, String key, Object value) {
    switch (value) {
      case String s -> m.put(key, s);
      case Integer i -> m.put(key, i);
      case Long l -> m.put(key, l);
      case Double d -> m.put(key, d);
      case Float f -> m.put(key, f);
      case UUID u -> m.put(key, u);
      default -> throw new AssertionError(value);
    }
  }
}
