package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaSpecies.B;
import static io.quiver.internal.simd.PanamaSpecies.BL;
import static io.quiver.internal.simd.PanamaSpecies.BS;
import static io.quiver.internal.simd.PanamaSpecies.I;
import static io.quiver.internal.simd.PanamaSpecies.LE;
import static io.quiver.internal.simd.PanamaSpecies.MASKED_TAIL;
import static io.quiver.internal.simd.PanamaSpecies.TWO_PARTS;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.S2I;
import static jdk.incubator.vector.VectorOperators.ZERO_EXTEND_S2I;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;

/**
 * The int8 kernels over native segments, exact. Bytes are widened to shorts and multiplied there (a
 * product of two int8 values fits a short), then the products are widened to ints and summed. A
 * squared difference, up to 255^2, overflows a signed short but fits 16 bits, so it is widened
 * without sign. With {@link io.quiver.schema.Limits#MAX_DIMENSION} 16,384, no int sum overflows:
 * the largest, a squared distance, is at most 16,384 * 255^2 < 2^31.
 *
 * <p>On a 128-bit CPU the shorts are twice as wide as the ints and are widened in two parts ({@link
 * PanamaSpecies#TWO_PARTS}, a constant, so the other branch compiles away).
 */
final class PanamaI8 {
  private PanamaI8() {}

  static int dot(byte[] q, MemorySegment d, long off) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 2 * BL; i += 2 * BL) {
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector x1 = (ShortVector) ByteVector.fromArray(B, q, i + BL).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE).convertShape(B2S, BS, 0);
      ShortVector y1 =
          (ShortVector)
              ByteVector.fromMemorySegment(B, d, off + i + BL, LE).convertShape(B2S, BS, 0);
      ShortVector p0 = x0.mul(y0);
      ShortVector p1 = x1.mul(y1);
      a0 = a0.add((IntVector) p0.convertShape(S2I, I, 0));
      a1 = a1.add((IntVector) p1.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        a2 = a2.add((IntVector) p0.convertShape(S2I, I, 1));
        a3 = a3.add((IntVector) p1.convertShape(S2I, I, 1));
      }
    }
    if (i <= n - BL) {
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE).convertShape(B2S, BS, 0);
      ShortVector p0 = x0.mul(y0);
      a0 = a0.add((IntVector) p0.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        a2 = a2.add((IntVector) p0.convertShape(S2I, I, 1));
      }
      i += BL;
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Byte> m = B.indexInRange(i, n);
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i, m).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE, m).convertShape(B2S, BS, 0);
      ShortVector p0 = x0.mul(y0);
      a1 = a1.add((IntVector) p0.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        a3 = a3.add((IntVector) p0.convertShape(S2I, I, 1));
      }
      i = n;
    }
    int s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      s += q[i] * d.get(ValueLayout.JAVA_BYTE, off + i);
    }
    return s;
  }

  static int squareL2(byte[] q, MemorySegment d, long off) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - 2 * BL; i += 2 * BL) {
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector x1 = (ShortVector) ByteVector.fromArray(B, q, i + BL).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE).convertShape(B2S, BS, 0);
      ShortVector y1 =
          (ShortVector)
              ByteVector.fromMemorySegment(B, d, off + i + BL, LE).convertShape(B2S, BS, 0);
      ShortVector p0d = x0.sub(y0), p0 = p0d.mul(p0d);
      ShortVector p1d = x1.sub(y1), p1 = p1d.mul(p1d);
      a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 0));
      a1 = a1.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 0));
      if (TWO_PARTS) {
        a2 = a2.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 1));
        a3 = a3.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 1));
      }
    }
    if (i <= n - BL) {
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE).convertShape(B2S, BS, 0);
      ShortVector p0d = x0.sub(y0), p0 = p0d.mul(p0d);
      a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 0));
      if (TWO_PARTS) {
        a2 = a2.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 1));
      }
      i += BL;
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Byte> m = B.indexInRange(i, n);
      ShortVector x0 = (ShortVector) ByteVector.fromArray(B, q, i, m).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE, m).convertShape(B2S, BS, 0);
      ShortVector p0d = x0.sub(y0), p0 = p0d.mul(p0d);
      a1 = a1.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 0));
      if (TWO_PARTS) {
        a3 = a3.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 1));
      }
      i = n;
    }
    int s = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
    for (; i < n; i++) {
      int x = q[i] - d.get(ValueLayout.JAVA_BYTE, off + i);
      s += x * x;
    }
    return s;
  }

  static float cosine(byte[] q, MemorySegment d, long off) {
    int n = q.length;
    IntVector dot = IntVector.zero(I), qq = dot, vv = dot;
    int i = 0;
    for (; i <= n - BL; i += BL) {
      ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector y =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE).convertShape(B2S, BS, 0);
      ShortVector xy = x.mul(y), xx = x.mul(x), yy = y.mul(y);
      dot = dot.add((IntVector) xy.convertShape(S2I, I, 0));
      qq = qq.add((IntVector) xx.convertShape(S2I, I, 0));
      vv = vv.add((IntVector) yy.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        dot = dot.add((IntVector) xy.convertShape(S2I, I, 1));
        qq = qq.add((IntVector) xx.convertShape(S2I, I, 1));
        vv = vv.add((IntVector) yy.convertShape(S2I, I, 1));
      }
    }
    if (MASKED_TAIL && i < n) {
      VectorMask<Byte> m = B.indexInRange(i, n);
      ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i, m).convertShape(B2S, BS, 0);
      ShortVector y =
          (ShortVector) ByteVector.fromMemorySegment(B, d, off + i, LE, m).convertShape(B2S, BS, 0);
      ShortVector xy = x.mul(y), xx = x.mul(x), yy = y.mul(y);
      dot = dot.add((IntVector) xy.convertShape(S2I, I, 0));
      qq = qq.add((IntVector) xx.convertShape(S2I, I, 0));
      vv = vv.add((IntVector) yy.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        dot = dot.add((IntVector) xy.convertShape(S2I, I, 1));
        qq = qq.add((IntVector) xx.convertShape(S2I, I, 1));
        vv = vv.add((IntVector) yy.convertShape(S2I, I, 1));
      }
      i = n;
    }
    long sd = dot.reduceLanes(ADD), sq = qq.reduceLanes(ADD), sv = vv.reduceLanes(ADD);
    for (; i < n; i++) {
      int v = d.get(ValueLayout.JAVA_BYTE, off + i);
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
      byte[] q, MemorySegment d, long o0, long o1, long o2, long o3, int[] out, int at, int k) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - BL; i += BL) {
      ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o0 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y1 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o1 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y2 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o2 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y3 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o3 + i, LE).convertShape(B2S, BS, 0);
      ShortVector p0 = x.mul(y0);
      ShortVector p1 = x.mul(y1);
      ShortVector p2 = x.mul(y2);
      ShortVector p3 = x.mul(y3);
      a0 = a0.add((IntVector) p0.convertShape(S2I, I, 0));
      a1 = a1.add((IntVector) p1.convertShape(S2I, I, 0));
      a2 = a2.add((IntVector) p2.convertShape(S2I, I, 0));
      a3 = a3.add((IntVector) p3.convertShape(S2I, I, 0));
      if (TWO_PARTS) {
        a0 = a0.add((IntVector) p0.convertShape(S2I, I, 1));
        a1 = a1.add((IntVector) p1.convertShape(S2I, I, 1));
        a2 = a2.add((IntVector) p2.convertShape(S2I, I, 1));
        a3 = a3.add((IntVector) p3.convertShape(S2I, I, 1));
      }
    }
    int s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    int s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      dot4Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      s0 += q[i] * d.get(ValueLayout.JAVA_BYTE, o0 + i);
      s1 += q[i] * d.get(ValueLayout.JAVA_BYTE, o1 + i);
      s2 += q[i] * d.get(ValueLayout.JAVA_BYTE, o2 + i);
      s3 += q[i] * d.get(ValueLayout.JAVA_BYTE, o3 + i);
    }
    store(out, at, k, s0, s1, s2, s3);
  }

  /** The last partial vector of {@link #dot4}, apart for the reason {@link PanamaF32} gives. */
  private static void dot4Tail(
      byte[] q,
      MemorySegment d,
      long o0,
      long o1,
      long o2,
      long o3,
      int i,
      int[] out,
      int at,
      int k,
      int s0,
      int s1,
      int s2,
      int s3) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    VectorMask<Byte> m = B.indexInRange(i, n);
    ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i, m).convertShape(B2S, BS, 0);
    ShortVector y0 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o0 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y1 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o1 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y2 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o2 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y3 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o3 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector p0 = x.mul(y0);
    ShortVector p1 = x.mul(y1);
    ShortVector p2 = x.mul(y2);
    ShortVector p3 = x.mul(y3);
    a0 = a0.add((IntVector) p0.convertShape(S2I, I, 0));
    a1 = a1.add((IntVector) p1.convertShape(S2I, I, 0));
    a2 = a2.add((IntVector) p2.convertShape(S2I, I, 0));
    a3 = a3.add((IntVector) p3.convertShape(S2I, I, 0));
    if (TWO_PARTS) {
      a0 = a0.add((IntVector) p0.convertShape(S2I, I, 1));
      a1 = a1.add((IntVector) p1.convertShape(S2I, I, 1));
      a2 = a2.add((IntVector) p2.convertShape(S2I, I, 1));
      a3 = a3.add((IntVector) p3.convertShape(S2I, I, 1));
    }
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
      byte[] q, MemorySegment d, long o0, long o1, long o2, long o3, int[] out, int at, int k) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (; i <= n - BL; i += BL) {
      ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i).convertShape(B2S, BS, 0);
      ShortVector y0 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o0 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y1 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o1 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y2 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o2 + i, LE).convertShape(B2S, BS, 0);
      ShortVector y3 =
          (ShortVector) ByteVector.fromMemorySegment(B, d, o3 + i, LE).convertShape(B2S, BS, 0);
      ShortVector e0 = x.sub(y0), p0 = e0.mul(e0);
      ShortVector e1 = x.sub(y1), p1 = e1.mul(e1);
      ShortVector e2 = x.sub(y2), p2 = e2.mul(e2);
      ShortVector e3 = x.sub(y3), p3 = e3.mul(e3);
      a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 0));
      a1 = a1.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 0));
      a2 = a2.add((IntVector) p2.convertShape(ZERO_EXTEND_S2I, I, 0));
      a3 = a3.add((IntVector) p3.convertShape(ZERO_EXTEND_S2I, I, 0));
      if (TWO_PARTS) {
        a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 1));
        a1 = a1.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 1));
        a2 = a2.add((IntVector) p2.convertShape(ZERO_EXTEND_S2I, I, 1));
        a3 = a3.add((IntVector) p3.convertShape(ZERO_EXTEND_S2I, I, 1));
      }
    }
    int s0 = a0.reduceLanes(ADD), s1 = a1.reduceLanes(ADD);
    int s2 = a2.reduceLanes(ADD), s3 = a3.reduceLanes(ADD);
    if (MASKED_TAIL && i < n) {
      squareL24Tail(q, d, o0, o1, o2, o3, i, out, at, k, s0, s1, s2, s3);
      return;
    }
    for (; i < n; i++) {
      int x0 = q[i] - d.get(ValueLayout.JAVA_BYTE, o0 + i);
      int x1 = q[i] - d.get(ValueLayout.JAVA_BYTE, o1 + i);
      int x2 = q[i] - d.get(ValueLayout.JAVA_BYTE, o2 + i);
      int x3 = q[i] - d.get(ValueLayout.JAVA_BYTE, o3 + i);
      s0 += x0 * x0;
      s1 += x1 * x1;
      s2 += x2 * x2;
      s3 += x3 * x3;
    }
    store(out, at, k, s0, s1, s2, s3);
  }

  /**
   * The last partial vector of {@link #squareL24}, apart for the reason {@link PanamaF32} gives.
   */
  private static void squareL24Tail(
      byte[] q,
      MemorySegment d,
      long o0,
      long o1,
      long o2,
      long o3,
      int i,
      int[] out,
      int at,
      int k,
      int s0,
      int s1,
      int s2,
      int s3) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
    VectorMask<Byte> m = B.indexInRange(i, n);
    ShortVector x = (ShortVector) ByteVector.fromArray(B, q, i, m).convertShape(B2S, BS, 0);
    ShortVector y0 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o0 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y1 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o1 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y2 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o2 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector y3 =
        (ShortVector) ByteVector.fromMemorySegment(B, d, o3 + i, LE, m).convertShape(B2S, BS, 0);
    ShortVector e0 = x.sub(y0), p0 = e0.mul(e0);
    ShortVector e1 = x.sub(y1), p1 = e1.mul(e1);
    ShortVector e2 = x.sub(y2), p2 = e2.mul(e2);
    ShortVector e3 = x.sub(y3), p3 = e3.mul(e3);
    a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 0));
    a1 = a1.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 0));
    a2 = a2.add((IntVector) p2.convertShape(ZERO_EXTEND_S2I, I, 0));
    a3 = a3.add((IntVector) p3.convertShape(ZERO_EXTEND_S2I, I, 0));
    if (TWO_PARTS) {
      a0 = a0.add((IntVector) p0.convertShape(ZERO_EXTEND_S2I, I, 1));
      a1 = a1.add((IntVector) p1.convertShape(ZERO_EXTEND_S2I, I, 1));
      a2 = a2.add((IntVector) p2.convertShape(ZERO_EXTEND_S2I, I, 1));
      a3 = a3.add((IntVector) p3.convertShape(ZERO_EXTEND_S2I, I, 1));
    }
    store(
        out,
        at,
        k,
        s0 + a0.reduceLanes(ADD),
        s1 + a1.reduceLanes(ADD),
        s2 + a2.reduceLanes(ADD),
        s3 + a3.reduceLanes(ADD));
  }

  private static void store(int[] out, int at, int k, int s0, int s1, int s2, int s3) {
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
