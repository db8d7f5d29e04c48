package io.quiver.query;

/**
 * One retrieval of a {@link Query}. A query with several sub-queries fuses their rankings.
 * Currently: {@link VectorQuery} (dense nearest neighbours).
 */
public sealed interface SubQuery permits VectorQuery {

  /** The field the sub-query searches. */
  String field();
}
