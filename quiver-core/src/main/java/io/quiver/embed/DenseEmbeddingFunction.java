package io.quiver.embed;

import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.VectorField;
import java.util.List;

/**
 * An embedding function giving dense vectors of a fixed {@link #dimension()}, known before any text
 * is embedded.
 *
 * <pre>{@code
 * DenseEmbeddingFunction minilm = ...; // for example OnnxEmbeddings.allMiniLmL6V2() (quiver-embed)
 * Schema schema = Schema.builder()
 *     .scalar("text", DataType.STRING)
 *     .add(minilm.vectorField("embedding", "text"))
 *     .build();
 * }</pre>
 */
public non-sealed interface DenseEmbeddingFunction extends EmbeddingFunction {

  /** The number of dimensions of every vector. */
  int dimension();

  /**
   * The vectors of {@code texts}, one per text and in the same order; each has {@link #dimension()}
   * finite elements. Any number of texts may be passed; Quiver passes {@link #batchSize()} at a
   * time.
   */
  List<float[]> embed(List<String> texts);

  /** The vector of one text. */
  default float[] embed(String text) {
    return embed(List.of(text)).getFirst();
  }

  /** Whether every vector has Euclidean length 1 (so COSINE, IP and L2 rank alike). */
  default boolean normalized() {
    return false;
  }

  /**
   * A required {@code VECTOR_FP32} field of this function's dimension, compared by {@link
   * Metric#COSINE}, filled from the STRING field {@code sourceField}.
   */
  default VectorField vectorField(String name, String sourceField) {
    return VectorField.dense(name, DataType.VECTOR_FP32, dimension(), Metric.COSINE)
        .withEmbedding(bind(sourceField));
  }
}
