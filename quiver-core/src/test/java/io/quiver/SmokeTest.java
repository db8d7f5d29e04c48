package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.query.Hit;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path tmp;

  @Test
  void roundTrip() {
    Schema schema =
        Schema.builder()
            .scalar("title", DataType.STRING)
            .nullableScalar("year", DataType.INT32)
            .vector("v", DataType.VECTOR_FP32, 3, Metric.L2)
            .build();
    Path dir = tmp.resolve("c");
    try (Collection c = Quiver.create(dir, schema)) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        docs.add(
            Document.builder("d" + i)
                .set("title", "t" + i)
                .set("year", 2000 + i)
                .set("v", new float[] {i, 0, 0})
                .build());
      }
      c.insert(docs).forEach(WriteResult::orThrow);
      assertEquals(100, c.count());
      List<Hit> hits = c.query("v", new float[] {10.2f, 0, 0}, 3);
      assertEquals("d10", hits.get(0).id());
      c.flush();
      c.delete("d10");
      hits = c.query("v", new float[] {10.2f, 0, 0}, 3);
      assertEquals("d11", hits.get(0).id());
    }
    try (Collection c = Quiver.open(dir)) {
      assertEquals(99, c.count());
      List<Hit> hits = c.query("v", new float[] {10.2f, 0, 0}, 3);
      assertEquals("d11", hits.get(0).id());
      assertEquals("t11", hits.get(0).document().getString("title"));
    }
  }
}
