package io.quiver.query;

/**
 * One retrieval of a {@link Query}. A query with several sub-queries fuses their rankings.
 * Currently: {@link VectorQuery} (dense nearest neighbours) and {@link TextQuery} (a text, embedded
 * by the field's embedding function, then searched as a vector).
 */
public sealed interface SubQuery permits VectorQuery, TextQuery {

  /** The field the sub-query searches. */
  String field();
}
