package io.quiver.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own suite for stores with metadata filters, run unchanged: it holds {@code
 * EmbeddingStoreIT} (and {@code EmbeddingStoreWithoutMetadataIT}), which it extends. One store
 * serves the whole class and is emptied with {@code removeAll()} before each test, as a database
 * would be, so the tests also cover metadata keys that change type between tests.
 */
class QuiverEmbeddingStoreFilteringTest extends EmbeddingStoreWithFilteringIT {
  @TempDir static Path dir;
  private static QuiverEmbeddingStore store;

  @BeforeAll
  static void open() {
    store = QuiverEmbeddingStore.builder().directory(dir.resolve("store")).build();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return TestModel.get();
  }

  @Override
  protected void clearStore() {
    store.removeAll();
  }

  /** {@code containsString} is supported: it becomes {@code LIKE '%text%'}. */
  @Override
  protected boolean supportsContains() {
    return true;
  }
}
