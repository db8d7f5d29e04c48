package io.quiver.internal.index.quant;

import io.quiver.internal.simd.QuantOps;
import java.lang.foreign.MemorySegment;

/**
 * Scores blocks of {@link BlockCodes} against one query, list by list, in the internal
 * lower-is-better convention of {@link io.quiver.internal.index.Distances}. One instance per
 * searching thread, reused from query to query; not thread-safe.
 */
public abstract class BlockScorer {

  /** Prepares for {@code query}, already mapped into the codes' {@link CodeSpace}. */
  public abstract void setQuery(float[] query);

  /**
   * Prepares for the codes of one list.
   *
   * @param centre the list's centroid, in the code space
   * @param centreDistance the query's distance to it in the code space: squared L2 for L2, the
   *     negated inner product for IP and COSINE
   */
  public abstract void setList(float[] centre, float centreDistance);

  /**
   * Estimated distances of the {@link QuantOps#BLOCK} codes of the block at {@code offset} of
   * {@code data} into {@code out}; with {@link #hasBounds()}, lower bounds of the true distances
   * into {@code lower} as well (otherwise {@code lower} is ignored and may be null).
   */
  public abstract void score(MemorySegment data, long offset, float[] out, float[] lower);

  /**
   * The second-stage estimate of the code in slot {@code slot} of the block at {@code blockOffset},
   * whose second-stage code ({@link BlockCodes#extraBytes()}) is at {@code extraOffset}: closer to
   * the true distance than {@link #score}'s. Only for codes that have second-stage codes.
   */
  public float refine(MemorySegment data, long blockOffset, int slot, long extraOffset) {
    throw new UnsupportedOperationException("these codes have no second stage");
  }

  /**
   * The bound of the error of {@link #refine} for the second-stage code at {@code extraOffset}: the
   * true distance is at least the estimate minus this, with high probability.
   */
  public float refineError(MemorySegment data, long extraOffset) {
    throw new UnsupportedOperationException("these codes have no second stage");
  }

  /** Whether {@link #score} gives lower bounds that hold with high probability. */
  public boolean hasBounds() {
    return false;
  }
}
