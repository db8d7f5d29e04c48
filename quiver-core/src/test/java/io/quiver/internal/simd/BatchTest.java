package io.quiver.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch kernels of {@link Simd#ops()}: every score against the scalar single-vector kernel (fp
 * within the bound {@link VectorOpsTest} explains, int8 exactly), and every score independent of
 * the vector's place in the batch and of the kind of segment, bit for bit.
 */
final class BatchTest {
  private static final long SEED =
      Long.getLong("quiver.test.seed", ThreadLocalRandom.current().nextLong());
  private static final VectorOps OPS = Simd.ops();
  private static final ScalarVectorOps REF = new ScalarVectorOps();
  private static final int[] LENGTHS = {1, 3, 16, 17, 33, 127, 1023};
  private static final int[] COUNTS = {0, 1, 2, 3, 4, 5, 11};
  private static final int VECTORS = 9;

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

  /** A batch kernel under test, scores as doubles. */
  private interface Batch {
    double[] run(MemorySegment data, long[] offsets, int count);
  }

  /** The single-vector scalar kernel the batch must match. */
  private interface Single {
    double run(MemorySegment data, long offset);
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void batchesMatchTheSingleKernels(Segments kind) {
    for (int n : LENGTHS) {
      Random r = new Random(SEED ^ (kind.ordinal() * 0x9E3779B97F4A7C15L) ^ n);
      String at = String.format("%s, length %d (seed %d: -Dquiver.test.seed)", kind, n, SEED);
      float[] q = new float[n];
      byte[] bq = new byte[n];
      for (int i = 0; i < n; i++) {
        q[i] = (float) r.nextGaussian();
      }
      r.nextBytes(bq);

      // fp32: stride with 3 spare bytes, so most vectors start unaligned.
      int s32 = 4 * n + 3;
      ByteBuffer b32 = ByteBuffer.allocate(VECTORS * s32).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer b16 = ByteBuffer.allocate(VECTORS * (2 * n + 1)).order(ByteOrder.LITTLE_ENDIAN);
      byte[] b8 = new byte[VECTORS * (n + 5)];
      r.nextBytes(b8);
      float[][] v32 = new float[VECTORS][n], v16 = new float[VECTORS][n];
      for (int v = 0; v < VECTORS; v++) {
        for (int i = 0; i < n; i++) {
          v32[v][i] = (float) r.nextGaussian();
          short h = Float.floatToFloat16((float) r.nextGaussian());
          v16[v][i] = Float.float16ToFloat(h);
          b32.putFloat(v * s32 + 4 * i, v32[v][i]);
          b16.putShort(v * (2 * n + 1) + 2 * i, h);
        }
      }
      MemorySegment d32 = kind.place(b32.array(), 7, arena, dir);
      MemorySegment d16 = kind.place(b16.array(), 7, arena, dir);
      MemorySegment d8 = kind.place(b8, 7, arena, dir);
      MemorySegment n32 = Segments.NATIVE.place(b32.array(), 7, arena, dir);
      MemorySegment n16 = Segments.NATIVE.place(b16.array(), 7, arena, dir);
      MemorySegment n8 = Segments.NATIVE.place(b8, 7, arena, dir);

      for (int count : COUNTS) {
        int[] v = vectors(r, count);
        long[] o32 = offsets(v, s32), o16 = offsets(v, 2 * n + 1), o8 = offsets(v, n + 5);
        check(
            at + " dotF32Batch",
            v,
            count,
            d32,
            n32,
            o32,
            r,
            (d, o, c) -> floats(c, s -> OPS.dotF32Batch(q, d, o, c, s)),
            (d, o) -> REF.dotF32(q, d, o),
            k -> bound(q, v32[k], false));
        check(
            at + " squareL2F32Batch",
            v,
            count,
            d32,
            n32,
            o32,
            r,
            (d, o, c) -> floats(c, s -> OPS.squareL2F32Batch(q, d, o, c, s)),
            (d, o) -> REF.squareL2F32(q, d, o),
            k -> bound(q, v32[k], true));
        check(
            at + " dotF16Batch",
            v,
            count,
            d16,
            n16,
            o16,
            r,
            (d, o, c) -> floats(c, s -> OPS.dotF16Batch(q, d, o, c, s)),
            (d, o) -> REF.dotF16(q, d, o),
            k -> bound(q, v16[k], false));
        check(
            at + " squareL2F16Batch",
            v,
            count,
            d16,
            n16,
            o16,
            r,
            (d, o, c) -> floats(c, s -> OPS.squareL2F16Batch(q, d, o, c, s)),
            (d, o) -> REF.squareL2F16(q, d, o),
            k -> bound(q, v16[k], true));
        check(
            at + " dotI8Batch",
            v,
            count,
            d8,
            n8,
            o8,
            r,
            (d, o, c) -> ints(c, s -> OPS.dotI8Batch(bq, d, o, c, s)),
            (d, o) -> REF.dotI8(bq, d, o),
            k -> 0);
        check(
            at + " squareL2I8Batch",
            v,
            count,
            d8,
            n8,
            o8,
            r,
            (d, o, c) -> ints(c, s -> OPS.squareL2I8Batch(bq, d, o, c, s)),
            (d, o) -> REF.squareL2I8(bq, d, o),
            k -> 0);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void batchReadsPastTheEndAreRefused(Segments kind) {
    int n = 17;
    MemorySegment d = kind.place(new byte[4 * n * 3], 0, arena, dir);
    long[] offsets = {0, 4L * n, 8L * n + 1}; // the third ends one byte past the segment
    Class<IndexOutOfBoundsException> e = IndexOutOfBoundsException.class;
    assertThrows(e, () -> OPS.dotF32Batch(new float[n], d, offsets, 3, new float[3]));
    assertThrows(e, () -> OPS.squareL2F32Batch(new float[n], d, offsets, 3, new float[3]));
    assertThrows(e, () -> OPS.dotF32Batch(new float[n], d, offsets, 4, new float[4]));
    long[] past = {0, 12L * n - 1};
    assertThrows(e, () -> OPS.dotF16Batch(new float[6 * n], d, past, 2, new float[2]));
    assertThrows(e, () -> OPS.dotI8Batch(new byte[n], d, new long[] {12L * n - 16}, 1, new int[1]));
  }

  /** Which vectors a batch scores: random, with repeats. */
  private static int[] vectors(Random r, int count) {
    int[] v = new int[count + 2]; // longer than count: the batch must not read past count
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextInt(VECTORS);
    }
    return v;
  }

  /** The byte offsets of vectors {@code v}, which start at byte 7 of their segment. */
  private static long[] offsets(int[] v, int stride) {
    long[] o = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = 7 + (long) v[i] * stride;
    }
    return o;
  }

  /**
   * How far a batch score may be from the scalar one: each is within gamma(n + 2) * sum |t_i| of
   * the exact value (see {@link VectorOpsTest}), where t_i are the products or squared differences.
   */
  private static double bound(float[] q, float[] v, boolean l2) {
    double sum = 0;
    for (int i = 0; i < q.length; i++) {
      double t = l2 ? ((double) q[i] - v[i]) * ((double) q[i] - v[i]) : (double) q[i] * v[i];
      sum += Math.abs(t);
    }
    double gamma = (q.length + 2) * 0x1p-24 / (1 - (q.length + 2) * 0x1p-24);
    return 2 * gamma * sum;
  }

  private static void check(
      String at,
      int[] vectors,
      int count,
      MemorySegment data,
      MemorySegment nativeCopy,
      long[] offsets,
      Random r,
      Batch batch,
      Single single,
      java.util.function.IntToDoubleFunction tolerance) {
    double[] scores = batch.run(data, offsets, count);
    assertEquals(count, scores.length);
    for (int i = 0; i < count; i++) {
      double ref = single.run(data, offsets[i]);
      if (!(Math.abs(scores[i] - ref) <= tolerance.applyAsDouble(vectors[i]))) {
        fail(at + ", count " + count + ", vector " + i + ": " + scores[i] + " vs " + ref);
      }
    }
    // The same vectors in another order, and from a native copy: the same score per vector.
    long[] shuffled = offsets.clone();
    int[] from = new int[count];
    for (int i = 0; i < count; i++) {
      from[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      long t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
      int f = from[i];
      from[i] = from[j];
      from[j] = f;
    }
    double[] again = batch.run(data, shuffled, count);
    double[] expected = new double[count];
    for (int i = 0; i < count; i++) {
      expected[i] = scores[from[i]];
    }
    // Up to the last bits: a vector scored in a group of four and the same vector scored alone
    // (the remainder) may add their lanes in another order, and so may a kernel before and after
    // the JIT compiles it.
    for (int i = 0; i < count; i++) {
      assertEquals(
          expected[i],
          again[i],
          tolerance.applyAsDouble(vectors[from[i]]),
          at + ": a score depends on its place in the batch, vector " + i);
    }
    // Heap and native memory take separately compiled paths, so the same last-bit allowance.
    double[] fromNative = batch.run(nativeCopy, offsets, count);
    for (int i = 0; i < count; i++) {
      assertEquals(
          scores[i],
          fromNative[i],
          tolerance.applyAsDouble(vectors[i]),
          at + ": heap and native scores differ, vector " + i);
    }
  }

  private interface FloatFill {
    void fill(float[] scores);
  }

  private interface IntFill {
    void fill(int[] scores);
  }

  private static double[] floats(int count, FloatFill f) {
    float[] s = new float[count + 1];
    s[count] = 42f;
    f.fill(s);
    assertEquals(42f, s[count], "a batch wrote past count");
    double[] d = new double[count];
    for (int i = 0; i < count; i++) {
      d[i] = s[i];
    }
    return d;
  }

  private static double[] ints(int count, IntFill f) {
    int[] s = new int[count + 1];
    s[count] = 42;
    f.fill(s);
    assertEquals(42, s[count], "a batch wrote past count");
    double[] d = new double[count];
    for (int i = 0; i < count; i++) {
      d[i] = s[i];
    }
    return d;
  }
}
