package io.quiver.springai;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's own {@link BaseVectorStoreTests} (deletes by id, by filter, by filter text). */
class QuiverVectorStoreBaseTest extends BaseVectorStoreTests {
  @TempDir Path dir;

  @Override
  protected void executeTest(Consumer<VectorStore> testFunction) {
    try (QuiverVectorStore store =
        QuiverVectorStore.builder(new HashingEmbeddingModel())
            .directory(dir.resolve("store"))
            .build()) {
      testFunction.accept(store);
    }
  }
}
