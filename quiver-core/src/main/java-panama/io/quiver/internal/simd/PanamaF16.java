package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaSpecies.F;
import static io.quiver.internal.simd.PanamaSpecies.F16;
import static io.quiver.internal.simd.PanamaSpecies.F16_AS_F32_BITS;
import static io.quiver.internal.simd.PanamaSpecies.F16_EXPONENT;
import static io.quiver.internal.simd.PanamaSpecies.F16_REBIAS;
import static io.quiver.internal.simd.PanamaSpecies.FL;
import static io.quiver.internal.simd.PanamaSpecies.H;
import static io.quiver.internal.simd.PanamaSpecies.I;
import static io.quiver.internal.simd.PanamaSpecies.LE;
import static io.quiver.internal.simd.PanamaSpecies.MASKED_TAIL;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.S2I;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;

/**
 * The fp16 kernels over native segments: stored IEEE binary16 values against an fp32 query.
 *
 * <p>The Vector API of JDK 25 has no half-float conversion, so the halves are widened with integer
 * operations, exactly for every finite value. The sign-extended half shifted left by 13 has the
 * sign in bit 31 (put there by the extension) and exponent and mantissa in bits 13 to 27; with the
 * sign copies in bits 28 to 30 cleared, its bits read as a float are the half's value times 2^-112,
 * and one multiplication by 2^112 rebiases the exponent. A half subnormal is a float subnormal at
 * that point and the multiplication turns it into the right normal float, so subnormals need no
 * special case.
 *
 * <p>Infinities and NaN (exponent all ones) would need a per-lane fix that made the kernels half as
 * slow again; they are instead detected (the largest exponent field of all halves read, a cheap
 * half-width max) and the call handed to {@link ScalarVectorOps}. They only arise from fp32 values
 * beyond the fp16 range, which a caller should not store as fp16 anyway.
 *
 * <p>Two accumulators: the conversion, not the FMA, limits these loops, and four accumulators
 * measured slower.
 */
final class PanamaF16 {
  private PanamaF16() {}

  private static final ScalarVectorOps SCALAR = new ScalarVectorOps();

  static float dot(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0;
    ShortVector e = ShortVector.zero(H);
    int i = 0;
    for (; i <= n - 2 * FL; i += 2 * FL) {
      long o = off + 2L * i;
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, o, LE);
      ShortVector h1 = ShortVector.fromMemorySegment(H, d, o + 2L * FL, LE);
      e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector y1 = x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      a0 = FloatVector.fromArray(F, q, i).fma(y0, a0);
      a1 = FloatVector.fromArray(F, q, i + FL).fma(y1, a1);
    }
    if (i <= n - FL) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE);
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      a0 = FloatVector.fromArray(F, q, i).fma(y0, a0);
      i += FL;
    }
    if (MASKED_TAIL && i < n) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE, H.indexInRange(i, n));
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      a1 = FloatVector.fromArray(F, q, i, F.indexInRange(i, n)).fma(y0, a1);
      i = n;
    }
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      return SCALAR.dotF16(q, d, off);
    }
    float s = a0.add(a1).reduceLanes(ADD);
    for (; i < n; i++) {
      s += q[i] * Float.float16ToFloat(d.get(F16, off + 2L * i));
    }
    return s;
  }

  static float squareL2(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0;
    ShortVector e = ShortVector.zero(H);
    int i = 0;
    for (; i <= n - 2 * FL; i += 2 * FL) {
      long o = off + 2L * i;
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, o, LE);
      ShortVector h1 = ShortVector.fromMemorySegment(H, d, o + 2L * FL, LE);
      e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector y1 = x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(y0);
      FloatVector d1 = FloatVector.fromArray(F, q, i + FL).sub(y1);
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
    }
    if (i <= n - FL) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE);
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(y0);
      a0 = d0.fma(d0, a0);
      i += FL;
    }
    if (MASKED_TAIL && i < n) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE, H.indexInRange(i, n));
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y0 = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector d0 = FloatVector.fromArray(F, q, i, F.indexInRange(i, n)).sub(y0);
      a1 = d0.fma(d0, a1);
      i = n;
    }
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      return SCALAR.squareL2F16(q, d, off);
    }
    float s = a0.add(a1).reduceLanes(ADD);
    for (; i < n; i++) {
      float x = q[i] - Float.float16ToFloat(d.get(F16, off + 2L * i));
      s += x * x;
    }
    return s;
  }

  static float cosine(float[] q, MemorySegment d, long off) {
    int n = q.length;
    FloatVector dot = FloatVector.zero(F), qq = dot, vv = dot;
    ShortVector e = ShortVector.zero(H);
    int i = 0;
    for (; i <= n - FL; i += FL) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE);
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector x = FloatVector.fromArray(F, q, i);
      dot = x.fma(y, dot);
      qq = x.fma(x, qq);
      vv = y.fma(y, vv);
    }
    if (MASKED_TAIL && i < n) {
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, off + 2L * i, LE, H.indexInRange(i, n));
      e = e.max(h0.and(F16_EXPONENT));
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector y = x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS);
      FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
      dot = x.fma(y, dot);
      qq = x.fma(x, qq);
      vv = y.fma(y, vv);
      i = n;
    }
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      return SCALAR.cosineF16(q, d, off);
    }
    float sd = dot.reduceLanes(ADD), sq = qq.reduceLanes(ADD), sv = vv.reduceLanes(ADD);
    for (; i < n; i++) {
      float v = Float.float16ToFloat(d.get(F16, off + 2L * i));
      sd += q[i] * v;
      sq += q[i] * q[i];
      sv += v * v;
    }
    return ScalarVectorOps.cosine(sd, sq, sv);
  }

  /**
   * Dot products of {@code q} with the vectors at {@code o0..o3} into {@code out[at..at + k)}, as
   * in {@link PanamaF32#dot4}.
   */
  static void dot4(
      float[] q, MemorySegment d, long o0, long o1, long o2, long o3, float[] out, int at, int k) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    ShortVector e = ShortVector.zero(H);
    int i = 0;
    for (; i <= n - FL; i += FL) {
      long b = 2L * i;
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, o0 + b, LE);
      ShortVector h1 = ShortVector.fromMemorySegment(H, d, o1 + b, LE);
      ShortVector h2 = ShortVector.fromMemorySegment(H, d, o2 + b, LE);
      ShortVector h3 = ShortVector.fromMemorySegment(H, d, o3 + b, LE);
      e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
      e = e.max(h2.and(F16_EXPONENT)).max(h3.and(F16_EXPONENT));
      FloatVector x = FloatVector.fromArray(F, q, i);
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x2 = ((IntVector) h2.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x3 = ((IntVector) h3.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      a0 = x.fma(x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a0);
      a1 = x.fma(x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a1);
      a2 = x.fma(x2.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a2);
      a3 = x.fma(x3.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a3);
    }
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      PanamaF32.store(
          out,
          at,
          k,
          SCALAR.dotF16(q, d, o0),
          SCALAR.dotF16(q, d, o1),
          SCALAR.dotF16(q, d, o2),
          SCALAR.dotF16(q, d, o3));
      return;
    }
    float s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    float s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      dot4Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      long b = 2L * i;
      s0 += q[i] * Float.float16ToFloat(d.get(F16, o0 + b));
      s1 += q[i] * Float.float16ToFloat(d.get(F16, o1 + b));
      s2 += q[i] * Float.float16ToFloat(d.get(F16, o2 + b));
      s3 += q[i] * Float.float16ToFloat(d.get(F16, o3 + b));
    }
    PanamaF32.store(out, at, k, s0, s1, s2, s3);
  }

  /** The last partial vector of {@link #dot4}, apart for the reason {@link PanamaF32} gives. */
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
    ShortVector e = ShortVector.zero(H);
    VectorMask<Short> m = H.indexInRange(i, n);
    long b = 2L * i;
    ShortVector h0 = ShortVector.fromMemorySegment(H, d, o0 + b, LE, m);
    ShortVector h1 = ShortVector.fromMemorySegment(H, d, o1 + b, LE, m);
    ShortVector h2 = ShortVector.fromMemorySegment(H, d, o2 + b, LE, m);
    ShortVector h3 = ShortVector.fromMemorySegment(H, d, o3 + b, LE, m);
    e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
    e = e.max(h2.and(F16_EXPONENT)).max(h3.and(F16_EXPONENT));
    FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
    IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x2 = ((IntVector) h2.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x3 = ((IntVector) h3.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    a0 = x.fma(x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a0);
    a1 = x.fma(x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a1);
    a2 = x.fma(x2.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a2);
    a3 = x.fma(x3.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS), a3);
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      PanamaF32.store(
          out,
          at,
          k,
          SCALAR.dotF16(q, d, o0),
          SCALAR.dotF16(q, d, o1),
          SCALAR.dotF16(q, d, o2),
          SCALAR.dotF16(q, d, o3));
      return;
    }
    PanamaF32.store(
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
    ShortVector e = ShortVector.zero(H);
    int i = 0;
    for (; i <= n - FL; i += FL) {
      long b = 2L * i;
      ShortVector h0 = ShortVector.fromMemorySegment(H, d, o0 + b, LE);
      ShortVector h1 = ShortVector.fromMemorySegment(H, d, o1 + b, LE);
      ShortVector h2 = ShortVector.fromMemorySegment(H, d, o2 + b, LE);
      ShortVector h3 = ShortVector.fromMemorySegment(H, d, o3 + b, LE);
      e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
      e = e.max(h2.and(F16_EXPONENT)).max(h3.and(F16_EXPONENT));
      FloatVector x = FloatVector.fromArray(F, q, i);
      IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x2 = ((IntVector) h2.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      IntVector x3 = ((IntVector) h3.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
      FloatVector d0 = x.sub(x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
      FloatVector d1 = x.sub(x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
      FloatVector d2 = x.sub(x2.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
      FloatVector d3 = x.sub(x3.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      PanamaF32.store(
          out,
          at,
          k,
          SCALAR.squareL2F16(q, d, o0),
          SCALAR.squareL2F16(q, d, o1),
          SCALAR.squareL2F16(q, d, o2),
          SCALAR.squareL2F16(q, d, o3));
      return;
    }
    float s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    float s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      squareL24Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      long b = 2L * i;
      float x0 = q[i] - Float.float16ToFloat(d.get(F16, o0 + b));
      float x1 = q[i] - Float.float16ToFloat(d.get(F16, o1 + b));
      float x2 = q[i] - Float.float16ToFloat(d.get(F16, o2 + b));
      float x3 = q[i] - Float.float16ToFloat(d.get(F16, o3 + b));
      s0 += x0 * x0;
      s1 += x1 * x1;
      s2 += x2 * x2;
      s3 += x3 * x3;
    }
    PanamaF32.store(out, at, k, s0, s1, s2, s3);
  }

  /**
   * The last partial vector of {@link #squareL24}, apart for the reason {@link PanamaF32} gives.
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
    ShortVector e = ShortVector.zero(H);
    VectorMask<Short> m = H.indexInRange(i, n);
    long b = 2L * i;
    ShortVector h0 = ShortVector.fromMemorySegment(H, d, o0 + b, LE, m);
    ShortVector h1 = ShortVector.fromMemorySegment(H, d, o1 + b, LE, m);
    ShortVector h2 = ShortVector.fromMemorySegment(H, d, o2 + b, LE, m);
    ShortVector h3 = ShortVector.fromMemorySegment(H, d, o3 + b, LE, m);
    e = e.max(h0.and(F16_EXPONENT)).max(h1.and(F16_EXPONENT));
    e = e.max(h2.and(F16_EXPONENT)).max(h3.and(F16_EXPONENT));
    FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
    IntVector x0 = ((IntVector) h0.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x1 = ((IntVector) h1.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x2 = ((IntVector) h2.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    IntVector x3 = ((IntVector) h3.convertShape(S2I, I, 0)).lanewise(LSHL, 13);
    FloatVector d0 = x.sub(x0.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
    FloatVector d1 = x.sub(x1.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
    FloatVector d2 = x.sub(x2.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
    FloatVector d3 = x.sub(x3.and(F16_AS_F32_BITS).reinterpretAsFloats().mul(F16_REBIAS));
    a0 = d0.fma(d0, a0);
    a1 = d1.fma(d1, a1);
    a2 = d2.fma(d2, a2);
    a3 = d3.fma(d3, a3);
    if (e.reduceLanes(MAX) == F16_EXPONENT) {
      PanamaF32.store(
          out,
          at,
          k,
          SCALAR.squareL2F16(q, d, o0),
          SCALAR.squareL2F16(q, d, o1),
          SCALAR.squareL2F16(q, d, o2),
          SCALAR.squareL2F16(q, d, o3));
      return;
    }
    PanamaF32.store(
        out,
        at,
        k,
        s0 + a0.reduceLanes(ADD),
        s1 + a1.reduceLanes(ADD),
        s2 + a2.reduceLanes(ADD),
        s3 + a3.reduceLanes(ADD));
  }
}
