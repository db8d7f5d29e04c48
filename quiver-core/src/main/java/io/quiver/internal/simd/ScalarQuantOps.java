package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The plain-Java twin of the quantized-code kernels: always present, the reference in tests. */
public final class ScalarQuantOps implements QuantOps {
  private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dotI8(float[] q, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      long o = offset + i;
      s0 += q[i] * i8(data, o);
      s1 += q[i + 1] * i8(data, o + 1);
      s2 += q[i + 2] * i8(data, o + 2);
      s3 += q[i + 3] * i8(data, o + 3);
    }
    for (; i < n; i++) {
      s0 += q[i] * i8(data, offset + i);
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void dotI8x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < q.length; i++) {
      float x = q[i];
      s0 += x * i8(data, o0 + i);
      s1 += x * i8(data, o1 + i);
      s2 += x * i8(data, o2 + i);
      s3 += x * i8(data, o3 + i);
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
  }

  @Override
  public void dotI8x8(float[] q, MemorySegment data, long[] offsets, float[] out) {
    for (int v = 0; v < 8; v++) {
      out[v] = dotI8(q, data, offsets[v]);
    }
  }

  @Override
  public float dotI8I8(float[] w, MemorySegment a, long aOffset, MemorySegment b, long bOffset) {
    float s0 = 0, s1 = 0;
    int n = w.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += w[i] * (i8(a, aOffset + i) * i8(b, bOffset + i));
      s1 += w[i + 1] * (i8(a, aOffset + i + 1) * i8(b, bOffset + i + 1));
    }
    for (; i < n; i++) {
      s0 += w[i] * (i8(a, aOffset + i) * i8(b, bOffset + i));
    }
    return s0 + s1;
  }

  @Override
  public float squareL2I8(
      float[] q, float[] offsets, float[] scales, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0;
    int n = q.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      float d0 = q[i] - (offsets[i] + scales[i] * i8(data, offset + i));
      float d1 = q[i + 1] - (offsets[i + 1] + scales[i + 1] * i8(data, offset + i + 1));
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    for (; i < n; i++) {
      float d = q[i] - (offsets[i] + scales[i] * i8(data, offset + i));
      s0 += d * d;
    }
    return s0 + s1;
  }

  @Override
  public float dotU4(float[] q, MemorySegment data, long offset) {
    checkU4(q);
    float lo = 0, hi = 0;
    for (int blk = 0; blk < q.length; blk += 32) {
      long o = offset + (blk >> 1);
      for (int j = 0; j < 16; j++) {
        int v = u8(data, o + j);
        lo += q[blk + j] * (v & 0x0F);
        hi += q[blk + 16 + j] * (v >>> 4);
      }
    }
    return lo + hi;
  }

  @Override
  public void dotU4x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    out[0] = dotU4(q, data, o0);
    out[1] = dotU4(q, data, o1);
    out[2] = dotU4(q, data, o2);
    out[3] = dotU4(q, data, o3);
  }

  @Override
  public void squareL2F32x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < q.length; i++) {
      float x = q[i];
      long b = 4L * i;
      float d0 = x - data.get(ScalarVectorOps.F32, o0 + b);
      float d1 = x - data.get(ScalarVectorOps.F32, o1 + b);
      float d2 = x - data.get(ScalarVectorOps.F32, o2 + b);
      float d3 = x - data.get(ScalarVectorOps.F32, o3 + b);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
  }

  @Override
  public void dotF32x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < q.length; i++) {
      float x = q[i];
      long b = 4L * i;
      s0 += x * data.get(ScalarVectorOps.F32, o0 + b);
      s1 += x * data.get(ScalarVectorOps.F32, o1 + b);
      s2 += x * data.get(ScalarVectorOps.F32, o2 + b);
      s3 += x * data.get(ScalarVectorOps.F32, o3 + b);
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
  }

  private static int i8(MemorySegment data, long offset) {
    return data.get(B, offset);
  }

  private static int u8(MemorySegment data, long offset) {
    return Byte.toUnsignedInt(data.get(B, offset));
  }

  static void checkU4(float[] q) {
    if ((q.length & 31) != 0) {
      throw new IllegalArgumentException(
          "u4 query length " + q.length + " is not a multiple of 32");
    }
  }
}
