package io.quiver.embed;

import io.quiver.schema.SparseVector;
import io.quiver.schema.VectorField;
import java.util.List;

/**
 * An embedding function giving sparse vectors (dimension index to weight), as learned sparse models
 * such as SPLADE do. A sparse field bound to one is filled on writes like a dense one; text queries
 * on sparse fields come with hybrid search.
 */
public non-sealed interface SparseEmbeddingFunction extends EmbeddingFunction {

  /** The vectors of {@code texts}, one per text and in the same order. */
  List<SparseVector> embed(List<String> texts);

  /** The vector of one text. */
  default SparseVector embed(String text) {
    return embed(List.of(text)).getFirst();
  }

  /** A required sparse vector field filled from the STRING field {@code sourceField}. */
  default VectorField vectorField(String name, String sourceField) {
    return VectorField.sparse(name).withEmbedding(bind(sourceField));
  }
}
