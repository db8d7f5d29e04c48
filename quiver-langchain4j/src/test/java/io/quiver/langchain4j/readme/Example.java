package io.quiver.langchain4j.readme;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.quiver.langchain4j.QuiverEmbeddingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's example, verbatim between the markers; {@link ExampleTest} keeps it so. */
final class Example {
  private Example() {}

  static List<String> run(Path dir, EmbeddingModel model) {
    List<String> printed = new ArrayList<>();
    // README:begin
    try (QuiverEmbeddingStore store =
        QuiverEmbeddingStore.builder().directory(dir.resolve("segments")).build()) {
      for (String text : List.of("Quiver keeps vectors in a directory.", "Cats sleep a lot.")) {
        TextSegment segment = TextSegment.from(text, Metadata.from("lang", "en"));
        store.add(model.embed(segment).content(), segment);
      }
      EmbeddingSearchRequest request =
          EmbeddingSearchRequest.builder()
              .queryEmbedding(model.embed("Where are the vectors kept?").content())
              .filter(metadataKey("lang").isEqualTo("en"))
              .maxResults(1)
              .build();
      for (EmbeddingMatch<TextSegment> match : store.search(request).matches()) {
        printed.add(match.score() + " " + match.embedded().text());
      }
    }
    // README:end
    return printed;
  }
}
