package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The plain-Java twin of the quantized-code kernels: always present, the reference in tests. */
public final class ScalarQuantOps implements QuantOps {
  private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

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
  public float pqCode(float[] table, int m, MemorySegment data, long offset) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 3 < m; j += 4) {
      long o = offset + j;
      int t = j << 8;
      s0 += table[t + u8(data, o)];
      s1 += table[t + 256 + u8(data, o + 1)];
      s2 += table[t + 512 + u8(data, o + 2)];
      s3 += table[t + 768 + u8(data, o + 3)];
    }
    for (; j < m; j++) {
      s0 += table[(j << 8) + u8(data, offset + j)];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void pqBlock(
      float[] table, int m, MemorySegment data, long offset, int[] scratch, float[] out) {
    // Subspace outer, code inner: sixteen independent sums, and each table row stays in cache.
    for (int c = 0; c < BLOCK; c++) {
      out[c] = 0;
    }
    for (int j = 0; j < m; j++) {
      long o = offset + (long) BLOCK * j;
      int t = j << 8;
      for (int c = 0; c < BLOCK; c++) {
        out[c] += table[t + u8(data, o + c)];
      }
    }
  }

  @Override
  public int bitPlanes(long[] planes, int words, MemorySegment data, long offset) {
    int p0 = 0, p1 = 0, p2 = 0, p3 = 0;
    for (int w = 0; w < words; w++) {
      long x = data.get(I64, offset + 8L * w);
      p0 += Long.bitCount(x & planes[w]);
      p1 += Long.bitCount(x & planes[words + w]);
      p2 += Long.bitCount(x & planes[2 * words + w]);
      p3 += Long.bitCount(x & planes[3 * words + w]);
    }
    return p0 + (p1 << 1) + (p2 << 2) + (p3 << 3);
  }

  @Override
  public void bitPlanesBlock(long[] planes, int words, MemorySegment data, long offset, int[] out) {
    for (int c = 0; c < BLOCK; c++) {
      int p0 = 0, p1 = 0, p2 = 0, p3 = 0;
      for (int w = 0; w < words; w++) {
        long x = data.get(I64, offset + 8L * (BLOCK * w + c));
        p0 += Long.bitCount(x & planes[w]);
        p1 += Long.bitCount(x & planes[words + w]);
        p2 += Long.bitCount(x & planes[2 * words + w]);
        p3 += Long.bitCount(x & planes[3 * words + w]);
      }
      out[c] = p0 + (p1 << 1) + (p2 << 2) + (p3 << 3);
    }
  }

  @Override
  public void quantizePlanes(float[] z, int n, long[] planes, int words, float[] stats) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    float sum = 0;
    float sq = 0;
    for (int i = 0; i < n; i++) {
      float v = z[i];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
      sq += v * v;
    }
    float delta = (hi - lo) / 15f;
    float inv = delta > 0 ? 1f / delta : 0f;
    java.util.Arrays.fill(planes, 0, 4 * words, 0L);
    for (int i = 0; i < n; i++) {
      int u = Math.min(15, (int) ((z[i] - lo) * inv + 0.5f));
      long bit = 1L << i;
      int w = i >>> 6;
      for (int j = 0; j < 4; j++) {
        if ((u & (1 << j)) != 0) {
          planes[j * words + w] |= bit;
        }
      }
    }
    stats[0] = lo;
    stats[1] = delta;
    stats[2] = sum;
    stats[3] = (float) Math.sqrt(sq);
  }

  @Override
  public void binaryBlockEstimates(
      long[] planes,
      int words,
      MemorySegment data,
      long offset,
      float[] q,
      float[] est,
      float[] lower) {
    int[] dots = new int[BLOCK];
    bitPlanesBlock(planes, words, data, offset, dots);
    long f = offset + 8L * BLOCK * words;
    float delta = q[0];
    float lo = q[1];
    float sum = q[2];
    float norm = q[3];
    float bias = q[4];
    for (int c = 0; c < BLOCK; c++) {
      long at = f + 4L * c;
      float add = data.get(ScalarVectorOps.F32, at);
      float rescale = data.get(ScalarVectorOps.F32, at + 4 * BLOCK);
      float error = data.get(ScalarVectorOps.F32, at + 8 * BLOCK);
      float ones = data.get(ScalarVectorOps.F32, at + 12 * BLOCK);
      float e = bias + add + rescale * (2 * (delta * dots[c] + lo * ones) - sum);
      est[c] = e;
      lower[c] = e - norm * error - Math.abs(rescale) * delta * ones;
    }
  }

  @Override
  public void dotsTransposed4(
      float[] points,
      int at0,
      int at1,
      int at2,
      int at3,
      int dim,
      float[] ct,
      int stride,
      int from,
      int to,
      float[] out) {
    for (int j = from; j < to; j++) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int d = 0; d < dim; d++) {
        float c = ct[d * stride + j];
        s0 += points[at0 + d] * c;
        s1 += points[at1 + d] * c;
        s2 += points[at2 + d] * c;
        s3 += points[at3 + d] * c;
      }
      out[j] = s0;
      out[stride + j] = s1;
      out[2 * stride + j] = s2;
      out[3 * stride + j] = s3;
    }
  }

  @Override
  public void dotsTransposed(
      float[] q, MemorySegment ct, long offset, int stride, int from, int to, float[] out) {
    for (int j = from; j < to; j++) {
      out[j] = 0;
    }
    // Component outer, centroid inner: contiguous loads, one running sum per centroid.
    for (int d = 0; d < q.length; d++) {
      float x = q[d];
      long row = offset + 4L * ((long) d * stride);
      for (int j = from; j < to; j++) {
        out[j] += x * ct.get(ScalarVectorOps.F32, row + 4L * j);
      }
    }
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
