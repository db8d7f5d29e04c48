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
