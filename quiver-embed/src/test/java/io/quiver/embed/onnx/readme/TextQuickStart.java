package io.quiver.embed.onnx.readme;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.embed.onnx.OnnxEmbeddingFunction;
import io.quiver.embed.onnx.OnnxEmbeddings;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's text search example, verbatim between the markers; see TextQuickStartTest. */
final class TextQuickStart {
  private TextQuickStart() {}

  static List<String> run(Path dir) {
    List<String> printed = new ArrayList<>();
    // README:begin
    try (OnnxEmbeddingFunction minilm = OnnxEmbeddings.allMiniLmL6V2()) {
      Schema schema =
          Schema.builder()
              .scalar("title", DataType.STRING)
              .scalar("text", DataType.STRING)
              .nullableScalar("year", DataType.INT32)
              .add(minilm.vectorField("embedding", "text")) // 384-d, filled from "text"
              .build();

      try (Collection books = Quiver.create(dir.resolve("novels"), schema)) {
        books.insert(
            List.of(
                Document.builder("moby-dick")
                    .set("title", "Moby-Dick")
                    .set("text", "A sea captain hunts the white whale that took his leg.")
                    .set("year", 1851)
                    .build(),
                Document.builder("walden")
                    .set("title", "Walden")
                    .set("text", "A man lives simply in a cabin beside a pond in the woods.")
                    .set("year", 1854)
                    .build()));

        Query query =
            Query.builder()
                .text("embedding", "a voyage on the ocean")
                .filter("year > 1850")
                .build();
        for (Hit hit : books.query(query)) {
          printed.add(hit.id() + " " + hit.score() + " " + hit.document().getString("title"));
        }
      }
    }
    // README:end
    return printed;
  }
}
