package io.quiver.readme;

import io.quiver.Collection;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.query.Hit;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's quick start, verbatim between the markers; {@link QuickStartTest} keeps it so. */
final class QuickStart {
  private QuickStart() {}

  static List<String> run(Path dir) {
    List<String> printed = new ArrayList<>();
    // README:begin
    Schema schema =
        Schema.builder()
            .scalar("title", DataType.STRING)
            .nullableScalar("year", DataType.INT32)
            .vector("embedding", DataType.VECTOR_FP32, 4, Metric.COSINE)
            .build();

    try (Collection books = Quiver.create(dir.resolve("books"), schema)) {
      books.insert(
          List.of(
              Document.builder("moby-dick")
                  .set("title", "Moby-Dick")
                  .set("year", 1851)
                  .set("embedding", new float[] {0.9f, 0.1f, 0.0f, 0.2f})
                  .build(),
              Document.builder("walden")
                  .set("title", "Walden")
                  .set("year", 1854)
                  .set("embedding", new float[] {0.1f, 0.8f, 0.3f, 0.0f})
                  .build()));

      for (Hit hit : books.query("embedding", new float[] {1f, 0f, 0f, 0.1f}, 2)) {
        printed.add(hit.id() + " " + hit.score() + " " + hit.document().getString("title"));
      }
    }
    // README:end
    return printed;
  }
}
