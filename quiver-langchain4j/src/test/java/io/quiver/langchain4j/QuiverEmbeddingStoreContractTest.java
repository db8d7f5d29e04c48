package io.quiver.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreAddAllContract;
import dev.langchain4j.store.embedding.EmbeddingStoreRemoveAllContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's contracts for {@code addAll} (list sizes) and {@code removeAll} (nothing to
 * remove), run unchanged on a fresh store whose collection does not exist yet.
 */
class QuiverEmbeddingStoreContractTest
    implements EmbeddingStoreAddAllContract, EmbeddingStoreRemoveAllContract {
  @TempDir Path dir;
  private int stores;

  @Override
  public EmbeddingStore<TextSegment> embeddingStore() {
    return QuiverEmbeddingStore.builder().directory(dir.resolve("store-" + stores++)).build();
  }
}
