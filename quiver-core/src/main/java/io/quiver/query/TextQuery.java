package io.quiver.query;

import io.quiver.InvalidArgumentException;

/**
 * Nearest neighbours of a text: the text is embedded by the embedding function of a bound vector
 * field (see {@link io.quiver.schema.VectorField#withEmbedding}), then searched like a {@link
 * VectorQuery}. {@code field} names the vector field, or the STRING field it is embedded from when
 * exactly one vector field is.
 *
 * @param field the bound vector field, or its source text field
 * @param text the text to search for
 */
public record TextQuery(String field, String text) implements SubQuery {

  /** Checks that both are given. */
  public TextQuery {
    if (field == null || text == null) {
      throw new InvalidArgumentException("text query needs a field and a text");
    }
  }
}
