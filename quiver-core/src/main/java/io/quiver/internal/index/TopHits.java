package io.quiver.internal.index;

import io.quiver.internal.query.TopK;
import io.quiver.schema.Metric;
import java.util.Arrays;

/**
 * The result of one approximate search over one segment: row ordinals and scores, best first.
 * Scores follow the public convention of {@link io.quiver.schema.Metric} (squared distance for L2,
 * lower is better; dot product or cosine similarity for IP and COSINE, higher is better).
 *
 * @param rows row ordinals of the hits, best first
 * @param scores score of each hit in the metric's public convention
 */
public record TopHits(int[] rows, float[] scores) {

  /** No hits. */
  public static final TopHits EMPTY = new TopHits(new int[0], new float[0]);

  /** Number of hits. */
  public int size() {
    return rows.length;
  }

  /**
   * Offers every hit to {@code out} as reference {@code refBase + row}, with the engine's
   * exact-search distance: squared L2, negated dot product, negated cosine.
   */
  public void offerTo(Metric metric, long refBase, TopK out) {
    boolean l2 = metric == Metric.L2;
    for (int i = 0; i < rows.length; i++) {
      out.offer(l2 ? scores[i] : -scores[i], refBase + rows[i]);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopHits h && Arrays.equals(rows, h.rows) && Arrays.equals(scores, h.scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rows) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "TopHits" + Arrays.toString(rows) + Arrays.toString(scores);
  }
}
