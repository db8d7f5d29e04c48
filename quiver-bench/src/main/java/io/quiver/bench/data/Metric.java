package io.quiver.bench.data;

import java.util.Locale;

/**
 * The similarity of a benchmark run, as a distance where lower is better: squared L2, negative
 * inner product, or negative cosine. The harness only ranks with it, so the sign convention is its
 * own; each engine adapter maps it to the engine's metric.
 */
public enum Metric {
  /** Squared Euclidean distance. */
  L2,
  /** Inner product (distance is its negation). */
  IP,
  /** Cosine similarity (distance is its negation; vectors normalized by the caller). */
  COSINE;

  /** Parses {@code l2}, {@code ip} or {@code cosine}. */
  public static Metric parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "l2" -> L2;
      case "ip", "dot" -> IP;
      case "cosine", "cos" -> COSINE;
      default -> throw new IllegalArgumentException("metric '" + s + "' is not l2, ip or cosine");
    };
  }

  /**
   * The distance between {@code a} and {@code b} (lower is closer). For COSINE both must already be
   * unit length.
   */
  public float distance(float[] a, float[] b) {
    return this == L2 ? squaredL2(a, b) : -dot(a, b);
  }

  /** Squared Euclidean distance; eight accumulators keep the adds independent for the CPU. */
  static float squaredL2(float[] a, float[] b) {
    int n = a.length;
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      float d0 = a[i] - b[i];
      float d1 = a[i + 1] - b[i + 1];
      float d2 = a[i + 2] - b[i + 2];
      float d3 = a[i + 3] - b[i + 3];
      float d4 = a[i + 4] - b[i + 4];
      float d5 = a[i + 5] - b[i + 5];
      float d6 = a[i + 6] - b[i + 6];
      float d7 = a[i + 7] - b[i + 7];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
      s4 += d4 * d4;
      s5 += d5 * d5;
      s6 += d6 * d6;
      s7 += d7 * d7;
    }
    for (; i < n; i++) {
      float d = a[i] - b[i];
      s0 += d * d;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Inner product with eight accumulators. */
  static float dot(float[] a, float[] b) {
    int n = a.length;
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
      s4 += a[i + 4] * b[i + 4];
      s5 += a[i + 5] * b[i + 5];
      s6 += a[i + 6] * b[i + 6];
      s7 += a[i + 7] * b[i + 7];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
