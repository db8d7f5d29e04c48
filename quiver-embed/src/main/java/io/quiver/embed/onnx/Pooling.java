package io.quiver.embed.onnx;

import java.nio.FloatBuffer;

/**
 * How the per-token outputs of a model ({@code [batch, tokens, dim]}) become one vector per text. A
 * model whose output is already one vector per text ({@code [batch, dim]}) is used as it is.
 */
public enum Pooling {
  /**
   * The average of the token vectors, padding excluded: what sentence-transformers models such as
   * all-MiniLM-L6-v2 are trained with.
   */
  MEAN,
  /** The vector of the first token ({@code [CLS]}): what BGE and similar models use. */
  CLS;

  /** Pools {@code n} texts of {@code width} tokens (row-major {@code [n, width, dim]}). */
  static float[][] pool(Pooling pooling, FloatBuffer data, long[] mask, int n, int width, int dim) {
    float[][] out = new float[n][dim];
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      float[] v = out[i];
      if (pooling == CLS) {
        data.get((i * width) * dim, v, 0, dim);
        continue;
      }
      int tokens = 0;
      for (int t = 0; t < width; t++) {
        if (mask[i * width + t] == 0) {
          continue;
        }
        tokens++;
        data.get((i * width + t) * dim, row, 0, dim);
        for (int k = 0; k < dim; k++) {
          v[k] += row[k];
        }
      }
      float inv = 1f / Math.max(tokens, 1);
      for (int k = 0; k < dim; k++) {
        v[k] *= inv;
      }
    }
    return out;
  }

  /** The rows of an already pooled {@code [n, dim]} output. */
  static float[][] rows(FloatBuffer data, int n, int dim) {
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      data.get(i * dim, out[i], 0, dim);
    }
    return out;
  }

  /** Scales {@code v} to Euclidean length 1 (a zero vector stays zero). */
  static void normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return;
    }
    float inv = (float) (1 / Math.sqrt(sum));
    for (int k = 0; k < v.length; k++) {
      v[k] *= inv;
    }
  }
}
