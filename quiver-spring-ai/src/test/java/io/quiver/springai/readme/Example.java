package io.quiver.springai.readme;

import io.quiver.springai.QuiverVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;

/** The README's example, verbatim between the markers; {@link ExampleTest} keeps it so. */
final class Example {
  private Example() {}

  static List<String> run(Path dir, EmbeddingModel embeddingModel) {
    List<String> printed = new ArrayList<>();
    // README:begin
    try (QuiverVectorStore store =
        QuiverVectorStore.builder(embeddingModel).directory(dir.resolve("docs")).build()) {
      store.add(
          List.of(
              new Document("Quiver keeps vectors in a directory.", Map.of("year", 2026)),
              new Document("Cats sleep a lot.", Map.of("year", 2024))));
      SearchRequest request =
          SearchRequest.builder()
              .query("Where are the vectors kept?")
              .filterExpression("year >= 2025")
              .topK(3)
              .build();
      for (Document hit : store.similaritySearch(request)) {
        printed.add(hit.getScore() + " " + hit.getText());
      }
    }
    // README:end
    return printed;
  }
}
