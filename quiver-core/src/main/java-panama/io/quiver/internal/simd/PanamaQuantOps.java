package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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
  private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, FS.vectorShape());
  private static final VectorOperators.Conversion<Byte, Integer> B2I = VectorOperators.B2I;
  private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class, FS.vectorShape());
  private static final int LL = LS.length();
  // The ints of a long vector's lanes: half its width.
  private static final VectorSpecies<Integer> LIS =
      VectorSpecies.of(int.class, VectorShape.forBitSize(LL * 32));
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
  // Floats of a long vector's lanes: half its width.
  private static final VectorSpecies<Float> LFS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(LL * 32));

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
  public float pqCode(float[] table, int m, MemorySegment data, long offset) {
    // One code's bytes are too few for a gather to pay for building its index vector: measured
    // slower than four scalar sums on AVX-512 (see PqCodes), so this is the scalar loop.
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
    // Lane c of every vector is code c: per subspace, the codes' bytes widen to table indices and
    // one gather fetches their table entries, so no horizontal sum is ever needed.
    for (int h = 0; h < BLOCK; h += L) {
      FloatVector acc0 = FloatVector.zero(FS);
      FloatVector acc1 = FloatVector.zero(FS);
      int j = 0;
      for (; j + 1 < m; j += 2) {
        long o = offset + (long) BLOCK * j + h;
        ((IntVector) ByteVector.fromMemorySegment(BS, data, o, LE).convertShape(B2I, IS, 0))
            .and(0xFF)
            .add(j << 8)
            .intoArray(scratch, 0);
        acc0 = acc0.add(FloatVector.fromArray(FS, table, 0, scratch, 0));
        ((IntVector) ByteVector.fromMemorySegment(BS, data, o + BLOCK, LE).convertShape(B2I, IS, 0))
            .and(0xFF)
            .add((j + 1) << 8)
            .intoArray(scratch, 0);
        acc1 = acc1.add(FloatVector.fromArray(FS, table, 0, scratch, 0));
      }
      if (j < m) {
        ((IntVector)
                ByteVector.fromMemorySegment(BS, data, offset + (long) BLOCK * j + h, LE)
                    .convertShape(B2I, IS, 0))
            .and(0xFF)
            .add(j << 8)
            .intoArray(scratch, 0);
        acc0 = acc0.add(FloatVector.fromArray(FS, table, 0, scratch, 0));
      }
      acc0.add(acc1).intoArray(out, h);
    }
  }

  @Override
  public int bitPlanes(long[] planes, int words, MemorySegment data, long offset) {
    LongVector a0 = LongVector.zero(LS);
    LongVector a1 = a0;
    LongVector a2 = a0;
    LongVector a3 = a0;
    int w = 0;
    for (; w + LL <= words; w += LL) {
      LongVector x = LongVector.fromMemorySegment(LS, data, offset + 8L * w, LE);
      a0 = a0.add(x.and(LongVector.fromArray(LS, planes, w)).lanewise(VectorOperators.BIT_COUNT));
      a1 =
          a1.add(
              x.and(LongVector.fromArray(LS, planes, words + w))
                  .lanewise(VectorOperators.BIT_COUNT));
      a2 =
          a2.add(
              x.and(LongVector.fromArray(LS, planes, 2 * words + w))
                  .lanewise(VectorOperators.BIT_COUNT));
      a3 =
          a3.add(
              x.and(LongVector.fromArray(LS, planes, 3 * words + w))
                  .lanewise(VectorOperators.BIT_COUNT));
    }
    long p0 = a0.reduceLanes(VectorOperators.ADD);
    long p1 = a1.reduceLanes(VectorOperators.ADD);
    long p2 = a2.reduceLanes(VectorOperators.ADD);
    long p3 = a3.reduceLanes(VectorOperators.ADD);
    for (; w < words; w++) {
      long x = data.get(I64, offset + 8L * w);
      p0 += Long.bitCount(x & planes[w]);
      p1 += Long.bitCount(x & planes[words + w]);
      p2 += Long.bitCount(x & planes[2 * words + w]);
      p3 += Long.bitCount(x & planes[3 * words + w]);
    }
    return (int) (p0 + (p1 << 1) + (p2 << 2) + (p3 << 3));
  }

  @Override
  public void bitPlanesBlock(long[] planes, int words, MemorySegment data, long offset, int[] out) {
    // Lane c is code c: per word, the codes' words are ANDed with the broadcast query planes and
    // counted with one vector popcount per plane (VPOPCNTQ on AVX-512).
    for (int h = 0; h < BLOCK; h += LL) {
      LongVector acc = LongVector.zero(LS);
      for (int w = 0; w < words; w++) {
        LongVector x = LongVector.fromMemorySegment(LS, data, offset + 8L * (BLOCK * w + h), LE);
        LongVector c0 = x.and(planes[w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c1 = x.and(planes[words + w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c2 = x.and(planes[2 * words + w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c3 = x.and(planes[3 * words + w]).lanewise(VectorOperators.BIT_COUNT);
        acc =
            acc.add(c0)
                .add(c1.lanewise(VectorOperators.LSHL, 1))
                .add(c2.lanewise(VectorOperators.LSHL, 2))
                .add(c3.lanewise(VectorOperators.LSHL, 3));
      }
      ((IntVector) acc.convertShape(VectorOperators.L2I, LIS, 0)).intoArray(out, h);
    }
  }

  @Override
  public void quantizePlanes(float[] z, int n, long[] planes, int words, float[] stats) {
    FloatVector mn = FloatVector.broadcast(FS, Float.POSITIVE_INFINITY);
    FloatVector mx = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
    FloatVector s = FloatVector.zero(FS);
    FloatVector ss = FloatVector.zero(FS);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector v = FloatVector.fromArray(FS, z, i);
      mn = mn.min(v);
      mx = mx.max(v);
      s = s.add(v);
      ss = v.fma(v, ss);
    }
    float lo = mn.reduceLanes(VectorOperators.MIN);
    float hi = mx.reduceLanes(VectorOperators.MAX);
    float sum = s.reduceLanes(VectorOperators.ADD);
    float sq = ss.reduceLanes(VectorOperators.ADD);
    for (int t = i; t < n; t++) {
      float v = z[t];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
      sq += v * v;
    }
    float delta = (hi - lo) / 15f;
    float inv = delta > 0 ? 1f / delta : 0f;
    java.util.Arrays.fill(planes, 0, 4 * words, 0L);
    // Lane bits of a comparison mask are whole runs of a plane word: L divides 64.
    int j = 0;
    for (; j + L <= n; j += L) {
      IntVector u =
          ((IntVector)
                  FloatVector.fromArray(FS, z, j)
                      .sub(lo)
                      .mul(inv)
                      .add(0.5f)
                      .convertShape(VectorOperators.F2I, IS, 0))
              .min(15);
      int w = j >>> 6;
      int shift = j & 63;
      planes[w] |= u.and(1).compare(VectorOperators.NE, 0).toLong() << shift;
      planes[words + w] |= u.and(2).compare(VectorOperators.NE, 0).toLong() << shift;
      planes[2 * words + w] |= u.and(4).compare(VectorOperators.NE, 0).toLong() << shift;
      planes[3 * words + w] |= u.and(8).compare(VectorOperators.NE, 0).toLong() << shift;
    }
    for (; j < n; j++) {
      int u = Math.min(15, (int) ((z[j] - lo) * inv + 0.5f));
      long bit = 1L << j;
      int w = j >>> 6;
      for (int b = 0; b < 4; b++) {
        if ((u & (1 << b)) != 0) {
          planes[b * words + w] |= bit;
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
    long f = offset + 8L * BLOCK * words;
    float delta = q[0];
    float lo = q[1];
    float sum = q[2];
    float norm = q[3];
    float bias = q[4];
    for (int h = 0; h < BLOCK; h += LL) {
      LongVector acc = LongVector.zero(LS);
      for (int w = 0; w < words; w++) {
        LongVector x = LongVector.fromMemorySegment(LS, data, offset + 8L * (BLOCK * w + h), LE);
        LongVector c0 = x.and(planes[w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c1 = x.and(planes[words + w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c2 = x.and(planes[2 * words + w]).lanewise(VectorOperators.BIT_COUNT);
        LongVector c3 = x.and(planes[3 * words + w]).lanewise(VectorOperators.BIT_COUNT);
        acc =
            acc.add(c0)
                .add(c1.lanewise(VectorOperators.LSHL, 1))
                .add(c2.lanewise(VectorOperators.LSHL, 2))
                .add(c3.lanewise(VectorOperators.LSHL, 3));
      }
      // The sums' lanes are the block's codes h..h+LL: widen to floats of as many lanes.
      FloatVector dot = (FloatVector) acc.convertShape(VectorOperators.L2F, LFS, 0);
      long at = f + 4L * h;
      FloatVector add = FloatVector.fromMemorySegment(LFS, data, at, LE);
      FloatVector rescale = FloatVector.fromMemorySegment(LFS, data, at + 4 * BLOCK, LE);
      FloatVector error = FloatVector.fromMemorySegment(LFS, data, at + 8 * BLOCK, LE);
      FloatVector ones = FloatVector.fromMemorySegment(LFS, data, at + 12 * BLOCK, LE);
      FloatVector bz = dot.mul(delta).add(ones.mul(lo));
      FloatVector e = rescale.mul(bz.mul(2).sub(sum)).add(add).add(bias);
      e.intoArray(est, h);
      e.sub(error.mul(norm)).sub(rescale.abs().mul(ones).mul(delta)).intoArray(lower, h);
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
    int j = from;
    // Two centroid vectors by four points: eight independent multiply-add chains, enough to keep
    // both FMA units busy through their latency.
    for (; j + 2 * L <= to; j += 2 * L) {
      FloatVector a0 = FloatVector.zero(FS);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector b0 = a0;
      FloatVector b1 = a0;
      FloatVector b2 = a0;
      FloatVector b3 = a0;
      for (int d = 0; d < dim; d++) {
        int row = d * stride + j;
        FloatVector c = FloatVector.fromArray(FS, ct, row);
        FloatVector e = FloatVector.fromArray(FS, ct, row + L);
        FloatVector x0 = FloatVector.broadcast(FS, points[at0 + d]);
        FloatVector x1 = FloatVector.broadcast(FS, points[at1 + d]);
        FloatVector x2 = FloatVector.broadcast(FS, points[at2 + d]);
        FloatVector x3 = FloatVector.broadcast(FS, points[at3 + d]);
        a0 = c.fma(x0, a0);
        a1 = c.fma(x1, a1);
        a2 = c.fma(x2, a2);
        a3 = c.fma(x3, a3);
        b0 = e.fma(x0, b0);
        b1 = e.fma(x1, b1);
        b2 = e.fma(x2, b2);
        b3 = e.fma(x3, b3);
      }
      a0.intoArray(out, j);
      a1.intoArray(out, stride + j);
      a2.intoArray(out, 2 * stride + j);
      a3.intoArray(out, 3 * stride + j);
      b0.intoArray(out, j + L);
      b1.intoArray(out, stride + j + L);
      b2.intoArray(out, 2 * stride + j + L);
      b3.intoArray(out, 3 * stride + j + L);
    }
    for (; j + L <= to; j += L) {
      FloatVector a0 = FloatVector.zero(FS);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int d = 0; d < dim; d++) {
        FloatVector c = FloatVector.fromArray(FS, ct, d * stride + j);
        a0 = c.fma(FloatVector.broadcast(FS, points[at0 + d]), a0);
        a1 = c.fma(FloatVector.broadcast(FS, points[at1 + d]), a1);
        a2 = c.fma(FloatVector.broadcast(FS, points[at2 + d]), a2);
        a3 = c.fma(FloatVector.broadcast(FS, points[at3 + d]), a3);
      }
      a0.intoArray(out, j);
      a1.intoArray(out, stride + j);
      a2.intoArray(out, 2 * stride + j);
      a3.intoArray(out, 3 * stride + j);
    }
    for (; j < to; j++) {
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
    int dim = q.length;
    int j = from;
    // Four centroid vectors per pass: four independent multiply-add chains over the components.
    for (; j + 4 * L <= to; j += 4 * L) {
      FloatVector a0 = FloatVector.zero(FS);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int d = 0; d < dim; d++) {
        FloatVector x = FloatVector.broadcast(FS, q[d]);
        long row = offset + 4L * ((long) d * stride + j);
        a0 = f32(ct, row).fma(x, a0);
        a1 = f32(ct, row + 4L * L).fma(x, a1);
        a2 = f32(ct, row + 8L * L).fma(x, a2);
        a3 = f32(ct, row + 12L * L).fma(x, a3);
      }
      a0.intoArray(out, j);
      a1.intoArray(out, j + L);
      a2.intoArray(out, j + 2 * L);
      a3.intoArray(out, j + 3 * L);
    }
    for (; j + L <= to; j += L) {
      FloatVector a0 = FloatVector.zero(FS);
      for (int d = 0; d < dim; d++) {
        a0 =
            f32(ct, offset + 4L * ((long) d * stride + j)).fma(FloatVector.broadcast(FS, q[d]), a0);
      }
      a0.intoArray(out, j);
    }
    for (; j < to; j++) {
      float s = 0;
      for (int d = 0; d < dim; d++) {
        s += q[d] * ct.get(ScalarVectorOps.F32, offset + 4L * ((long) d * stride + j));
      }
      out[j] = s;
    }
  }

  private static int u8(MemorySegment s, long offset) {
    return Byte.toUnsignedInt(s.get(B, offset));
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
