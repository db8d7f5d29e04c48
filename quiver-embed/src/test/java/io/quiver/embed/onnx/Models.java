package io.quiver.embed.onnx;

/**
 * The two built-in models, loaded once for the whole test run (loading costs seconds) and never
 * closed: every test shares them, and functions created by collections share their sessions.
 */
final class Models {
  private Models() {}

  private static OnnxEmbeddingFunction fp32;
  private static OnnxEmbeddingFunction quantized;

  static synchronized OnnxEmbeddingFunction fp32() {
    if (fp32 == null) {
      fp32 = OnnxEmbeddings.allMiniLmL6V2();
    }
    return fp32;
  }

  static synchronized OnnxEmbeddingFunction quantized() {
    if (quantized == null) {
      quantized = OnnxEmbeddings.allMiniLmL6V2Quantized();
    }
    return quantized;
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static float maxAbsDiff(float[] a, float[] b) {
    float m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
