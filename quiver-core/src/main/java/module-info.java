/**
 * Quiver: an embedded vector database. The API is {@link io.quiver.Quiver} and {@link
 * io.quiver.Collection}, with the schema in {@code io.quiver.schema} and requests and results in
 * {@code io.quiver.query}. Everything under {@code io.quiver.internal} may change at any release.
 */
module io.quiver.core {
  requires static jdk.incubator.vector;
  requires roaringbitmap;

  exports io.quiver;
  exports io.quiver.schema;
  exports io.quiver.query;
  exports io.quiver.query.filter;
}
