package io.quiver.internal.index.quant;

/**
 * Distances from one query to indexed vectors, by node number, in the internal lower-is-better
 * convention of {@link io.quiver.internal.index.Distances}. One instance per searching thread,
 * reused for query after query ({@link #setQuery}); not thread-safe.
 *
 * <p>Graph search calls {@link #distances} once per expanded node with all of its unvisited
 * neighbours: one virtual call per expansion, while the loop inside stays in one concrete class and
 * can score four vectors per pass.
 */
public abstract class CodeScorer {

  /** Prepares for distances to {@code query} (not modified, read only during this call). */
  public abstract void setQuery(float[] query);

  /** Distance from the query to {@code node}. */
  public abstract float distance(int node);

  /** Distances from the query to {@code nodes[0..count)}, into {@code out[0..count)}. */
  public abstract void distances(int[] nodes, int count, float[] out);
}
