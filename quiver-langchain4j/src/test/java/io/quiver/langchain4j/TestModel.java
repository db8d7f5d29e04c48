package io.quiver.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** The embedding model of the suites: all-MiniLM-L6-v2 (quantized), local, from Maven Central. */
final class TestModel {
  private TestModel() {}

  private static final class Holder {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  static EmbeddingModel get() {
    return Holder.MODEL;
  }
}
