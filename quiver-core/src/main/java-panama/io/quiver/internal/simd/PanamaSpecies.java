package io.quiver.internal.simd;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the Panama kernels, chosen once from the widest vector the CPU has.
 *
 * <p>Two rules keep the kernels compiled to machine vectors, and both come from measurements on JDK
 * 25 (see quiver-bench/README.md):
 *
 * <ul>
 *   <li>Species are {@code static final} constants. A species in a variable or a parameter sends
 *       every operation through the Vector API's Java fallback, ten times slower.
 *   <li>No method of ours takes or returns a vector: every vector operation is written out in the
 *       kernel that uses it. The JDK's own vector methods are always inlined, but a helper of ours
 *       is refused by the JIT as soon as the kernel is large ({@code NodeCountInliningCutoff}) or
 *       the helper was compiled on its own first ("already compiled into a big method"); each call
 *       then allocates a box for every vector and the kernel runs four to five times slower.
 * </ul>
 */
final class PanamaSpecies {
  private PanamaSpecies() {}

  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  static final ValueLayout.OfFloat F32 = ScalarVectorOps.F32;
  static final ValueLayout.OfShort F16 = ScalarVectorOps.F16;

  /** Floats: the preferred species, 512 bits with AVX-512, 256 with AVX2, 128 with NEON. */
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Floats per vector. */
  static final int FL = F.length();

  /** Ints as wide as {@link #F}: fp16 bits are widened, and int8 products summed, in these. */
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** fp16 bit patterns, one per float lane: half the width of {@link #F}. */
  static final VectorSpecies<Short> H =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));

  /**
   * int8 lanes, one per int lane where the shape exists (a quarter of {@link #F}: 128 bits with
   * AVX-512, 64 with AVX2), else two per int lane (64 bits on a 128-bit CPU). Widening a quarter to
   * shorts, multiplying there and widening the products once to ints measured faster on AVX-512
   * than widening half-width bytes and splitting the products in two, or widening straight to ints
   * and multiplying ints.
   */
  static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, F.vectorBitSize() / 4)));

  /** int8 lanes per step. */
  static final int BL = B.length();

  /** {@link #B} widened to shorts. */
  static final VectorSpecies<Short> BS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(2 * B.vectorBitSize()));

  /** Whether widening {@link #BS} to ints takes two parts (only on 128-bit CPUs). */
  static final boolean TWO_PARTS = BS.length() > I.length();

  /**
   * Whether a partial vector at the end is read with a masked load. Only CPUs with 512-bit vectors
   * (AVX-512, wide SVE) have masked loads for every lane type; elsewhere (AVX2, NEON) a masked load
   * of bytes or shorts falls back to slow Java code, so the tail is a scalar loop.
   */
  static final boolean MASKED_TAIL = F.vectorBitSize() >= 512;

  /** fp16 exponent bits: all ones for infinities and NaN. */
  static final short F16_EXPONENT = 0x7C00;

  /**
   * fp16 sign, exponent and mantissa in the bits of a float, after sign extension and a shift left
   * by 13: bits 28 to 30 hold copies of the sign and must be cleared.
   */
  static final int F16_AS_F32_BITS = 0x8FFFE000;

  /** Rebiases an fp16 exponent read in float bits: 2^(127 - 15). */
  static final float F16_REBIAS = 0x1p112f;
}
