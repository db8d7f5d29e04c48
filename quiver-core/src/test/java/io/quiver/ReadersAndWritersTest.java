package io.quiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only handles, refresh, and many threads writing through one handle. */
class ReadersAndWritersTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("n", DataType.INT32)
          .vector("v", DataType.VECTOR_FP32, 2, Metric.L2, VectorIndex.flat())
          .build();

  @TempDir Path tmp;

  private static Document doc(String id, int n) {
    return Document.builder(id).set("n", n).set("v", new float[] {n, -n}).build();
  }

  @Test
  void readOnlyHandleSeesCommittedVersionsAfterRefresh() {
    Path dir = tmp.resolve("c");
    try (Collection w = Quiver.create(dir, SCHEMA)) {
      w.insert(doc("a", 1)).orThrow();
      w.flush();
      try (Collection r = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
        assertTrue(r.isReadOnly());
        assertEquals(1, r.count());
        w.insert(doc("b", 2)).orThrow();
        r.refresh();
        assertEquals(1, r.count(), "an unflushed write is not committed, so not visible");
        long before = r.stats().version();
        w.flush();
        r.refresh();
        assertEquals(2, r.count());
        assertTrue(r.stats().version() > before);
        w.delete("a");
        w.flush();
        assertEquals(2, r.count(), "without refresh the handle keeps its version");
        r.refresh();
        assertEquals(1, r.count());
        assertEquals(2, r.fetch("b").orElseThrow().getInt("n"));
        assertEquals("b", r.query("v", new float[] {0, 0}, 5).getFirst().id());
      }
    }
  }

  @Test
  void manyThreadsWriteThroughOneHandle() throws Exception {
    Path dir = tmp.resolve("w");
    int threads = 6;
    int perThread = 300;
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tt = t;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    c.insert(doc("t" + tt + "-" + i, i)).orThrow();
                    if (i % 100 == 50 && tt == 0) {
                      c.flush();
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      assertEquals(threads * perThread, c.count());
    }
    try (Collection c = Quiver.open(dir)) {
      assertEquals(threads * perThread, c.count());
      for (int t = 0; t < threads; t++) {
        assertEquals(299, c.fetch("t" + t + "-299").orElseThrow().getInt("n"));
      }
    }
  }

  @Test
  void createFinishesACreationThatWasCutShort() throws Exception {
    Path dir = tmp.resolve("half");
    java.nio.file.Files.createDirectories(dir.resolve("segments"));
    java.nio.file.Files.createDirectories(dir.resolve("manifests"));
    java.nio.file.Files.writeString(dir.resolve("LOCK"), "pid 1\n");
    assertTrue(!Quiver.exists(dir), "no manifest: not a collection yet");
    try (Collection c = Quiver.create(dir, SCHEMA)) {
      c.insert(doc("a", 1)).orThrow();
    }
    java.nio.file.Files.writeString(tmp.resolve("other.txt"), "x");
    InvalidArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidArgumentException.class, () -> Quiver.create(tmp, SCHEMA));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
  }

  @Test
  void destroyRemovesTheDirectory() {
    Path dir = tmp.resolve("gone");
    Collection c = Quiver.create(dir, SCHEMA);
    c.insert(doc("a", 1)).orThrow();
    c.destroy();
    assertTrue(!dir.toFile().exists());
    assertTrue(!Quiver.exists(dir));
  }
}
