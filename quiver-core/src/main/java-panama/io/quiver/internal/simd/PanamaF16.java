package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaLoads.F;
import static io.quiver.internal.simd.PanamaLoads.FL;
import static io.quiver.internal.simd.PanamaLoads.MASKED_TAIL;
import static io.quiver.internal.simd.PanamaLoads.f16;
import static io.quiver.internal.simd.PanamaLoads.f16At;
import static io.quiver.internal.simd.PanamaLoads.f16Tail;
import static io.quiver.internal.simd.PanamaLoads.sum;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * The fp16 kernels: stored IEEE binary16 values, widened to floats in registers ({@link
 * PanamaLoads#halfToFloat}), against an fp32 query. Operands as in {@link PanamaF32}.
 */
final class PanamaF16 {
  private PanamaF16() {}

  static float dot(float[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 2L * i;
      a0 = FloatVector.fromArray(F, q, i).fma(f16(d, h, o), a0);
      a1 = FloatVector.fromArray(F, q, i + FL).fma(f16(d, h, o + 2L * FL), a1);
      a2 = FloatVector.fromArray(F, q, i + 2 * FL).fma(f16(d, h, o + 4L * FL), a2);
      a3 = FloatVector.fromArray(F, q, i + 3 * FL).fma(f16(d, h, o + 6L * FL), a3);
    }
    for (; i <= n - FL; i += FL) {
      a0 = FloatVector.fromArray(F, q, i).fma(f16(d, h, off + 2L * i), a0);
    }
    if (i < n && MASKED_TAIL) {
      FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
      a1 = x.fma(f16Tail(d, h, off + 2L * i, n - i), a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      s += q[i] * f16At(d, h, off + 2L * i);
    }
    return s;
  }

  static float squareL2(float[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 4 * FL; i += 4 * FL) {
      long o = off + 2L * i;
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(f16(d, h, o));
      FloatVector d1 = FloatVector.fromArray(F, q, i + FL).sub(f16(d, h, o + 2L * FL));
      FloatVector d2 = FloatVector.fromArray(F, q, i + 2 * FL).sub(f16(d, h, o + 4L * FL));
      FloatVector d3 = FloatVector.fromArray(F, q, i + 3 * FL).sub(f16(d, h, o + 6L * FL));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector d0 = FloatVector.fromArray(F, q, i).sub(f16(d, h, off + 2L * i));
      a0 = d0.fma(d0, a0);
    }
    if (i < n && MASKED_TAIL) {
      FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
      FloatVector d0 = x.sub(f16Tail(d, h, off + 2L * i, n - i));
      a1 = d0.fma(d0, a1);
      i = n;
    }
    float s = sum(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      float x = q[i] - f16At(d, h, off + 2L * i);
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
      long o = off + 2L * i;
      FloatVector x0 = FloatVector.fromArray(F, q, i);
      FloatVector x1 = FloatVector.fromArray(F, q, i + FL);
      FloatVector y0 = f16(d, h, o);
      FloatVector y1 = f16(d, h, o + 2L * FL);
      dot0 = x0.fma(y0, dot0);
      dot1 = x1.fma(y1, dot1);
      qq0 = x0.fma(x0, qq0);
      qq1 = x1.fma(x1, qq1);
      vv0 = y0.fma(y0, vv0);
      vv1 = y1.fma(y1, vv1);
    }
    for (; i <= n - FL; i += FL) {
      FloatVector x = FloatVector.fromArray(F, q, i);
      FloatVector y = f16(d, h, off + 2L * i);
      dot0 = x.fma(y, dot0);
      qq0 = x.fma(x, qq0);
      vv0 = y.fma(y, vv0);
    }
    if (i < n && MASKED_TAIL) {
      FloatVector x = FloatVector.fromArray(F, q, i, F.indexInRange(i, n));
      FloatVector y = f16Tail(d, h, off + 2L * i, n - i);
      dot1 = x.fma(y, dot1);
      qq1 = x.fma(x, qq1);
      vv1 = y.fma(y, vv1);
      i = n;
    }
    float dot = sum(dot0.add(dot1)), qq = sum(qq0.add(qq1)), vv = sum(vv0.add(vv1));
    for (; i < n; i++) {
      float v = f16At(d, h, off + 2L * i);
      dot += q[i] * v;
      qq += q[i] * q[i];
      vv += v * v;
    }
    return ScalarVectorOps.cosine(dot, qq, vv);
  }
}
