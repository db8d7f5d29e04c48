package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The plain-Java kernels: always present, the reference every other implementation is tested
 * against. Four accumulators let the JIT overlap the floating-point additions.
 */
public final class ScalarVectorOps implements VectorOps {
  static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfShort F16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dotF32(float[] q, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      long o = offset + 4L * i;
      s0 += q[i] * data.get(F32, o);
      s1 += q[i + 1] * data.get(F32, o + 4);
      s2 += q[i + 2] * data.get(F32, o + 8);
      s3 += q[i + 3] * data.get(F32, o + 12);
    }
    for (; i < n; i++) {
      s0 += q[i] * data.get(F32, offset + 4L * i);
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squareL2F32(float[] q, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      long o = offset + 4L * i;
      float d0 = q[i] - data.get(F32, o);
      float d1 = q[i + 1] - data.get(F32, o + 4);
      float d2 = q[i + 2] - data.get(F32, o + 8);
      float d3 = q[i + 3] - data.get(F32, o + 12);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      float d = q[i] - data.get(F32, offset + 4L * i);
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dotF32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    float s0 = 0, s1 = 0;
    int i = 0;
    for (; i + 1 < dims; i += 2) {
      s0 += a.get(F32, aOffset + 4L * i) * b.get(F32, bOffset + 4L * i);
      s1 += a.get(F32, aOffset + 4L * i + 4) * b.get(F32, bOffset + 4L * i + 4);
    }
    for (; i < dims; i++) {
      s0 += a.get(F32, aOffset + 4L * i) * b.get(F32, bOffset + 4L * i);
    }
    return s0 + s1;
  }

  @Override
  public float squareL2F32(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dims) {
    float s0 = 0, s1 = 0;
    int i = 0;
    for (; i + 1 < dims; i += 2) {
      float d0 = a.get(F32, aOffset + 4L * i) - b.get(F32, bOffset + 4L * i);
      float d1 = a.get(F32, aOffset + 4L * i + 4) - b.get(F32, bOffset + 4L * i + 4);
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    for (; i < dims; i++) {
      float d = a.get(F32, aOffset + 4L * i) - b.get(F32, bOffset + 4L * i);
      s0 += d * d;
    }
    return s0 + s1;
  }

  @Override
  public float cosineF32(float[] q, MemorySegment data, long offset) {
    float dot = 0, qq = 0, vv = 0;
    for (int i = 0; i < q.length; i++) {
      float v = data.get(F32, offset + 4L * i);
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return cosine(dot, qq, vv);
  }

  @Override
  public float dotF16(float[] q, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += q[i] * Float.float16ToFloat(data.get(F16, offset + 2L * i));
      s1 += q[i + 1] * Float.float16ToFloat(data.get(F16, offset + 2L * i + 2));
    }
    for (; i < n; i++) {
      s0 += q[i] * Float.float16ToFloat(data.get(F16, offset + 2L * i));
    }
    return s0 + s1;
  }

  @Override
  public float squareL2F16(float[] q, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      float d0 = q[i] - Float.float16ToFloat(data.get(F16, offset + 2L * i));
      float d1 = q[i + 1] - Float.float16ToFloat(data.get(F16, offset + 2L * i + 2));
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    for (; i < n; i++) {
      float d = q[i] - Float.float16ToFloat(data.get(F16, offset + 2L * i));
      s0 += d * d;
    }
    return s0 + s1;
  }

  @Override
  public float cosineF16(float[] q, MemorySegment data, long offset) {
    float dot = 0, qq = 0, vv = 0;
    for (int i = 0; i < q.length; i++) {
      float v = Float.float16ToFloat(data.get(F16, offset + 2L * i));
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return cosine(dot, qq, vv);
  }

  @Override
  public int dotI8(byte[] q, MemorySegment data, long offset) {
    int s = 0;
    for (int i = 0; i < q.length; i++) {
      s += q[i] * data.get(ValueLayout.JAVA_BYTE, offset + i);
    }
    return s;
  }

  @Override
  public int squareL2I8(byte[] q, MemorySegment data, long offset) {
    int s = 0;
    for (int i = 0; i < q.length; i++) {
      int d = q[i] - data.get(ValueLayout.JAVA_BYTE, offset + i);
      s += d * d;
    }
    return s;
  }

  @Override
  public float cosineI8(byte[] q, MemorySegment data, long offset) {
    long dot = 0, qq = 0, vv = 0;
    for (int i = 0; i < q.length; i++) {
      int v = data.get(ValueLayout.JAVA_BYTE, offset + i);
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return cosine(dot, qq, vv);
  }

  // The batches are the single kernels in a loop: that is their definition.

  @Override
  public void dotF32Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = dotF32(q, data, offsets[i]);
    }
  }

  @Override
  public void squareL2F32Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = squareL2F32(q, data, offsets[i]);
    }
  }

  @Override
  public void dotF16Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = dotF16(q, data, offsets[i]);
    }
  }

  @Override
  public void squareL2F16Batch(
      float[] q, MemorySegment data, long[] offsets, int count, float[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = squareL2F16(q, data, offsets[i]);
    }
  }

  @Override
  public void dotI8Batch(byte[] q, MemorySegment data, long[] offsets, int count, int[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = dotI8(q, data, offsets[i]);
    }
  }

  @Override
  public void squareL2I8Batch(
      byte[] q, MemorySegment data, long[] offsets, int count, int[] scores) {
    for (int i = 0; i < count; i++) {
      scores[i] = squareL2I8(q, data, offsets[i]);
    }
  }

  /** Cosine from a dot product and two squared norms; 0 when a norm is 0. */
  static float cosine(double dot, double qq, double vv) {
    if (qq == 0 || vv == 0) {
      return 0f;
    }
    return (float) (dot / Math.sqrt(qq * vv));
  }
}
