package io.quiver.internal.index;

import io.quiver.schema.Metric;

/**
 * The one internal distance convention of the indexes: lower is better for every metric, so heaps
 * and graph pruning never branch on the metric. L2 is the squared Euclidean distance, IP the
 * negated dot product, COSINE one minus the cosine similarity. {@link #toScore} converts to the
 * public convention of {@link Metric} at the edge.
 */
public final class Distances {
  private Distances() {}

  /** The public score for an internal distance. */
  public static float toScore(Metric metric, float distance) {
    return switch (metric) {
      case L2 -> distance;
      case IP -> -distance;
      case COSINE -> 1f - distance;
    };
  }

  /** Scales {@code v} to unit length in place; a zero vector stays zero. */
  public static void normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
  }
}
