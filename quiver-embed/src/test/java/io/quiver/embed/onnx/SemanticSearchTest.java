package io.quiver.embed.onnx;

import static io.quiver.embed.onnx.Models.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorField;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection embedding with the built-in model: text in, semantic search out, reopened. */
class SemanticSearchTest {
  @TempDir Path tmp;

  static final List<Document> PASSAGES =
      List.of(
          passage("storm", "The ship was tossed by a violent gale far out at sea.", 1851),
          passage("whale", "The harpooners rowed after the great white whale.", 1851),
          passage("ball", "She danced with him twice at the assembly ball.", 1813),
          passage("pond", "I built a small cabin in the woods beside the pond.", 1854),
          passage("rail", "The railroad now joins the Atlantic to the Pacific coast.", 1869),
          passage("tax", "Congress should lower the tariff on imported goods.", 1890),
          passage("war", "Our soldiers fought bravely in the war against Spain.", 1898),
          passage("moon", "Astronauts walked on the surface of the moon.", 1969));

  static Document passage(String id, String text, int year) {
    return Document.builder(id).set("text", text).set("year", year).build();
  }

  static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void semanticSearchWithAFilterSurvivesAReopen() {
    OnnxEmbeddingFunction minilm = Models.quantized();
    Schema schema =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .scalar("year", DataType.INT32)
            .add(minilm.vectorField("embedding", "text"))
            .build();
    Path dir = tmp.resolve("passages");
    List<Hit> sea;
    try (Collection c = Quiver.create(dir, schema)) {
      c.insert(PASSAGES).forEach(WriteResult::orThrow);
      sea = c.query("embedding", "a storm on the ocean", 3);
      assertEquals("storm", sea.getFirst().id(), sea.toString());
      assertEquals(
          List.of("moon"),
          ids(c.query(Query.builder().text("text", "space exploration").topK(1).build())));
      assertEquals(
          List.of("rail"),
          ids(
              c.query(
                  Query.builder()
                      .text("embedding", "trains crossing the continent")
                      .filter("year > 1850 AND year < 1900")
                      .topK(1)
                      .build())));
    }
    try (Collection c = Quiver.open(dir)) { // the provider recreates the function from the schema
      VectorField f = (VectorField) c.schema().field("embedding").orElseThrow();
      assertEquals(OnnxEmbeddings.MINILM, f.embedding().function());
      assertEquals("quantized", f.embedding().config().get("variant"));
      assertEquals(ids(sea), ids(c.query("embedding", "a storm on the ocean", 3)));
      c.update(
              Document.builder("moon")
                  .set("text", "The fleet sailed into a hurricane on the open sea.")
                  .build())
          .orThrow();
      List<Hit> again = c.query("embedding", "a storm on the ocean", 2);
      assertTrue(ids(again).contains("moon"), "the updated text was embedded again: " + again);
    }
  }

  @Test
  void parallelInsertsStoreTheVectorsOfOneByOne() {
    OnnxEmbeddingFunction minilm = Models.fp32();
    Schema schema =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .add(minilm.vectorField("embedding", "text"))
            .build();
    List<String> texts = MiniLmReferenceTest.varied(100, 11);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(Document.builder("d" + i).set("text", texts.get(i)).build());
    }
    CollectionOptions opts =
        CollectionOptions.builder().optimizeThreads(2).embeddingFunctions(minilm).build();
    try (Collection c = Quiver.create(tmp.resolve("c"), schema, opts)) {
      c.insert(docs).forEach(WriteResult::orThrow);
      for (int i = 0; i < texts.size(); i++) {
        float[] stored = c.fetch("d" + i).orElseThrow().getVector("embedding");
        float diff = maxAbsDiff(stored, minilm.embed(texts.get(i)));
        assertTrue(diff < 1e-4, "document " + i + " differs by " + diff);
      }
    }
  }
}
