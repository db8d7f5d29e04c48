/**
 * Quiver: an embedded vector database. The API is {@link io.quiver.Quiver} and {@link
 * io.quiver.Collection}, with the schema in {@code io.quiver.schema} and requests and results in
 * {@code io.quiver.query}; embedding functions (text to vectors) plug in through {@code
 * io.quiver.embed}. Everything under {@code io.quiver.internal} may change at any release.
 */
module io.quiver.core {
  requires static jdk.incubator.vector;
  requires roaringbitmap;

  exports io.quiver;
  exports io.quiver.schema;
  exports io.quiver.query;
  exports io.quiver.query.filter;
  exports io.quiver.embed;

  // Embedding functions are found by name when a collection with bound fields opens.
  uses io.quiver.embed.EmbeddingProvider;
}
