package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The quantized-code kernels on the Panama Vector API. Codes are widened byte → float, so one float
 * lane per dimension: a byte vector of as many lanes as the preferred float species (16 bytes on
 * AVX-512, 8 on AVX2) feeds one fused multiply-add.
 */
public final class PanamaQuantOps implements QuantOps {
  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final int L = FS.length();
  private static final VectorSpecies<Byte> BS =
      L >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : null;
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
  // Conversions are written out in each kernel, never behind a helper: the Vector API's own call
  // chain is deep, and past the JIT's inlining depth a conversion is not intrinsified but runs a
  // slow path that allocates.
  private static final VectorOperators.Conversion<Byte, Float> B2F = VectorOperators.B2F;
  private static final byte LOW = 0x0F;

  /** Fails on machines whose vectors are narrower than 256 bits: the scalar kernels are used. */
  public PanamaQuantOps() {
    if (BS == null) {
      throw new UnsupportedOperationException("float vectors of " + L + " lanes are too narrow");
    }
  }

  @Override
  public String name() {
    return "panama-" + FS.vectorBitSize();
  }

  private static FloatVector f32(MemorySegment s, long offset) {
    return FloatVector.fromMemorySegment(FS, s, offset, LE);
  }

  private static int i8s(MemorySegment s, long offset) {
    return s.get(B, offset);
  }

  @Override
  public float dotI8(float[] q, MemorySegment data, long offset) {
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    FloatVector a2 = FloatVector.zero(FS);
    FloatVector a3 = FloatVector.zero(FS);
    int n = q.length;
    int i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      long o = offset + i;
      a0 =
          ((FloatVector) ByteVector.fromMemorySegment(BS, data, o, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, q, i), a0);
      a1 =
          ((FloatVector) ByteVector.fromMemorySegment(BS, data, o + L, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, q, i + L), a1);
      a2 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o + 2 * L, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, q, i + 2 * L), a2);
      a3 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o + 3 * L, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, q, i + 3 * L), a3);
    }
    for (; i + L <= n; i += L) {
      a0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, offset + i, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, q, i), a0);
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += q[i] * i8s(data, offset + i);
    }
    return s;
  }

  @Override
  public void dotI8x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    FloatVector a2 = FloatVector.zero(FS);
    FloatVector a3 = FloatVector.zero(FS);
    int n = q.length;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector x = FloatVector.fromArray(FS, q, i);
      a0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o0 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a0);
      a1 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o1 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a1);
      a2 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o2 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a2);
      a3 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o3 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float x = q[i];
      s0 += x * i8s(data, o0 + i);
      s1 += x * i8s(data, o1 + i);
      s2 += x * i8s(data, o2 + i);
      s3 += x * i8s(data, o3 + i);
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
  }

  @Override
  public void dotI8x8(float[] q, MemorySegment data, long[] offsets, float[] out) {
    long o0 = offsets[0];
    long o1 = offsets[1];
    long o2 = offsets[2];
    long o3 = offsets[3];
    long o4 = offsets[4];
    long o5 = offsets[5];
    long o6 = offsets[6];
    long o7 = offsets[7];
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    int n = q.length;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector x = FloatVector.fromArray(FS, q, i);
      a0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o0 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a0);
      a1 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o1 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a1);
      a2 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o2 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a2);
      a3 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o3 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a3);
      a4 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o4 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a4);
      a5 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o5 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a5);
      a6 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o6 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a6);
      a7 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, o7 + i, LE).convertShape(B2F, FS, 0))
              .fma(x, a7);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    float s4 = a4.reduceLanes(VectorOperators.ADD);
    float s5 = a5.reduceLanes(VectorOperators.ADD);
    float s6 = a6.reduceLanes(VectorOperators.ADD);
    float s7 = a7.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float x = q[i];
      s0 += x * i8s(data, o0 + i);
      s1 += x * i8s(data, o1 + i);
      s2 += x * i8s(data, o2 + i);
      s3 += x * i8s(data, o3 + i);
      s4 += x * i8s(data, o4 + i);
      s5 += x * i8s(data, o5 + i);
      s6 += x * i8s(data, o6 + i);
      s7 += x * i8s(data, o7 + i);
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
    out[4] = s4;
    out[5] = s5;
    out[6] = s6;
    out[7] = s7;
  }

  @Override
  public float dotI8I8(float[] w, MemorySegment a, long aOffset, MemorySegment b, long bOffset) {
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    int n = w.length;
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      a0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, a, aOffset + i, LE).convertShape(B2F, FS, 0))
              .mul(
                  ((FloatVector)
                      ByteVector.fromMemorySegment(BS, b, bOffset + i, LE)
                          .convertShape(B2F, FS, 0)))
              .fma(FloatVector.fromArray(FS, w, i), a0);
      a1 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, a, aOffset + i + L, LE).convertShape(B2F, FS, 0))
              .mul(
                  ((FloatVector)
                      ByteVector.fromMemorySegment(BS, b, bOffset + i + L, LE)
                          .convertShape(B2F, FS, 0)))
              .fma(FloatVector.fromArray(FS, w, i + L), a1);
    }
    for (; i + L <= n; i += L) {
      a0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, a, aOffset + i, LE).convertShape(B2F, FS, 0))
              .mul(
                  ((FloatVector)
                      ByteVector.fromMemorySegment(BS, b, bOffset + i, LE)
                          .convertShape(B2F, FS, 0)))
              .fma(FloatVector.fromArray(FS, w, i), a0);
    }
    float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += w[i] * (i8s(a, aOffset + i) * i8s(b, bOffset + i));
    }
    return s;
  }

  @Override
  public float squareL2I8(
      float[] q, float[] offsets, float[] scales, MemorySegment data, long offset) {
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    int n = q.length;
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      FloatVector x0 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, offset + i, LE).convertShape(B2F, FS, 0))
              .fma(FloatVector.fromArray(FS, scales, i), FloatVector.fromArray(FS, offsets, i));
      FloatVector x1 =
          ((FloatVector)
                  ByteVector.fromMemorySegment(BS, data, offset + i + L, LE)
                      .convertShape(B2F, FS, 0))
              .fma(
                  FloatVector.fromArray(FS, scales, i + L),
                  FloatVector.fromArray(FS, offsets, i + L));
      FloatVector d0 = FloatVector.fromArray(FS, q, i).sub(x0);
      FloatVector d1 = FloatVector.fromArray(FS, q, i + L).sub(x1);
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
    }
    float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float d = q[i] - (offsets[i] + scales[i] * i8s(data, offset + i));
      s += d * d;
    }
    return s;
  }

  @Override
  public float dotU4(float[] q, MemorySegment data, long offset) {
    ScalarQuantOps.checkU4(q);
    FloatVector lo = FloatVector.zero(FS);
    FloatVector hi = FloatVector.zero(FS);
    for (int blk = 0; blk < q.length; blk += 32) {
      long o = offset + (blk >> 1);
      for (int h = 0; h < 16; h += L) {
        ByteVector v = ByteVector.fromMemorySegment(BS, data, o + h, LE);
        FloatVector vl = (FloatVector) v.and(LOW).convertShape(B2F, FS, 0);
        FloatVector vh = (FloatVector) v.lanewise(VectorOperators.LSHR, 4).convertShape(B2F, FS, 0);
        lo = vl.fma(FloatVector.fromArray(FS, q, blk + h), lo);
        hi = vh.fma(FloatVector.fromArray(FS, q, blk + 16 + h), hi);
      }
    }
    return lo.add(hi).reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void dotU4x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    ScalarQuantOps.checkU4(q);
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    FloatVector a2 = FloatVector.zero(FS);
    FloatVector a3 = FloatVector.zero(FS);
    for (int blk = 0; blk < q.length; blk += 32) {
      long o = blk >> 1;
      for (int h = 0; h < 16; h += L) {
        FloatVector xl = FloatVector.fromArray(FS, q, blk + h);
        FloatVector xh = FloatVector.fromArray(FS, q, blk + 16 + h);
        ByteVector v0 = ByteVector.fromMemorySegment(BS, data, o0 + o + h, LE);
        ByteVector v1 = ByteVector.fromMemorySegment(BS, data, o1 + o + h, LE);
        ByteVector v2 = ByteVector.fromMemorySegment(BS, data, o2 + o + h, LE);
        ByteVector v3 = ByteVector.fromMemorySegment(BS, data, o3 + o + h, LE);
        a0 = ((FloatVector) v0.and(LOW).convertShape(B2F, FS, 0)).fma(xl, a0);
        a1 = ((FloatVector) v1.and(LOW).convertShape(B2F, FS, 0)).fma(xl, a1);
        a2 = ((FloatVector) v2.and(LOW).convertShape(B2F, FS, 0)).fma(xl, a2);
        a3 = ((FloatVector) v3.and(LOW).convertShape(B2F, FS, 0)).fma(xl, a3);
        a0 =
            ((FloatVector) v0.lanewise(VectorOperators.LSHR, 4).convertShape(B2F, FS, 0))
                .fma(xh, a0);
        a1 =
            ((FloatVector) v1.lanewise(VectorOperators.LSHR, 4).convertShape(B2F, FS, 0))
                .fma(xh, a1);
        a2 =
            ((FloatVector) v2.lanewise(VectorOperators.LSHR, 4).convertShape(B2F, FS, 0))
                .fma(xh, a2);
        a3 =
            ((FloatVector) v3.lanewise(VectorOperators.LSHR, 4).convertShape(B2F, FS, 0))
                .fma(xh, a3);
      }
    }
    out[0] = a0.reduceLanes(VectorOperators.ADD);
    out[1] = a1.reduceLanes(VectorOperators.ADD);
    out[2] = a2.reduceLanes(VectorOperators.ADD);
    out[3] = a3.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void squareL2F32x4(
      float[] q, MemorySegment data, long o0, long o1, long o2, long o3, float[] out) {
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    FloatVector a2 = FloatVector.zero(FS);
    FloatVector a3 = FloatVector.zero(FS);
    int n = q.length;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector x = FloatVector.fromArray(FS, q, i);
      long b = 4L * i;
      FloatVector d0 = x.sub(f32(data, o0 + b));
      FloatVector d1 = x.sub(f32(data, o1 + b));
      FloatVector d2 = x.sub(f32(data, o2 + b));
      FloatVector d3 = x.sub(f32(data, o3 + b));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
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
    FloatVector a0 = FloatVector.zero(FS);
    FloatVector a1 = FloatVector.zero(FS);
    FloatVector a2 = FloatVector.zero(FS);
    FloatVector a3 = FloatVector.zero(FS);
    int n = q.length;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector x = FloatVector.fromArray(FS, q, i);
      long b = 4L * i;
      a0 = f32(data, o0 + b).fma(x, a0);
      a1 = f32(data, o1 + b).fma(x, a1);
      a2 = f32(data, o2 + b).fma(x, a2);
      a3 = f32(data, o3 + b).fma(x, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
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
}
