package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaLoads.F;
import static io.quiver.internal.simd.PanamaLoads.FL;
import static io.quiver.internal.simd.PanamaLoads.MASKED_TAIL;
import static io.quiver.internal.simd.PanamaLoads.f32;
import static io.quiver.internal.simd.PanamaLoads.f32Tail;
import static io.quiver.internal.simd.PanamaLoads.sum;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The fp32 kernels. Each stored operand is a segment plus, for a heap segment, its {@code byte[]}
 * (see {@link PanamaLoads}); offsets are bytes into whichever of the two is used.
 *
 * <p>The main loops keep four independent accumulators: an FMA has a latency of about four cycles
 * and two can start per cycle, so one accumulator would leave most of the FMA units idle.
 */
final class PanamaF32 {
  private PanamaF32() {}

  static float dot(float[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 4L * i;
      a0 = FloatVector.fromArray(F, q, i).fma(f32(d, h, o), a0);
      a1 = FloatVector.fromArray(F, q, i + FL).fma(f32(d, h, o + 4L * FL), a1);
      a2 = FloatVector.fromArray(F, q, i + 2 * FL).fma(f32(d, h, o + 8L * FL), a2);
      a3 = FloatVector.fromArray(F, q, i + 3 * FL).fma(f32(d, h, o + 12L * FL), a3);
    }
    for (; i <= n - FL; i += FL) {
      a0 = FloatVector.fromArray(F, q, i).fma(f32(d, h, off + 4L * i), a0);
    }
    if (i < n && MASKED_TAIL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      a1 = FloatVector.fromArray(F, q, i, m).fma(f32Tail(d, h, off + 4L * i, n - i), a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      s += q[i] * PanamaLoads.f32At(d, h, off + 4L * i);
    }
    return s;
  }

  static float squareL2(float[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 4L * i;
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(f32(d, h, o));
      FloatVector d1 = FloatVector.fromArray(F, q, i + FL).sub(f32(d, h, o + 4L * FL));
      FloatVector d2 = FloatVector.fromArray(F, q, i + 2 * FL).sub(f32(d, h, o + 8L * FL));
      FloatVector d3 = FloatVector.fromArray(F, q, i + 3 * FL).sub(f32(d, h, o + 12L * FL));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(f32(d, h, off + 4L * i));
      a0 = d0.fma(d0, a0);
    }
    if (i < n && MASKED_TAIL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector d0 = FloatVector.fromArray(F, q, i, m).sub(f32Tail(d, h, off + 4L * i, n - i));
      a1 = d0.fma(d0, a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      float x = q[i] - PanamaLoads.f32At(d, h, off + 4L * i);
      s += x * x;
    }
    return s;
  }

  static float dot(
      MemorySegment a, byte[] ha, long ao, MemorySegment b, byte[] hb, long bo, int n) {
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long x = ao + 4L * i, y = bo + 4L * i;
      a0 = f32(a, ha, x).fma(f32(b, hb, y), a0);
      a1 = f32(a, ha, x + 4L * FL).fma(f32(b, hb, y + 4L * FL), a1);
      a2 = f32(a, ha, x + 8L * FL).fma(f32(b, hb, y + 8L * FL), a2);
      a3 = f32(a, ha, x + 12L * FL).fma(f32(b, hb, y + 12L * FL), a3);
    }
    for (; i <= n - FL; i += FL) {
      a0 = f32(a, ha, ao + 4L * i).fma(f32(b, hb, bo + 4L * i), a0);
    }
    if (i < n && MASKED_TAIL) {
      a1 = f32Tail(a, ha, ao + 4L * i, n - i).fma(f32Tail(b, hb, bo + 4L * i, n - i), a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      s += PanamaLoads.f32At(a, ha, ao + 4L * i) * PanamaLoads.f32At(b, hb, bo + 4L * i);
    }
    return s;
  }

  static float squareL2(
      MemorySegment a, byte[] ha, long ao, MemorySegment b, byte[] hb, long bo, int n) {
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long x = ao + 4L * i, y = bo + 4L * i;
      FloatVector d0 = f32(a, ha, x).sub(f32(b, hb, y));
      FloatVector d1 = f32(a, ha, x + 4L * FL).sub(f32(b, hb, y + 4L * FL));
      FloatVector d2 = f32(a, ha, x + 8L * FL).sub(f32(b, hb, y + 8L * FL));
      FloatVector d3 = f32(a, ha, x + 12L * FL).sub(f32(b, hb, y + 12L * FL));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector d0 = f32(a, ha, ao + 4L * i).sub(f32(b, hb, bo + 4L * i));
      a0 = d0.fma(d0, a0);
    }
    if (i < n && MASKED_TAIL) {
      FloatVector d0 = f32Tail(a, ha, ao + 4L * i, n - i).sub(f32Tail(b, hb, bo + 4L * i, n - i));
      a1 = d0.fma(d0, a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      float x = PanamaLoads.f32At(a, ha, ao + 4L * i) - PanamaLoads.f32At(b, hb, bo + 4L * i);
      s += x * x;
    }
    return s;
  }

  static float cosine(float[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    FloatVector dot0 = FloatVector.zero(F), dot1 = dot0, qq0 = dot0, qq1 = dot0, vv0 = dot0;
    FloatVector vv1 = dot0;
    int i = 0;
    for (; i <= n - 2 * FL; i += 2 * FL) {
      long o = off + 4L * i;
      FloatVector x0 = FloatVector.fromArray(F, q, i);
      FloatVector x1 = FloatVector.fromArray(F, q, i + FL);
      FloatVector y0 = f32(d, h, o);
      FloatVector y1 = f32(d, h, o + 4L * FL);
      dot0 = x0.fma(y0, dot0);
      dot1 = x1.fma(y1, dot1);
      qq0 = x0.fma(x0, qq0);
      qq1 = x1.fma(x1, qq1);
      vv0 = y0.fma(y0, vv0);
      vv1 = y1.fma(y1, vv1);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector x = FloatVector.fromArray(F, q, i);
      FloatVector y = f32(d, h, off + 4L * i);
      dot0 = x.fma(y, dot0);
      qq0 = x.fma(x, qq0);
      vv0 = y.fma(y, vv0);
    }
    if (i < n && MASKED_TAIL) {
      FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
      FloatVector y = f32Tail(d, h, off + 4L * i, n - i);
      dot1 = x.fma(y, dot1);
      qq1 = x.fma(x, qq1);
      vv1 = y.fma(y, vv1);
      i = n;
    }
    float dot = sum(dot0.add(dot1)), qq = sum(qq0.add(qq1)), vv = sum(vv0.add(vv1));
    for (; i < n; i++) {
      float v = PanamaLoads.f32At(d, h, off + 4L * i);
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return ScalarVectorOps.cosine(dot, qq, vv);
  }
}
