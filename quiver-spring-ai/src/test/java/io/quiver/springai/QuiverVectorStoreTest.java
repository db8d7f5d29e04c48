package io.quiver.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.Collection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/** Similarity search, scores, thresholds, filters and persistence of {@link QuiverVectorStore}. */
class QuiverVectorStoreTest {
  private final EmbeddingModel model = new HashingEmbeddingModel();
  @TempDir Path dir;
  private QuiverVectorStore store;

  private final Document fox =
      new Document(
          "fox",
          "The quick brown fox jumps over the lazy dog",
          Map.of("kind", "animal", "legs", 4));
  private final Document quiver =
      new Document(
          "quiver",
          "Quiver keeps vectors in a directory on disk",
          Map.of("kind", "software", "year", 2026, "open-source", true));
  private final Document spring =
      new Document(
          "spring",
          "Spring AI puts vectors in a vector store",
          Map.of("kind", "software", "year", 2024, "rating", 4.5));
  private final Document poem =
      new Document("poem", "Roses are red and violets are blue", Map.of());

  @BeforeEach
  void open() {
    store = QuiverVectorStore.builder(model).directory(dir.resolve("store")).build();
    store.add(List.of(fox, quiver, spring, poem));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String> ids(SearchRequest.Builder request) {
    return store.similaritySearch(request.build()).stream().map(Document::getId).toList();
  }

  private List<String> ids(String filter) {
    return ids(SearchRequest.builder().query("vectors").topK(10).filterExpression(filter)).stream()
        .sorted()
        .toList();
  }

  @Test
  void theNearestDocumentsComeFirstWithScoresInZeroToOne() {
    List<Document> hits =
        store.similaritySearch(
            SearchRequest.builder().query("where does Quiver keep vectors").topK(4).build());
    assertThat(hits).extracting(Document::getId).first().isEqualTo("quiver");
    assertThat(hits).extracting(Document::getId).element(1).isEqualTo("spring");
    for (int i = 0; i < hits.size(); i++) {
      Document d = hits.get(i);
      assertThat(d.getScore()).isBetween(0.0, 1.0);
      assertThat((Double) d.getMetadata().get("distance"))
          .isCloseTo(1 - d.getScore(), within(1e-9));
      if (i > 0) {
        assertThat(d.getScore()).isLessThanOrEqualTo(hits.get(i - 1).getScore());
      }
    }
    Document top =
        store
            .similaritySearch(
                SearchRequest.builder()
                    .query("Quiver keeps vectors in a directory on disk")
                    .build())
            .getFirst();
    assertThat(top.getScore()).isCloseTo(1.0, within(1e-6));
    assertThat(top.getText()).isEqualTo(quiver.getText());
    assertThat(top.getMetadata())
        .containsEntry("kind", "software")
        .containsEntry("year", 2026)
        .containsEntry("open-source", true);
  }

  @Test
  void scoreIsHalfShiftedCosineSimilarity() {
    float[] q = model.embed("vectors in a directory");
    float[] d = model.embed(quiver.getText());
    double dot = 0;
    double nq = 0;
    double nd = 0;
    for (int i = 0; i < q.length; i++) {
      dot += q[i] * d[i];
      nq += q[i] * q[i];
      nd += d[i] * d[i];
    }
    double cosine = dot / Math.sqrt(nq * nd);
    Document hit =
        store
            .similaritySearch(
                SearchRequest.builder()
                    .query("vectors in a directory")
                    .filterExpression("kind == 'software' && year == 2026")
                    .build())
            .getFirst();
    assertThat(hit.getScore()).isCloseTo((cosine + 1) / 2, within(1e-6));
  }

  @Test
  void theThresholdAndTopKLimitTheHits() {
    List<Document> all =
        store.similaritySearch(
            SearchRequest.builder().query("vectors").topK(4).similarityThresholdAll().build());
    assertThat(all).hasSize(4);
    double second = all.get(1).getScore();
    assertThat(ids(SearchRequest.builder().query("vectors").topK(4).similarityThreshold(second)))
        .hasSize(2);
    assertThat(
            ids(
                SearchRequest.builder()
                    .query("vectors")
                    .topK(4)
                    .similarityThreshold(Math.nextUp(second))))
        .hasSize(1);
    assertThat(ids(SearchRequest.builder().query("vectors").topK(3))).hasSize(3);
  }

  @Test
  void filtersAreTwoValuedOverMissingKeys() {
    assertThat(ids("kind == 'software'")).containsExactly("quiver", "spring");
    assertThat(ids("kind != 'software'")).containsExactly("fox", "poem");
    assertThat(ids("NOT (kind == 'software')")).containsExactly("fox", "poem");
    assertThat(ids("year >= 2025")).containsExactly("quiver");
    assertThat(ids("year < 2025")).containsExactly("spring");
    assertThat(ids("NOT (year < 2025)")).containsExactly("fox", "poem", "quiver");
    assertThat(ids("year in [2024, 2026]")).containsExactly("quiver", "spring");
    assertThat(ids("year nin [2024]")).containsExactly("fox", "poem", "quiver");
    assertThat(ids("rating > 4 || legs == 4")).containsExactly("fox", "spring");
    assertThat(ids("kind == 'software' && NOT (year == 2024 || rating > 4)"))
        .containsExactly("quiver");
    assertThat(ids("'open-source' == true")).containsExactly("quiver");
    assertThat(ids("'open-source' != true")).containsExactly("fox", "poem", "spring");
    assertThat(ids("unknown == 1")).isEmpty();
    assertThat(ids("unknown != 1")).containsExactly("fox", "poem", "quiver", "spring");
    assertThat(ids("year IS NULL")).containsExactly("fox", "poem");
    assertThat(ids("year IS NOT NULL && rating IS NULL")).containsExactly("quiver");

    FilterExpressionBuilder b = new FilterExpressionBuilder();
    assertThat(ids(b.isNull("year").build())).containsExactly("fox", "poem");
    assertThat(ids(b.isNotNull("year").build())).containsExactly("quiver", "spring");
    assertThat(ids(b.not(b.isNull("legs")).build())).containsExactly("fox");
    assertThat(ids(b.and(b.gte("legs", 4.0), b.lte("legs", 4L)).build())).containsExactly("fox");

    assertThatThrownBy(() -> ids("year == 'new'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "metadata key 'year' holds INT32 values and cannot be compared with String 'new'");
  }

  private List<String> ids(Filter.Expression filter) {
    return ids(SearchRequest.builder().query("vectors").topK(10).filterExpression(filter)).stream()
        .sorted()
        .toList();
  }

  @Test
  void documentsSurviveReopeningAndReplaceByIdAndMetadataKeepsItsTypes() {
    store.add(List.of(new Document("poem", "Roses are red", Map.of("lines", 2))));
    store.close();
    store = QuiverVectorStore.builder(model).directory(dir.resolve("store")).build();
    Document poem =
        store
            .similaritySearch(
                SearchRequest.builder().query("roses").filterExpression("lines == 2").build())
            .getFirst();
    assertThat(poem.getId()).isEqualTo("poem");
    assertThat(poem.getText()).isEqualTo("Roses are red");
    assertThat(poem.getMetadata()).containsEntry("lines", 2);

    assertThatThrownBy(() -> store.add(List.of(new Document("x", "x", Map.of("legs", "four")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadata key 'legs' holds INT32 values");
    store.delete("legs == 4");
    store.add(List.of(new Document("x", "x", Map.of("legs", "four"))));
    assertThat(ids("legs == 'four'")).containsExactly("x");
  }

  @Test
  void theNativeClientIsTheQuiverCollection() {
    Optional<Collection> c = store.getNativeClient();
    assertThat(c).isPresent();
    assertThat(c.get().count()).isEqualTo(4);
    assertThat(store.getName()).isEqualTo("QuiverVectorStore");
  }
}
