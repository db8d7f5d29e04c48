package io.quiver.internal.index.quant;

import io.quiver.internal.index.Distances;
import io.quiver.schema.Metric;

/**
 * The space codes live in: vectors normalized to unit length for COSINE, then rotated when the
 * codes use a {@link Rotation}. Both steps keep distances (up to the normalization COSINE implies),
 * so an IVF index clusters, probes and encodes residuals in this space and maps each query into it
 * once.
 *
 * @param metric the metric (COSINE normalizes)
 * @param rotation the rotation, or null
 */
public record CodeSpace(Metric metric, Rotation rotation) {

  /** Maps {@code x} in place: normalizes for COSINE, then rotates. */
  public void mapInPlace(float[] x) {
    if (metric == Metric.COSINE) {
      Distances.normalize(x);
    }
    if (rotation != null) {
      rotation.apply(x);
    }
  }

  /** A mapped copy of the first {@code dimension} elements of {@code x}. */
  public float[] map(float[] x, int dimension) {
    float[] y = java.util.Arrays.copyOf(x, dimension);
    mapInPlace(y);
    return y;
  }
}
