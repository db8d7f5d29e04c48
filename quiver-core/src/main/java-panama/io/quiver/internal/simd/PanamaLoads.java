package io.quiver.internal.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Species and loads shared by the Panama kernels.
 *
 * <p>A stored operand is passed as a segment {@code d} and an array {@code h}: {@code h} is null
 * for a native (mapped or {@code Arena}) segment, which is read with {@code fromMemorySegment}, and
 * is the backing {@code byte[]} of a heap segment, which is read with {@code fromArray} at the byte
 * offset into that array. Heap segments never reach {@code fromMemorySegment} because the JIT
 * profiles the segment class inside the JDK's shared vector-load code: once a heap segment class
 * joins the native ones there, every native load in the process slows down, by more than ten times
 * when three classes meet. Bytes are then reinterpreted as wider lanes, which the Vector API
 * defines in little-endian order on every platform.
 *
 * <p>All species are constants so that the JIT compiles every operation to machine vectors; a
 * species held in a variable would send each operation through its Java fallback.
 */
final class PanamaLoads {
  private PanamaLoads() {}

  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  /** The float species: the widest the CPU has (512 bits with AVX-512, 256 with AVX2). */
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Floats per vector. */
  static final int FL = F.length();

  /** Bytes of one float vector, for loading floats from a heap {@code byte[]}. */
  static final VectorSpecies<Byte> FB = VectorSpecies.of(byte.class, F.vectorShape());

  /** Ints of the same width as {@link #F}: fp16 conversion and int8 sums happen in these. */
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** Half-width shape: {@link #FL} shorts (fp16 lanes) or twice {@link #FL} bytes (int8 lanes). */
  static final VectorShape HALF = VectorShape.forBitSize(F.vectorBitSize() / 2);

  /** fp16 lanes, as many as {@link #F} has floats. */
  static final VectorSpecies<Short> H = VectorSpecies.of(short.class, HALF);

  /** The bytes of {@link #H}, for loading fp16 from a heap {@code byte[]}. */
  static final VectorSpecies<Byte> HB = VectorSpecies.of(byte.class, HALF);

  /**
   * Whether partial vectors at the end are read with masked loads. Only CPUs with 512-bit vectors
   * (AVX-512, wide SVE) have masked loads for every lane type; elsewhere (AVX2, NEON) a masked load
   * of bytes or shorts falls back to slow Java code, so the tail is a scalar loop.
   */
  static final boolean MASKED_TAIL = F.vectorBitSize() >= 512;

  private static final ValueLayout.OfFloat F32 = ScalarVectorOps.F32;
  private static final ValueLayout.OfShort F16 = ScalarVectorOps.F16;
  private static final VarHandle F32_IN_BYTES =
      MethodHandles.byteArrayViewVarHandle(float[].class, LE);
  private static final VarHandle F16_IN_BYTES =
      MethodHandles.byteArrayViewVarHandle(short[].class, LE);

  /** A full vector of floats at byte offset {@code o}. */
  static FloatVector f32(MemorySegment d, byte[] h, long o) {
    return h == null
        ? FloatVector.fromMemorySegment(F, d, o, LE)
        : ByteVector.fromArray(FB, h, (int) o).reinterpretAsFloats();
  }

  /** The first {@code count} ({@code < FL}) floats at {@code o}; the other lanes are zero. */
  static FloatVector f32Tail(MemorySegment d, byte[] h, long o, int count) {
    return h == null
        ? FloatVector.fromMemorySegment(F, d, o, LE, F.indexInRange(0, count))
        : ByteVector.fromArray(FB, h, (int) o, FB.indexInRange(0, 4 * count)).reinterpretAsFloats();
  }

  /** One float at {@code o}. */
  static float f32At(MemorySegment d, byte[] h, long o) {
    return h == null ? d.get(F32, o) : (float) F32_IN_BYTES.get(h, (int) o);
  }

  /** The raw bits of {@link #FL} fp16 values at {@code o}. */
  static ShortVector f16Bits(MemorySegment d, byte[] h, long o) {
    return h == null
        ? ShortVector.fromMemorySegment(H, d, o, LE)
        : ByteVector.fromArray(HB, h, (int) o).reinterpretAsShorts();
  }

  /** The first {@code count} ({@code < FL}) fp16 values at {@code o}, other lanes zero. */
  static ShortVector f16BitsTail(MemorySegment d, byte[] h, long o, int count) {
    return h == null
        ? ShortVector.fromMemorySegment(H, d, o, LE, H.indexInRange(0, count))
        : ByteVector.fromArray(HB, h, (int) o, HB.indexInRange(0, 2 * count)).reinterpretAsShorts();
  }

  /** One fp16 value at {@code o}, as a float. */
  static float f16At(MemorySegment d, byte[] h, long o) {
    return Float.float16ToFloat(h == null ? d.get(F16, o) : (short) F16_IN_BYTES.get(h, (int) o));
  }

  /** {@link #FL} fp16 values at {@code o}, as floats. */
  static FloatVector f16(MemorySegment d, byte[] h, long o) {
    return halfToFloat(f16Bits(d, h, o));
  }

  /** The first {@code count} fp16 values at {@code o} as floats; other lanes zero. */
  static FloatVector f16Tail(MemorySegment d, byte[] h, long o, int count) {
    return halfToFloat(f16BitsTail(d, h, o, count));
  }

  private static final int HALF_INF_NAN = 0x1f << 23;

  /**
   * Widens IEEE binary16 bits to floats exactly, subnormals, infinities and NaN included. The
   * sign-extended half shifted left by 13 has the sign in bit 31 (copied there by the extension)
   * and exponent and mantissa in bits 13..27, which read as a float are the half's value times
   * 2^-112: multiplying by 2^112 rebiases the exponent and turns a half subnormal (a float
   * subnormal here) into the right normal float in one step. An all-ones half exponent (infinity,
   * NaN) gets all-ones float exponent bits instead, which the multiplication keeps. The Vector API
   * of JDK 25 has no half-float conversion, and this is five integer operations and one multiply.
   */
  static FloatVector halfToFloat(ShortVector bits) {
    IntVector x =
        ((IntVector) bits.convertShape(VectorOperators.S2I, I, 0))
            .lanewise(VectorOperators.LSHL, 13)
            .and(0x8FFFE000);
    x = x.lanewise(VectorOperators.OR, 0x70000000, x.and(HALF_INF_NAN).eq(HALF_INF_NAN));
    return x.reinterpretAsFloats().mul(0x1p112f);
  }

  /** The sum of the lanes. */
  static float sum(FloatVector v) {
    return v.reduceLanes(VectorOperators.ADD);
  }
}
