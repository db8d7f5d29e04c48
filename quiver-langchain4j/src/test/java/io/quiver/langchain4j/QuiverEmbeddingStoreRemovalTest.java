package io.quiver.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own suite for removal (by id, by ids, by filter, all), run unchanged. The suite
 * does not empty the store between tests itself, so this class does, with {@code removeAll()}.
 */
class QuiverEmbeddingStoreRemovalTest extends EmbeddingStoreWithRemovalIT {
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

  @BeforeEach
  void empty() {
    store.removeAll();
  }

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return TestModel.get();
  }
}
