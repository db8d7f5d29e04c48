package io.quiver.internal.simd;

import static io.quiver.internal.simd.Segments.f16Bytes;
import static io.quiver.internal.simd.Segments.f32Bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.schema.Limits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kernel of {@link Simd#ops()} against {@link ScalarVectorOps}, at lengths around every
 * vector width and unroll factor, in every kind of segment, at unaligned offsets. In the scalar run
 * of the suite this compares the scalar kernels with themselves, which still checks the reference
 * against an exact double-precision sum.
 *
 * <p>The values are random; a failure prints the seed, and {@code -Dquiver.test.seed=...} replays
 * it.
 */
final class VectorOpsTest {
  private static final long SEED =
      Long.getLong("quiver.test.seed", ThreadLocalRandom.current().nextLong());
  private static final VectorOps OPS = Simd.ops();
  private static final ScalarVectorOps REF = new ScalarVectorOps();
  private static final int[] LENGTHS = {
    1, 3, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 1023, 4099
  };
  private static final long[] OFFSETS = {0, 1, 3, 70};

  @TempDir static Path dir;
  private static Arena arena;

  @BeforeAll
  static void openArena() {
    arena = Arena.ofShared();
  }

  @AfterAll
  static void closeArena() {
    arena.close();
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void fp32MatchesScalar(Segments kind) {
    for (int n : LENGTHS) {
      for (long off : OFFSETS) {
        Random r = random(kind, n, off);
        float[] q = gaussian(r, n), v = gaussian(r, n);
        MemorySegment s = kind.place(f32Bytes(v), off, arena, dir);
        Supplier<String> at = where(kind, n, off);
        checkFloat(n, q, v, REF.dotF32(q, s, off), OPS.dotF32(q, s, off), Metric.DOT, at);
        checkFloat(n, q, v, REF.squareL2F32(q, s, off), OPS.squareL2F32(q, s, off), Metric.L2, at);
        checkFloat(n, q, v, REF.cosineF32(q, s, off), OPS.cosineF32(q, s, off), Metric.COS, at);

        // Both operands stored: the other one native, then both of this kind.
        MemorySegment qs = Segments.NATIVE.place(f32Bytes(q), 5, arena, dir);
        MemorySegment qk = kind.place(f32Bytes(q), 2, arena, dir);
        checkFloat(
            n,
            q,
            v,
            REF.dotF32(qs, 5, s, off, n),
            OPS.dotF32(qs, 5, s, off, n), //
            Metric.DOT,
            at);
        checkFloat(
            n,
            q,
            v,
            REF.dotF32(s, off, qk, 2, n),
            OPS.dotF32(s, off, qk, 2, n), //
            Metric.DOT,
            at);
        checkFloat(
            n,
            q,
            v,
            REF.squareL2F32(qs, 5, s, off, n), //
            OPS.squareL2F32(qs, 5, s, off, n),
            Metric.L2,
            at);
        checkFloat(
            n,
            q,
            v,
            REF.squareL2F32(s, off, qk, 2, n), //
            OPS.squareL2F32(s, off, qk, 2, n),
            Metric.L2,
            at);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void fp16MatchesScalar(Segments kind) {
    for (int n : LENGTHS) {
      for (long off : OFFSETS) {
        Random r = random(kind, n, off);
        float[] q = gaussian(r, n);
        short[] bits = new short[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          bits[i] = Float.floatToFloat16((float) r.nextGaussian());
          v[i] = Float.float16ToFloat(bits[i]);
        }
        MemorySegment s = kind.place(f16Bytes(bits), off, arena, dir);
        Supplier<String> at = where(kind, n, off);
        checkFloat(n, q, v, REF.dotF16(q, s, off), OPS.dotF16(q, s, off), Metric.DOT, at);
        checkFloat(n, q, v, REF.squareL2F16(q, s, off), OPS.squareL2F16(q, s, off), Metric.L2, at);
        checkFloat(n, q, v, REF.cosineF16(q, s, off), OPS.cosineF16(q, s, off), Metric.COS, at);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void int8MatchesScalarExactly(Segments kind) {
    for (int n : LENGTHS) {
      for (long off : OFFSETS) {
        Random r = random(kind, n, off);
        byte[] q = new byte[n], v = new byte[n];
        r.nextBytes(q);
        r.nextBytes(v);
        checkInt8(kind, q, v, off, where(kind, n, off));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void int8ExtremesDoNotOverflow(Segments kind) {
    // The largest squared distance the schema allows: 16,384 dimensions, each 127 - (-128).
    int n = Limits.MAX_DIMENSION;
    byte[] lo = new byte[n], hi = new byte[n];
    Arrays.fill(lo, Byte.MIN_VALUE);
    Arrays.fill(hi, Byte.MAX_VALUE);
    Supplier<String> at = where(kind, n, 1);
    assertEquals(n * 255 * 255, checkInt8(kind, lo, hi, 1, at)[1], at);
    assertEquals(n * 128 * 128, checkInt8(kind, lo, lo, 1, at)[0], at);
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void zeroVectors(Segments kind) {
    for (int n : LENGTHS) {
      float[] q = gaussian(random(kind, n, 0), n);
      float[] zf = new float[n];
      MemorySegment f32 = kind.place(f32Bytes(zf), 3, arena, dir);
      MemorySegment f16 = kind.place(new byte[2 * n], 3, arena, dir);
      MemorySegment i8 = kind.place(new byte[n], 3, arena, dir);
      Supplier<String> at = where(kind, n, 3);
      assertEquals(0f, OPS.dotF32(zf, f32, 3), at);
      assertEquals(0f, OPS.squareL2F32(zf, f32, 3), at);
      assertEquals(0f, OPS.cosineF32(q, f32, 3), at);
      assertEquals(0f, OPS.cosineF32(zf, Segments.NATIVE.place(f32Bytes(q), 0, arena, dir), 0), at);
      assertEquals(0f, OPS.dotF16(q, f16, 3), at);
      assertEquals(0f, OPS.squareL2F16(zf, f16, 3), at);
      assertEquals(0f, OPS.cosineF16(q, f16, 3), at);
      assertEquals(0f, OPS.cosineF16(zf, f16, 3), at);
      assertEquals(0, OPS.dotI8(new byte[n], i8, 3), at);
      assertEquals(0, OPS.squareL2I8(new byte[n], i8, 3), at);
      assertEquals(0f, OPS.cosineI8(new byte[n], i8, 3), at);
      byte[] ones = new byte[n];
      Arrays.fill(ones, (byte) 1);
      assertEquals(0f, OPS.cosineI8(ones, i8, 3), at);
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void largeMagnitudes(Segments kind) {
    for (int n : LENGTHS) {
      Random r = random(kind, n, 1);
      float[] q = gaussian(r, n), v = gaussian(r, n);
      for (int i = 0; i < n; i++) {
        q[i] *= 1e15f;
        v[i] *= 1e15f;
      }
      MemorySegment s = kind.place(f32Bytes(v), 1, arena, dir);
      Supplier<String> at = where(kind, n, 1);
      checkFloat(n, q, v, REF.dotF32(q, s, 1), OPS.dotF32(q, s, 1), Metric.DOT, at);
      checkFloat(n, q, v, REF.squareL2F32(q, s, 1), OPS.squareL2F32(q, s, 1), Metric.L2, at);
      checkFloat(n, q, v, REF.cosineF32(q, s, 1), OPS.cosineF32(q, s, 1), Metric.COS, at);

      // Squares beyond Float.MAX_VALUE: every order of summation reaches infinity.
      float[] big = new float[n], neg = new float[n];
      Arrays.fill(big, 1e20f);
      Arrays.fill(neg, -1e20f);
      MemorySegment b = kind.place(f32Bytes(big), 1, arena, dir);
      assertEquals(Float.POSITIVE_INFINITY, OPS.squareL2F32(neg, b, 1), at);
      assertEquals(Float.NEGATIVE_INFINITY, OPS.dotF32(neg, b, 1), at);
      assertEquals(REF.cosineF32(neg, b, 1), OPS.cosineF32(neg, b, 1), at);
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void fp16SpecialValues(Segments kind) {
    short[] specials = {
      0x0000,
      (short) 0x8000, // +0, -0
      0x0001,
      (short) 0x8001,
      0x03FF,
      0x0200, // subnormals
      0x0400,
      0x7BFF,
      (short) 0xFBFF, // smallest normal, largest finite
      0x3C00,
      (short) 0xBC00 // 1, -1
    };
    short[] nonFinite = {0x7C00, (short) 0xFC00, 0x7E00, 0x7C01}; // inf, -inf, NaNs
    for (int n : LENGTHS) {
      Random r = random(kind, n, 7);
      float[] q = gaussian(r, n);
      short[] bits = new short[n];
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        bits[i] = specials[r.nextInt(specials.length)];
        v[i] = Float.float16ToFloat(bits[i]);
      }
      MemorySegment s = kind.place(f16Bytes(bits), 7, arena, dir);
      Supplier<String> at = where(kind, n, 7);
      checkFloat(n, q, v, REF.dotF16(q, s, 7), OPS.dotF16(q, s, 7), Metric.DOT, at);
      checkFloat(n, q, v, REF.squareL2F16(q, s, 7), OPS.squareL2F16(q, s, 7), Metric.L2, at);
      checkFloat(n, q, v, REF.cosineF16(q, s, 7), OPS.cosineF16(q, s, 7), Metric.COS, at);

      bits[r.nextInt(n)] = nonFinite[r.nextInt(nonFinite.length)];
      s = kind.place(f16Bytes(bits), 7, arena, dir);
      assertSame(REF.dotF16(q, s, 7), OPS.dotF16(q, s, 7), at);
      assertSame(REF.squareL2F16(q, s, 7), OPS.squareL2F16(q, s, 7), at);
      assertSame(REF.cosineF16(q, s, 7), OPS.cosineF16(q, s, 7), at);
      float[] batch = new float[3];
      OPS.dotF16Batch(q, s, new long[] {7, 7, 7}, 3, batch);
      assertSame(REF.dotF16(q, s, 7), batch[2], at);
      OPS.squareL2F16Batch(q, s, new long[] {7, 7, 7}, 3, batch);
      assertSame(REF.squareL2F16(q, s, 7), batch[2], at);
    }
  }

  /** Every one of the 65,536 half-float bit patterns widens to what {@link Float} says. */
  @Test
  void everyHalfFloatWidensExactly() {
    // 64 lanes fill whole vectors at every width, so each value goes through the vector path;
    // a unit query picks one lane and every other lane adds 0 * 0.
    int n = 64;
    float[] q = new float[n];
    short[] bits = new short[n];
    MemorySegment s = arena.allocate(2L * n, 1);
    for (int h = 0; h <= 0xFFFF; h++) {
      int lane = h % n;
      bits[lane] = (short) h;
      q[lane] = 1f;
      MemorySegment.copy(f16Bytes(bits), 0, s, ValueLayout.JAVA_BYTE, 0, 2 * n);
      // Adding +0 as every kernel sum does: the sign of a zero never reaches a result.
      float expected = Float.float16ToFloat((short) h) + 0f;
      float actual = OPS.dotF16(q, s, 0);
      if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
        fail(String.format("fp16 0x%04x widened to %s, expected %s", h, actual, expected));
      }
      bits[lane] = 0;
      q[lane] = 0f;
    }
  }

  /** A vector that runs one element past the end of its segment is refused, not read. */
  @ParameterizedTest
  @EnumSource(Segments.class)
  void readsPastTheSegmentEndAreRefused(Segments kind) {
    for (int n : new int[] {1, 17, 4099}) {
      float[] q = new float[n];
      byte[] bq = new byte[n];
      MemorySegment f32 = kind.place(new byte[4 * n - 4], 1, arena, dir);
      MemorySegment f16 = kind.place(new byte[2 * n - 2], 1, arena, dir);
      MemorySegment i8 = kind.place(new byte[n - 1], 1, arena, dir);
      Class<IndexOutOfBoundsException> e = IndexOutOfBoundsException.class;
      assertThrows(e, () -> OPS.dotF32(q, f32, 1));
      assertThrows(e, () -> OPS.squareL2F32(q, f32, 1));
      assertThrows(e, () -> OPS.cosineF32(q, f32, 1));
      assertThrows(e, () -> OPS.dotF32(f32, 1, f32, 1, n));
      assertThrows(e, () -> OPS.squareL2F32(f32, 1, f32, 1, n));
      assertThrows(e, () -> OPS.dotF16(q, f16, 1));
      assertThrows(e, () -> OPS.squareL2F16(q, f16, 1));
      assertThrows(e, () -> OPS.cosineF16(q, f16, 1));
      assertThrows(e, () -> OPS.dotI8(bq, i8, 1));
      assertThrows(e, () -> OPS.squareL2I8(bq, i8, 1));
      assertThrows(e, () -> OPS.cosineI8(bq, i8, 1));
    }
  }

  private enum Metric {
    DOT,
    L2,
    COS
  }

  /**
   * Checks a float kernel result against the scalar one and both against the exact sum.
   *
   * <p>Whatever the order of summation, a sum of n rounded terms is within gamma(n) * sum |t_i| of
   * the exact sum, gamma(n) = n u / (1 - n u) with u = 2^-24 (Higham, "Accuracy and Stability of
   * Numerical Algorithms", 2nd ed., section 4.2); forming a term (a product, or a difference then a
   * square) adds at most two more roundings. Each implementation may sum in its own order, so each
   * is held to gamma(n + 2) * sum |t_i| around the exact value computed in double. A cosine divides
   * a dot product (off by at most gamma |q| |v| by Cauchy-Schwarz) by the root of two sums of
   * squares (each off by a relative gamma), so it is within about 2 gamma of the exact cosine.
   */
  private static void checkFloat(
      int n, float[] q, float[] v, float ref, float actual, Metric m, Supplier<String> at) {
    double exact = 0, abs = 0, qq = 0, vv = 0;
    for (int i = 0; i < n; i++) {
      double t =
          switch (m) {
            case DOT, COS -> (double) q[i] * v[i];
            case L2 -> ((double) q[i] - v[i]) * ((double) q[i] - v[i]);
          };
      exact += t;
      abs += Math.abs(t);
      qq += (double) q[i] * q[i];
      vv += (double) v[i] * v[i];
    }
    double u = 0x1p-24, gamma = (n + 2) * u / (1 - (n + 2) * u);
    double tolerance;
    if (m == Metric.COS) {
      exact = qq == 0 || vv == 0 ? 0 : exact / Math.sqrt(qq * vv);
      tolerance = 3 * gamma + 2 * u;
    } else {
      tolerance = gamma * abs + Float.MIN_VALUE;
    }
    assertNear(exact, ref, tolerance, () -> "scalar reference, " + at.get());
    assertNear(exact, actual, tolerance, () -> OPS.name() + " " + m + ", " + at.get());
  }

  private static void assertNear(
      double exact, float actual, double tolerance, Supplier<String> at) {
    if (!(Math.abs(exact - actual) <= tolerance)) {
      fail(at.get() + ": " + actual + " is not within " + tolerance + " of " + exact);
    }
  }

  /** Equal, where all NaNs are equal (results of non-finite input). */
  private static void assertSame(float expected, float actual, Supplier<String> at) {
    if (Float.isNaN(expected) ? !Float.isNaN(actual) : expected != actual) {
      fail(at.get() + ": " + actual + " != " + expected);
    }
  }

  /** Checks the int8 kernels exactly; returns the dot product and the squared distance. */
  private static long[] checkInt8(
      Segments kind, byte[] q, byte[] v, long off, Supplier<String> at) {
    MemorySegment s = kind.place(v, off, arena, dir);
    long dot = 0, l2 = 0, qq = 0, vv = 0;
    for (int i = 0; i < q.length; i++) {
      dot += q[i] * v[i];
      l2 += (q[i] - v[i]) * (q[i] - v[i]);
      qq += q[i] * q[i];
      vv += v[i] * v[i];
    }
    assertEquals(dot, REF.dotI8(q, s, off), at);
    assertEquals(dot, OPS.dotI8(q, s, off), at);
    assertEquals(l2, REF.squareL2I8(q, s, off), at);
    assertEquals(l2, OPS.squareL2I8(q, s, off), at);
    assertEquals(REF.cosineI8(q, s, off), OPS.cosineI8(q, s, off), at);
    float cos = qq == 0 || vv == 0 ? 0f : (float) (dot / Math.sqrt((double) qq * vv));
    assertEquals(cos, OPS.cosineI8(q, s, off), at);
    return new long[] {dot, l2};
  }

  private static Random random(Segments kind, int n, long off) {
    return new Random(SEED ^ (kind.ordinal() * 0x9E3779B97F4A7C15L) ^ (n * 31L + off) << 20);
  }

  private static Supplier<String> where(Segments kind, int n, long off) {
    return () ->
        String.format(
            "%s segment, length %d, offset %d (seed 0x%x: rerun with -Dquiver.test.seed=%d)",
            kind, n, off, SEED, SEED);
  }

  private static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
