package io.quiver.internal.index;

import io.quiver.internal.query.QueryVector;
import io.quiver.internal.query.TopK;
import io.quiver.query.SearchParams;
import java.util.function.IntPredicate;

/**
 * A built vector index of one field of one segment, opened for search. Implementations are
 * immutable and thread-safe; the engine reference-counts them with the snapshots that list them and
 * closes them when the last one is released.
 */
public interface SegmentIndex extends AutoCloseable {

  /**
   * Offers the best rows for {@code q} among those {@code accept} allows to {@code out}, with the
   * same "lower is better" distances as exact search, as references {@code refBase + row}. Rows not
   * accepted may be traversed but are never offered.
   */
  void search(
      QueryVector q, int k, SearchParams params, IntPredicate accept, long refBase, TopK out);

  /** How a filtered search treats the rows its predicate rejects. */
  enum Traversal {
    /** Traverse through them like any other row; check each candidate as it is found. */
    CHECK_AS_FOUND,
    /**
     * Traverse only accepted rows, reaching past a rejected neighbour to its own neighbours (two
     * hops, as ACORN-1 does): for predicates that accept a small share of the rows.
     */
    TWO_HOP
  }

  /**
   * {@link #search(QueryVector, int, SearchParams, IntPredicate, long, TopK)} with a chosen
   * traversal; an index without a two-hop mode checks candidates as found.
   */
  default void search(
      QueryVector q,
      int k,
      SearchParams params,
      IntPredicate accept,
      Traversal traversal,
      long refBase,
      TopK out) {
    search(q, k, params, accept, refBase, out);
  }

  /** Bytes of the index file (its resident size when fully mapped). */
  long byteSize();

  /** The file the index was opened from. */
  java.nio.file.Path file();

  @Override
  void close();
}
