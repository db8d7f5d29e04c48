package io.quiver.schema;

/**
 * How two dense vectors are compared, and what the {@code score} of a search hit means. Hits are
 * always returned best first; the score is the metric's natural value:
 *
 * <ul>
 *   <li>{@link #L2}: the <em>squared</em> Euclidean distance; lower is better, 0 is identical.
 *   <li>{@link #IP}: the inner (dot) product; higher is better.
 *   <li>{@link #COSINE}: the cosine similarity in [-1, 1]; higher is better, 1 is the same
 *       direction. A zero vector has no direction and is rejected for COSINE fields.
 * </ul>
 *
 * The same convention holds for every index, for fusion inputs and for the server.
 */
public enum Metric {
  /** Squared Euclidean distance; lower is better. */
  L2,
  /** Inner product; higher is better. */
  IP,
  /** Cosine similarity; higher is better. */
  COSINE;

  /** True when a higher score means a closer match (IP, COSINE); false for L2. */
  public boolean higherIsBetter() {
    return this != L2;
  }
}
