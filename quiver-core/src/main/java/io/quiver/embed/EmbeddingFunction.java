package io.quiver.embed;

import io.quiver.schema.EmbeddingBinding;
import java.util.Map;

/**
 * Turns texts into vectors: a {@link DenseEmbeddingFunction} (fixed dimension) or a {@link
 * SparseEmbeddingFunction} (index to weight). Implementations must be thread-safe: a collection
 * calls {@code embed} from several threads at once (up to {@link
 * io.quiver.CollectionOptions#optimizeThreads()} for writes, plus one per querying thread).
 *
 * <p>A function is identified by its {@link #name()} and {@link #config()}: both are stored in the
 * schema of a collection whose field it fills, and a reopened collection asks the {@link
 * EmbeddingProvider}s for a function with the same name and configuration. They must therefore
 * describe the function completely: two functions with the same name and configuration must give
 * the same vectors.
 */
public sealed interface EmbeddingFunction extends AutoCloseable
    permits DenseEmbeddingFunction, SparseEmbeddingFunction {

  /** The batch size Quiver uses when it calls a function that does not say otherwise. */
  int DEFAULT_BATCH_SIZE = 32;

  /** The stored name that providers know the function by, for example {@code all-minilm-l6-v2}. */
  String name();

  /** What a provider needs, besides the name, to recreate this function; stored in the schema. */
  Map<String, String> config();

  /**
   * How many texts Quiver passes to one {@code embed} call: large enough to use the hardware well,
   * small enough that batches can run in parallel. Default {@value #DEFAULT_BATCH_SIZE}.
   */
  default int batchSize() {
    return DEFAULT_BATCH_SIZE;
  }

  /** A binding of a vector field to this function, embedding the text of {@code sourceField}. */
  default EmbeddingBinding bind(String sourceField) {
    return new EmbeddingBinding(sourceField, name(), config());
  }

  /**
   * Releases what the function holds (a model, native memory). A collection closes the functions it
   * created through a provider when it closes; functions given in the options belong to the caller.
   * Idempotent; the default does nothing.
   */
  @Override
  default void close() {}
}
