package io.quiver.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chosen code kernels against their scalar twins, at awkward lengths and offsets. */
class QuantOpsTest {
  private static final int[] LENGTHS = {1, 3, 7, 15, 16, 17, 31, 32, 33, 127, 784, 1023, 4099};
  private static final int[] U4_LENGTHS = {32, 64, 96, 800, 1024, 4128};
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final QuantOps ops = Simd.quantOps();
  private final QuantOps ref = new ScalarQuantOps();
  private final long seed = Long.getLong("quiver.test.seed", System.nanoTime());
  private final SplittableRandom random = new SplittableRandom(seed);

  @Test
  void pickedImplementationMatchesExpectation() {
    String expect = System.getProperty("quiver.simd.expect", "");
    if (expect.equals("panama")) {
      assertTrue(ops.name().startsWith("panama"), ops.name());
    } else if (expect.equals("scalar")) {
      assertEquals("scalar", ops.name());
    }
  }

  @Test
  void i8KernelsMatchScalar() {
    try (Arena arena = Arena.ofConfined()) {
      for (int n : LENGTHS) {
        MemorySegment data = randomBytes(arena, 4L * n + 16);
        float[] q = randomFloats(n);
        float[] w = randomFloats(n);
        long[] o = {3, n + 1, 2L * n + 7, 3L * n + 13};
        for (long off : o) {
          assertClose(ref.dotI8(q, data, off), ops.dotI8(q, data, off), "dotI8", n);
        }
        float[] a = new float[4];
        float[] b = new float[4];
        ops.dotI8x4(q, data, o[0], o[1], o[2], o[3], a);
        for (int i = 0; i < 4; i++) {
          assertClose(ref.dotI8(q, data, o[i]), a[i], "dotI8x4", n);
        }
        float[] eight = new float[8];
        long[] o8 = {o[0], o[1], o[2], o[3], o[3] + 1, o[2] + 2, o[1] + 3, 0};
        ops.dotI8x8(q, data, o8, eight);
        for (int i = 0; i < 8; i++) {
          assertClose(ref.dotI8(q, data, o8[i]), eight[i], "dotI8x8", n);
        }
        ref.dotI8x4(q, data, o[0], o[1], o[2], o[3], b);
        for (int i = 0; i < 4; i++) {
          assertClose(ref.dotI8(q, data, o[i]), b[i], "scalar dotI8x4", n);
        }
        float[] scales = randomFloats(n);
        assertClose(
            ref.squareL2I8(q, w, scales, data, o[1]),
            ops.squareL2I8(q, w, scales, data, o[1]),
            "squareL2I8",
            n);
        assertClose(
            ref.dotI8I8(w, data, o[0], data, o[2]),
            ops.dotI8I8(w, data, o[0], data, o[2]),
            "dotI8I8",
            n);
      }
    }
  }

  @Test
  void u4KernelsMatchScalar() {
    try (Arena arena = Arena.ofConfined()) {
      for (int n : U4_LENGTHS) {
        MemorySegment data = randomBytes(arena, 2L * n + 16);
        float[] q = randomFloats(n);
        long[] o = {1, n / 2 + 3, n + 5, 3L * n / 2 + 9};
        float[] a = new float[4];
        ops.dotU4x4(q, data, o[0], o[1], o[2], o[3], a);
        for (int i = 0; i < 4; i++) {
          float expected = naiveU4(q, data, o[i]);
          assertClose(expected, ref.dotU4(q, data, o[i]), "scalar dotU4", n);
          assertClose(expected, ops.dotU4(q, data, o[i]), "dotU4", n);
          assertClose(expected, a[i], "dotU4x4", n);
        }
      }
    }
  }

  @Test
  void f32BatchKernelsMatchScalar() {
    VectorOps single = new ScalarVectorOps();
    try (Arena arena = Arena.ofConfined()) {
      for (int n : LENGTHS) {
        MemorySegment data = arena.allocate(16L * n + 64);
        for (long i = 0; i + 4 <= data.byteSize(); i += 4) {
          data.set(F32, i, (float) random.nextGaussian());
        }
        float[] q = randomFloats(n);
        long[] o = {4, 4L * n + 8, 8L * n + 12, 12L * n + 16};
        float[] l2 = new float[4];
        float[] dot = new float[4];
        ops.squareL2F32x4(q, data, o[0], o[1], o[2], o[3], l2);
        ops.dotF32x4(q, data, o[0], o[1], o[2], o[3], dot);
        for (int i = 0; i < 4; i++) {
          assertClose(single.squareL2F32(q, data, o[i]), l2[i], "squareL2F32x4", n);
          assertClose(single.dotF32(q, data, o[i]), dot[i], "dotF32x4", n);
        }
      }
    }
  }

  // Lengths for the PQ, binary and k-means kernels: subspaces, words and dimensions.
  private static final int[] AWKWARD = {1, 3, 7, 15, 16, 17, 127, 1023, 4099};

  @Test
  void pqKernelsMatchScalar() {
    try (Arena arena = Arena.ofConfined()) {
      for (int m : AWKWARD) {
        float[] table = randomFloats(256 * m);
        int block = QuantOps.BLOCK;
        MemorySegment data = randomBytes(arena, (long) block * m + 9);
        for (long off : new long[] {0, 5}) {
          float[] expected = new float[block];
          for (int c = 0; c < block; c++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
              int b =
                  Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, off + (long) block * j + c));
              sum += table[256 * j + b];
            }
            expected[c] = (float) sum;
          }
          float[] got = new float[block];
          float[] scalar = new float[block];
          ops.pqBlock(table, m, data, off, new int[block], got);
          ref.pqBlock(table, m, data, off, new int[block], scalar);
          for (int c = 0; c < block; c++) {
            assertClose(expected[c], got[c], "pqBlock", m);
            assertClose(expected[c], scalar[c], "scalar pqBlock", m);
          }
          double single = 0;
          for (int j = 0; j < m; j++) {
            single += table[256 * j + Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, off + j))];
          }
          assertClose((float) single, ops.pqCode(table, m, data, off), "pqCode", m);
          assertClose((float) single, ref.pqCode(table, m, data, off), "scalar pqCode", m);
        }
      }
    }
  }

  @Test
  void bitKernelsMatchScalarExactly() {
    ValueLayout.OfLong i64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    try (Arena arena = Arena.ofConfined()) {
      for (int words : AWKWARD) {
        long[] planes = new long[4 * words];
        for (int i = 0; i < planes.length; i++) {
          planes[i] = random.nextLong();
        }
        int block = QuantOps.BLOCK;
        MemorySegment data = randomBytes(arena, 8L * block * words + 16);
        for (long off : new long[] {0, 3}) {
          int[] got = new int[block];
          int[] scalar = new int[block];
          ops.bitPlanesBlock(planes, words, data, off, got);
          ref.bitPlanesBlock(planes, words, data, off, scalar);
          for (int c = 0; c < block; c++) {
            int expected = 0;
            for (int w = 0; w < words; w++) {
              long x = data.get(i64, off + 8L * (block * w + c));
              for (int j = 0; j < 4; j++) {
                expected += Long.bitCount(x & planes[j * words + w]) << j;
              }
            }
            String ctx = " words " + words + " (" + ops.name() + ", seed " + seed + ")";
            assertEquals(expected, got[c], "bitPlanesBlock" + ctx);
            assertEquals(expected, scalar[c], "scalar bitPlanesBlock" + ctx);
          }
          int expected = 0;
          for (int w = 0; w < words; w++) {
            long x = data.get(i64, off + 8L * w);
            for (int j = 0; j < 4; j++) {
              expected += Long.bitCount(x & planes[j * words + w]) << j;
            }
          }
          assertEquals(expected, ops.bitPlanes(planes, words, data, off), "bitPlanes " + words);
          assertEquals(expected, ref.bitPlanes(planes, words, data, off), "scalar bitPlanes");
        }
      }
    }
  }

  @Test
  void queryQuantizationMatchesScalarExactly() {
    for (int n : AWKWARD) {
      int words = (n + 63) / 64;
      float[] z = randomFloats(n);
      long[] got = new long[4 * words];
      long[] scalar = new long[4 * words];
      java.util.Arrays.fill(got, -1L);
      float[] gs = new float[4];
      float[] ss = new float[4];
      ops.quantizePlanes(z, n, got, words, gs);
      ref.quantizePlanes(z, n, scalar, words, ss);
      String ctx = "quantizePlanes length " + n + " (" + ops.name() + ", seed " + seed + ")";
      org.junit.jupiter.api.Assertions.assertArrayEquals(scalar, got, ctx);
      assertEquals(ss[0], gs[0], ctx + " lo");
      assertEquals(ss[1], gs[1], ctx + " delta");
      assertClose(ss[2], gs[2], "quantizePlanes sum", n);
      assertClose(ss[3], gs[3], "quantizePlanes norm", n);
      for (int i = 0; i < n; i++) {
        int u = 0;
        for (int j = 0; j < 4; j++) {
          u |= (int) ((scalar[j * words + i / 64] >>> (i % 64)) & 1) << j;
        }
        float back = ss[0] + ss[1] * u;
        assertEquals(z[i], back, ss[1] / 2 + 1e-5f, ctx + " element " + i);
      }
    }
  }

  @Test
  void binaryEstimatesMatchScalar() {
    try (Arena arena = Arena.ofConfined()) {
      int block = QuantOps.BLOCK;
      for (int words : AWKWARD) {
        long[] planes = new long[4 * words];
        for (int i = 0; i < planes.length; i++) {
          planes[i] = random.nextLong();
        }
        long bytes = 8L * block * words + 16L * block;
        MemorySegment data = randomBytes(arena, bytes + 8);
        long factors = 4 + 8L * block * words;
        for (int i = 0; i < 4 * block; i++) {
          data.set(F32, factors + 4L * i, (float) random.nextGaussian());
        }
        float[] q = {0.1f, -0.7f, 3.5f, 2f, 11f};
        float[] est = new float[block];
        float[] lower = new float[block];
        float[] est2 = new float[block];
        float[] lower2 = new float[block];
        ops.binaryBlockEstimates(planes, words, data, 4, q, est, lower);
        ref.binaryBlockEstimates(planes, words, data, 4, q, est2, lower2);
        for (int c = 0; c < block; c++) {
          assertClose(est2[c], est[c], "binaryBlockEstimates est", words);
          assertClose(lower2[c], lower[c], "binaryBlockEstimates lower", words);
        }
      }
    }
  }

  @Test
  void transposedDotsMatchScalar() {
    for (int dim : AWKWARD) {
      int k = 1 + random.nextInt(70);
      int stride = k + random.nextInt(5);
      float[] ct = randomFloats(dim * stride);
      float[] points = randomFloats(5 * dim + 3);
      int[] at = {3, dim + 3, 2 * dim + 3, 4 * dim + 3};
      int from = random.nextInt(k);
      float[] got = new float[4 * stride];
      float[] scalar = new float[4 * stride];
      ops.dotsTransposed4(points, at[0], at[1], at[2], at[3], dim, ct, stride, from, k, got);
      ref.dotsTransposed4(points, at[0], at[1], at[2], at[3], dim, ct, stride, from, k, scalar);
      for (int p = 0; p < 4; p++) {
        for (int j = 0; j < stride; j++) {
          double expected = 0;
          if (j >= from && j < k) {
            for (int d = 0; d < dim; d++) {
              expected += (double) points[at[p] + d] * ct[d * stride + j];
            }
          }
          assertClose((float) expected, got[p * stride + j], "dotsTransposed4", dim);
          assertClose((float) expected, scalar[p * stride + j], "scalar dotsTransposed4", dim);
        }
      }
    }
  }

  @Test
  void transposedQueryDotsMatchScalar() {
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : AWKWARD) {
        int k = 1 + random.nextInt(90);
        int stride = k + random.nextInt(3);
        MemorySegment ct = arena.allocate(4L * dim * stride + 8);
        for (long i = 4; i + 4 <= ct.byteSize(); i += 4) {
          ct.set(F32, i, (float) random.nextGaussian());
        }
        float[] q = randomFloats(dim);
        int from = random.nextInt(k);
        float[] got = new float[k];
        float[] scalar = new float[k];
        ops.dotsTransposed(q, ct, 4, stride, from, k, got);
        ref.dotsTransposed(q, ct, 4, stride, from, k, scalar);
        for (int j = from; j < k; j++) {
          double expected = 0;
          for (int d = 0; d < dim; d++) {
            expected += (double) q[d] * ct.get(F32, 4 + 4L * ((long) d * stride + j));
          }
          assertClose((float) expected, got[j], "dotsTransposed", dim);
          assertClose((float) expected, scalar[j], "scalar dotsTransposed", dim);
        }
      }
    }
  }

  private float naiveU4(float[] q, MemorySegment data, long offset) {
    double s = 0;
    for (int i = 0; i < q.length; i++) {
      int block = i / 32;
      int j = i % 32;
      int b = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, offset + 16L * block + (j % 16)));
      s += q[i] * (j < 16 ? b & 15 : b >>> 4);
    }
    return (float) s;
  }

  private MemorySegment randomBytes(Arena arena, long n) {
    MemorySegment s = arena.allocate(n);
    for (long i = 0; i < n; i++) {
      s.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
    }
    return s;
  }

  private float[] randomFloats(int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) random.nextGaussian();
    }
    return f;
  }

  // Float sums in another order differ by a few ulps of the sum of the terms' magnitudes (each
  // term is below 4 * 255 * 255 here).
  private void assertClose(float expected, float actual, String kernel, int n) {
    float tol = 1e-6f * n * 4 * 255 * 255 + 1e-4f;
    assertEquals(
        expected,
        actual,
        tol,
        kernel + " length " + n + " (" + ops.name() + ", seed " + seed + ")");
  }
}
