package io.quiver.internal.simd;

import static io.quiver.internal.simd.PanamaLoads.HB;
import static io.quiver.internal.simd.PanamaLoads.I;
import static io.quiver.internal.simd.PanamaLoads.LE;
import static io.quiver.internal.simd.PanamaLoads.MASKED_TAIL;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The int8 kernels, exact. Bytes are widened to shorts, multiplied there (a product of two int8
 * values fits a short), and each half of the products is widened to ints and summed. With {@link
 * io.quiver.schema.Limits#MAX_DIMENSION} 16,384 no int sum can overflow: the largest, a squared
 * distance, is at most 16,384 * 255^2 < 2^31.
 */
final class PanamaI8 {
  private PanamaI8() {}

  /** Shorts as wide as the int species: twice as many lanes, one per byte of {@link #HB}. */
  private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, I.vectorShape());

  /** Elements per step: one half-width byte vector. */
  private static final int STEP = HB.length();

  private static ByteVector load(MemorySegment d, byte[] h, long o) {
    return h == null
        ? ByteVector.fromMemorySegment(HB, d, o, LE)
        : ByteVector.fromArray(HB, h, (int) o);
  }

  private static ByteVector loadTail(MemorySegment d, byte[] h, long o, VectorMask<Byte> m) {
    return h == null
        ? ByteVector.fromMemorySegment(HB, d, o, LE, m)
        : ByteVector.fromArray(HB, h, (int) o, m);
  }

  private static int at(MemorySegment d, byte[] h, long o) {
    return h == null ? d.get(ValueLayout.JAVA_BYTE, o) : h[(int) o];
  }

  private static ShortVector wide(ByteVector b) {
    return (ShortVector) b.convertShape(VectorOperators.B2S, S, 0);
  }

  private static IntVector low(ShortVector s) {
    return (IntVector) s.convertShape(VectorOperators.S2I, I, 0);
  }

  private static IntVector high(ShortVector s) {
    return (IntVector) s.convertShape(VectorOperators.S2I, I, 1);
  }

  static int dot(byte[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0;
    int i = 0;
    for (; i <= n - STEP; i += STEP) {
      ShortVector p = wide(ByteVector.fromArray(HB, q, i)).mul(wide(load(d, h, off + i)));
      a0 = a0.add(low(p));
      a1 = a1.add(high(p));
    }
    if (i < n && MASKED_TAIL) {
      VectorMask<Byte> m = HB.indexInRange(i, n);
      ShortVector x = wide(ByteVector.fromArray(HB, q, i, m));
      ShortVector p = x.mul(wide(loadTail(d, h, off + i, HB.indexInRange(0, n - i))));
      a0 = a0.add(low(p));
      a1 = a1.add(high(p));
      i = n;
    }
    int s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += q[i] * at(d, h, off + i);
    }
    return s;
  }

  static int squareL2(byte[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    IntVector a0 = IntVector.zero(I), a1 = a0;
    int i = 0;
    for (; i <= n - STEP; i += STEP) {
      ShortVector x = wide(ByteVector.fromArray(HB, q, i)).sub(wide(load(d, h, off + i)));
      // A square of at most 255^2 wraps a signed short but fits 16 unsigned bits.
      ShortVector p = x.mul(x);
      a0 = a0.add(p.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0));
      a1 = a1.add(p.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 1));
    }
    if (i < n && MASKED_TAIL) {
      VectorMask<Byte> m = HB.indexInRange(i, n);
      ShortVector x =
          wide(ByteVector.fromArray(HB, q, i, m))
              .sub(wide(loadTail(d, h, off + i, HB.indexInRange(0, n - i))));
      ShortVector p = x.mul(x);
      a0 = a0.add(p.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0));
      a1 = a1.add(p.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 1));
      i = n;
    }
    int s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      int x = q[i] - at(d, h, off + i);
      s += x * x;
    }
    return s;
  }

  static float cosine(byte[] q, MemorySegment d, byte[] h, long off) {
    int n = q.length;
    IntVector dot = IntVector.zero(I), qq = dot, vv = dot;
    int i = 0;
    for (; i <= n - STEP; i += STEP) {
      ShortVector x = wide(ByteVector.fromArray(HB, q, i));
      ShortVector y = wide(load(d, h, off + i));
      ShortVector xy = x.mul(y), xx = x.mul(x), yy = y.mul(y);
      dot = dot.add(low(xy)).add(high(xy));
      qq = qq.add(low(xx)).add(high(xx));
      vv = vv.add(low(yy)).add(high(yy));
    }
    if (i < n && MASKED_TAIL) {
      ShortVector x = wide(ByteVector.fromArray(HB, q, i, HB.indexInRange(i, n)));
      ShortVector y = wide(loadTail(d, h, off + i, HB.indexInRange(0, n - i)));
      ShortVector xy = x.mul(y), xx = x.mul(x), yy = y.mul(y);
      dot = dot.add(low(xy)).add(high(xy));
      qq = qq.add(low(xx)).add(high(xx));
      vv = vv.add(low(yy)).add(high(yy));
      i = n;
    }
    long sd = dot.reduceLanes(VectorOperators.ADD);
    long sq = qq.reduceLanes(VectorOperators.ADD);
    long sv = vv.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      int v = at(d, h, off + i);
      sd += q[i] * v;
      sq += q[i] * q[i];
      sv += v * v;
    }
    return ScalarVectorOps.cosine(sd, sq, sv);
  }
}
