package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaSpecies.F;
import static io.quiver.internal.simd.PanamaSpecies.F32;
import static io.quiver.internal.simd.PanamaSpecies.FL;
import static io.quiver.internal.simd.PanamaSpecies.LE;
import static io.quiver.internal.simd.PanamaSpecies.MASKED_TAIL;
import static jdk.incubator.vector.VectorOperators.ADD;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The fp32 kernels over native segments (see {@link PanamaVectorOps} for heap ones).
 *
 * <p>Single-vector kernels keep four accumulators: an FMA takes four cycles and two can start per
 * cycle, so one accumulator would leave the FMA units idle. They then load two vectors per FMA and
 * are bound by loads; the four-way kernels load the query once for four stored vectors, which
 * doubles the throughput in cache, and keep four cache misses in flight, which halves the cost out
 * of cache. One accumulator per stored vector is enough there: four independent chains already hide
 * the FMA latency, and more accumulators made the kernel slower.
 */
final class PanamaF32 {
  private PanamaF32() {}

  static float dot(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 4L * i;
      a0 = FloatVector.fromArray(F, q, i).fma(FloatVector.fromMemorySegment(F, d, o, LE), a0);
      a1 =
          FloatVector.fromArray(F, q, i + FL)
              .fma(FloatVector.fromMemorySegment(F, d, o + 4L * FL, LE), a1);
      a2 =
          FloatVector.fromArray(F, q, i + 2 * FL)
              .fma(FloatVector.fromMemorySegment(F, d, o + 8L * FL, LE), a2);
      a3 =
          FloatVector.fromArray(F, q, i + 3 * FL)
              .fma(FloatVector.fromMemorySegment(F, d, o + 12L * FL, LE), a3);
    }
    for (; i <= n - FL; i += FL) {
      a0 =
          FloatVector.fromArray(F, q, i)
              .fma(FloatVector.fromMemorySegment(F, d, off + 4L * i, LE), a0);
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      a1 =
          FloatVector.fromArray(F, q, i, m)
              .fma(FloatVector.fromMemorySegment(F, d, off + 4L * i, LE, m), a1);
      i = n;
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      s += q[i] * d.get(F32, off + 4L * i);
    }
    return s;
  }

  static float squareL2(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 4L * i;
      FloatVector d0 =
          FloatVector.fromArray(F, q, i).sub(FloatVector.fromMemorySegment(F, d, o, LE));
      FloatVector d1 =
          FloatVector.fromArray(F, q, i + FL)
              .sub(FloatVector.fromMemorySegment(F, d, o + 4L * FL, LE));
      FloatVector d2 =
          FloatVector.fromArray(F, q, i + 2 * FL)
              .sub(FloatVector.fromMemorySegment(F, d, o + 8L * FL, LE));
      FloatVector d3 =
          FloatVector.fromArray(F, q, i + 3 * FL)
              .sub(FloatVector.fromMemorySegment(F, d, o + 12L * FL, LE));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector d0 =
          FloatVector.fromArray(F, q, i).sub(FloatVector.fromMemorySegment(F, d, off + 4L * i, LE));
      a0 = d0.fma(d0, a0);
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector d0 =
          FloatVector.fromArray(F, q, i, m)
              .sub(FloatVector.fromMemorySegment(F, d, off + 4L * i, LE, m));
      a1 = d0.fma(d0, a1);
      i = n;
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      float x = q[i] - d.get(F32, off + 4L * i);
      s += x * x;
    }
    return s;
  }

  static float dot(MemorySegment a, long ao, MemorySegment b, long bo, int n) {
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long x = ao + 4L * i, y = bo + 4L * i;
      a0 =
          FloatVector.fromMemorySegment(F, a, x, LE)
              .fma(FloatVector.fromMemorySegment(F, b, y, LE), a0);
      a1 =
          FloatVector.fromMemorySegment(F, a, x + 4L * FL, LE)
              .fma(FloatVector.fromMemorySegment(F, b, y + 4L * FL, LE), a1);
      a2 =
          FloatVector.fromMemorySegment(F, a, x + 8L * FL, LE)
              .fma(FloatVector.fromMemorySegment(F, b, y + 8L * FL, LE), a2);
      a3 =
          FloatVector.fromMemorySegment(F, a, x + 12L * FL, LE)
              .fma(FloatVector.fromMemorySegment(F, b, y + 12L * FL, LE), a3);
    }
    for (; i <= n - FL; i += FL) {
      a0 =
          FloatVector.fromMemorySegment(F, a, ao + 4L * i, LE)
              .fma(FloatVector.fromMemorySegment(F, b, bo + 4L * i, LE), a0);
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      a1 =
          FloatVector.fromMemorySegment(F, a, ao + 4L * i, LE, m)
              .fma(FloatVector.fromMemorySegment(F, b, bo + 4L * i, LE, m), a1);
      i = n;
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      s += a.get(F32, ao + 4L * i) * b.get(F32, bo + 4L * i);
    }
    return s;
  }

  static float squareL2(MemorySegment a, long ao, MemorySegment b, long bo, int n) {
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long x = ao + 4L * i, y = bo + 4L * i;
      FloatVector d0 =
          FloatVector.fromMemorySegment(F, a, x, LE)
              .sub(FloatVector.fromMemorySegment(F, b, y, LE));
      FloatVector d1 =
          FloatVector.fromMemorySegment(F, a, x + 4L * FL, LE)
              .sub(FloatVector.fromMemorySegment(F, b, y + 4L * FL, LE));
      FloatVector d2 =
          FloatVector.fromMemorySegment(F, a, x + 8L * FL, LE)
              .sub(FloatVector.fromMemorySegment(F, b, y + 8L * FL, LE));
      FloatVector d3 =
          FloatVector.fromMemorySegment(F, a, x + 12L * FL, LE)
              .sub(FloatVector.fromMemorySegment(F, b, y + 12L * FL, LE));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector d0 =
          FloatVector.fromMemorySegment(F, a, ao + 4L * i, LE)
              .sub(FloatVector.fromMemorySegment(F, b, bo + 4L * i, LE));
      a0 = d0.fma(d0, a0);
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector d0 =
          FloatVector.fromMemorySegment(F, a, ao + 4L * i, LE, m)
              .sub(FloatVector.fromMemorySegment(F, b, bo + 4L * i, LE, m));
      a1 = d0.fma(d0, a1);
      i = n;
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      float x = a.get(F32, ao + 4L * i) - b.get(F32, bo + 4L * i);
      s += x * x;
    }
    return s;
  }

  static float cosine(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector dot0 = FloatVector.zero(F), dot1 = dot0, qq0 = dot0, qq1 = dot0, vv0 = dot0;
    FloatVector vv1 = dot0;
    int i = 0;
    for (; i <= n - 2 * FL; i += 2 * FL) {
      long o = off + 4L * i;
      FloatVector x0 = FloatVector.fromArray(F, q, i);
      FloatVector x1 = FloatVector.fromArray(F, q, i + FL);
      FloatVector y0 = FloatVector.fromMemorySegment(F, d, o, LE);
      FloatVector y1 = FloatVector.fromMemorySegment(F, d, o + 4L * FL, LE);
      dot0 = x0.fma(y0, dot0);
      dot1 = x1.fma(y1, dot1);
      qq0 = x0.fma(x0, qq0);
      qq1 = x1.fma(x1, qq1);
      vv0 = y0.fma(y0, vv0);
      vv1 = y1.fma(y1, vv1);
    }
    if (i <= n - FL) {
      FloatVector x = FloatVector.fromArray(F, q, i);
      FloatVector y = FloatVector.fromMemorySegment(F, d, off + 4L * i, LE);
      dot0 = x.fma(y, dot0);
      qq0 = x.fma(x, qq0);
      vv0 = y.fma(y, vv0);
      i += FL;
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(F, q, i, m);
      FloatVector y = FloatVector.fromMemorySegment(F, d, off + 4L * i, LE, m);
      dot1 = x.fma(y, dot1);
      qq1 = x.fma(x, qq1);
      vv1 = y.fma(y, vv1);
      i = n;
    }
    float dot = dot0.add(dot1).reduceLanes(ADD);
    float qq = qq0.add(qq1).reduceLanes(ADD);
    float vv = vv0.add(vv1).reduceLanes(ADD);
    for (; i < n; i++) {
      float v = d.get(F32, off + 4L * i);
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return ScalarVectorOps.cosine(dot, qq, vv);
  }

  /**
   * Dot products of {@code q} with the vectors at {@code o0..o3}, stored into {@code out[at..at +
   * k)}; offsets past the {@code k}-th repeat an earlier one and their scores are not stored.
   */
  static void dot4(
      float[] q, MemorySegment d, long o0, long o1, long o2, long o3, float[] out, int at, int k) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - FL; i += FL) {
      FloatVector x = FloatVector.fromArray(F, q, i);
      long b = 4L * i;
      a0 = x.fma(FloatVector.fromMemorySegment(F, d, o0 + b, LE), a0);
      a1 = x.fma(FloatVector.fromMemorySegment(F, d, o1 + b, LE), a1);
      a2 = x.fma(FloatVector.fromMemorySegment(F, d, o2 + b, LE), a2);
      a3 = x.fma(FloatVector.fromMemorySegment(F, d, o3 + b, LE), a3);
    }
    float s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    float s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      dot4Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      long b = 4L * i;
      s0 += q[i] * d.get(F32, o0 + b);
      s1 += q[i] * d.get(F32, o1 + b);
      s2 += q[i] * d.get(F32, o2 + b);
      s3 += q[i] * d.get(F32, o3 + b);
    }
    store(out, at, k, s0, s1, s2, s3);
  }

  /**
   * The last partial vector of {@link #dot4}, kept out of it so that the kernel stays small enough
   * for the first JIT tier (which gives up on it otherwise, and the kernel then runs unoptimized
   * for many seconds).
   */
  private static void dot4Tail(
      float[] q,
      MemorySegment d,
      long o0,
      long o1,
      long o2,
      long o3,
      int i,
      float[] out,
      int at,
      int k,
      float s0,
      float s1,
      float s2,
      float s3) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    VectorMask<Float> m = F.indexInRange(i, n);
    FloatVector x = FloatVector.fromArray(F, q, i, m);
    long b = 4L * i;
    a0 = x.fma(FloatVector.fromMemorySegment(F, d, o0 + b, LE, m), a0);
    a1 = x.fma(FloatVector.fromMemorySegment(F, d, o1 + b, LE, m), a1);
    a2 = x.fma(FloatVector.fromMemorySegment(F, d, o2 + b, LE, m), a2);
    a3 = x.fma(FloatVector.fromMemorySegment(F, d, o3 + b, LE, m), a3);
    store(
        out,
        at,
        k,
        s0 + a0.reduceLanes(ADD),
        s1 + a1.reduceLanes(ADD),
        s2 + a2.reduceLanes(ADD),
        s3 + a3.reduceLanes(ADD));
  }

  /** Squared distances of {@code q} to four vectors, as in {@link #dot4}. */
  static void squareL24(
      float[] q, MemorySegment d, long o0, long o1, long o2, long o3, float[] out, int at, int k) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - FL; i += FL) {
      FloatVector x = FloatVector.fromArray(F, q, i);
      long b = 4L * i;
      FloatVector d0 = x.sub(FloatVector.fromMemorySegment(F, d, o0 + b, LE));
      FloatVector d1 = x.sub(FloatVector.fromMemorySegment(F, d, o1 + b, LE));
      FloatVector d2 = x.sub(FloatVector.fromMemorySegment(F, d, o2 + b, LE));
      FloatVector d3 = x.sub(FloatVector.fromMemorySegment(F, d, o3 + b, LE));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    float s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    float s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      squareL24Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      long b = 4L * i;
      float x0 = q[i] - d.get(F32, o0 + b), x1 = q[i] - d.get(F32, o1 + b);
      float x2 = q[i] - d.get(F32, o2 + b), x3 = q[i] - d.get(F32, o3 + b);
      s0 += x0 * x0;
      s1 += x1 * x1;
      s2 += x2 * x2;
      s3 += x3 * x3;
    }
    store(out, at, k, s0, s1, s2, s3);
  }

  /**
   * The last partial vector of {@link #squareL24}, kept out of it so that the kernel stays small
   * enough for the first JIT tier (which gives up on it otherwise, and the kernel then runs
   * unoptimized for many seconds).
   */
  private static void squareL24Tail(
      float[] q,
      MemorySegment d,
      long o0,
      long o1,
      long o2,
      long o3,
      int i,
      float[] out,
      int at,
      int k,
      float s0,
      float s1,
      float s2,
      float s3) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    VectorMask<Float> m = F.indexInRange(i, n);
    FloatVector x = FloatVector.fromArray(F, q, i, m);
    long b = 4L * i;
    FloatVector d0 = x.sub(FloatVector.fromMemorySegment(F, d, o0 + b, LE, m));
    FloatVector d1 = x.sub(FloatVector.fromMemorySegment(F, d, o1 + b, LE, m));
    FloatVector d2 = x.sub(FloatVector.fromMemorySegment(F, d, o2 + b, LE, m));
    FloatVector d3 = x.sub(FloatVector.fromMemorySegment(F, d, o3 + b, LE, m));
    a0 = d0.fma(d0, a0);
    a1 = d1.fma(d1, a1);
    a2 = d2.fma(d2, a2);
    a3 = d3.fma(d3, a3);
    store(
        out,
        at,
        k,
        s0 + a0.reduceLanes(ADD),
        s1 + a1.reduceLanes(ADD),
        s2 + a2.reduceLanes(ADD),
        s3 + a3.reduceLanes(ADD));
  }

  static void store(float[] out, int at, int k, float s0, float s1, float s2, float s3) {
    out[at] = s0;
    if (k > 1) {
      out[at + 1] = s1;
    }
    if (k > 2) {
      out[at + 2] = s2;
    }
    if (k > 3) {
      out[at + 3] = s3;
    }
  }
}
