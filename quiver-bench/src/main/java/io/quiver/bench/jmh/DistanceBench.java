package io.quiver.bench.jmh;

import io.quiver.internal.simd.ScalarVectorOps;
import io.quiver.internal.simd.Simd;
import io.quiver.internal.simd.VectorOps;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One distance between a query and a stored vector, per kernel, element type and dimension, with
 * the scalar and the Panama kernels.
 *
 * <p>{@code data=hot} scores the same stored vector every time, so both vectors sit in L1 and the
 * figure is the arithmetic. {@code data=cold} scores a random vector out of 256 MiB of native
 * memory, eight times the L3 cache, which is what a graph search step costs: a cache and TLB miss
 * on every vector. Both pick the vector the same way, so they differ only in where it lives.
 *
 * <p>Run from the built jars (see quiver-bench/README.md), e.g. {@code java --add-modules
 * jdk.incubator.vector -cp
 * 'quiver-bench/target/quiver-bench-0.1.0-SNAPSHOT.jar:quiver-bench/target/lib/*'
 * org.openjdk.jmh.Main DistanceBench -p dims=768}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx1g"})
public class DistanceBench {

  /**
   * Vectors per batch call: about the unvisited neighbours of a node in a graph search. Batch
   * benchmarks report the time per vector.
   */
  static final int BATCH = 16;

  /** Bytes of vector data in the cold case: far beyond any L3 cache. */
  static final long COLD_BYTES = 256L << 20;

  /** Which kernels, which dimension, and where the stored vectors live. */
  @State(Scope.Thread)
  public static class Config {
    /** {@code scalar} or {@code panama}. */
    @Param({"scalar", "panama"})
    public String impl;

    /** Vector dimension. */
    @Param({"128", "384", "768", "1536"})
    public int dims;

    /** {@code hot}: one stored vector, in L1; {@code cold}: random ones out of 256 MiB. */
    @Param({"hot", "cold"})
    public String data;

    VectorOps ops;

    /** Loads the kernels; the Panama ones must really be Panama. */
    @Setup(Level.Trial)
    public void setup() {
      ops =
          switch (impl) {
            case "scalar" -> new ScalarVectorOps();
            case "panama" -> Simd.ops();
            default -> throw new IllegalArgumentException("impl " + impl);
          };
      if (impl.equals("panama") && !ops.name().startsWith("panama")) {
        throw new IllegalStateException(
            "Panama kernels unavailable ("
                + ops.name()
                + "): add --add-modules jdk.incubator.vector");
      }
    }

    int count(int vectorBytes) {
      return data.equals("hot") ? 1 : (int) Math.max(1, COLD_BYTES / vectorBytes);
    }
  }

  /** Stored vectors of one element type in one native segment, and the query. */
  abstract static class Vectors {
    Arena arena;
    MemorySegment segment;
    int stride;
    int count;
    long rng = 0x9E3779B97F4A7C15L;

    void allocate(Config c, int elementBytes) {
      stride = c.dims * elementBytes;
      count = c.count(stride);
      arena = Arena.ofShared();
      segment = arena.allocate((long) stride * count, 64);
    }

    /** Offsets of the next {@link #BATCH} vectors, for the batch kernels. */
    final long[] batch = new long[BATCH];

    /** Fills {@link #batch} with the offsets of random vectors. */
    final long[] nextBatch() {
      for (int i = 0; i < BATCH; i++) {
        batch[i] = next();
      }
      return batch;
    }

    /**
     * The byte offset of the next vector: a xorshift step and a multiply-shift, a couple of
     * nanoseconds that the hot and cold cases pay alike.
     */
    final long next() {
      long x = rng;
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      rng = x;
      return ((x >>> 33) * count >>> 31) * stride;
    }

    /** Releases the native memory. */
    @TearDown(Level.Trial)
    public void free() {
      arena.close();
    }
  }

  /** fp32 vectors, values in [-1, 1). */
  @State(Scope.Thread)
  public static class F32 extends Vectors {
    float[] q;

    /** Fills the vectors and the query. */
    @Setup(Level.Trial)
    public void setup(Config c) {
      allocate(c, 4);
      SplittableRandom r = new SplittableRandom(42);
      ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      for (long o = 0; o < segment.byteSize(); o += 4) {
        segment.set(f, o, (float) (r.nextDouble() * 2 - 1));
      }
      q = new float[c.dims];
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) (r.nextDouble() * 2 - 1);
      }
    }
  }

  /** fp16 vectors, values in [-1, 1). */
  @State(Scope.Thread)
  public static class F16 extends Vectors {
    float[] q;

    /** Fills the vectors and the query. */
    @Setup(Level.Trial)
    public void setup(Config c) {
      allocate(c, 2);
      SplittableRandom r = new SplittableRandom(42);
      ValueLayout.OfShort h = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      for (long o = 0; o < segment.byteSize(); o += 2) {
        segment.set(h, o, Float.floatToFloat16((float) (r.nextDouble() * 2 - 1)));
      }
      q = new float[c.dims];
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) (r.nextDouble() * 2 - 1);
      }
    }
  }

  /** int8 vectors, every byte value. */
  @State(Scope.Thread)
  public static class I8 extends Vectors {
    byte[] q;

    /** Fills the vectors and the query. */
    @Setup(Level.Trial)
    public void setup(Config c) {
      allocate(c, 1);
      SplittableRandom r = new SplittableRandom(42);
      for (long o = 0; o < segment.byteSize(); o += 8) {
        segment.set(ValueLayout.JAVA_LONG_UNALIGNED, o, r.nextLong());
      }
      q = new byte[c.dims];
      for (int i = 0; i < q.length; i++) {
        q[i] = (byte) r.nextInt();
      }
    }
  }

  /**
   * One fp32 vector in a heap segment over a {@code byte[]}, which the Panama kernels copy to
   * native memory before scoring (the {@code data} parameter does not apply).
   */
  @State(Scope.Thread)
  public static class F32Heap {
    float[] q;
    MemorySegment segment;

    /** Fills the vector and the query. */
    @Setup(Level.Trial)
    public void setup(Config c) {
      SplittableRandom r = new SplittableRandom(42);
      segment = MemorySegment.ofArray(new byte[4 * c.dims]);
      q = new float[c.dims];
      ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < c.dims; i++) {
        segment.set(f, 4L * i, (float) (r.nextDouble() * 2 - 1));
        q[i] = (float) (r.nextDouble() * 2 - 1);
      }
    }
  }

  /** fp32 squared Euclidean distance to a vector in a heap segment. */
  @Benchmark
  public float f32L2Heap(Config c, F32Heap v) {
    return c.ops.squareL2F32(v.q, v.segment, 0);
  }

  /** fp32 dot product. */
  @Benchmark
  public float f32Dot(Config c, F32 v) {
    return c.ops.dotF32(v.q, v.segment, v.next());
  }

  /** fp32 squared Euclidean distance. */
  @Benchmark
  public float f32L2(Config c, F32 v) {
    return c.ops.squareL2F32(v.q, v.segment, v.next());
  }

  /** fp32 cosine similarity. */
  @Benchmark
  public float f32Cos(Config c, F32 v) {
    return c.ops.cosineF32(v.q, v.segment, v.next());
  }

  /** fp16 dot product. */
  @Benchmark
  public float f16Dot(Config c, F16 v) {
    return c.ops.dotF16(v.q, v.segment, v.next());
  }

  /** fp16 squared Euclidean distance. */
  @Benchmark
  public float f16L2(Config c, F16 v) {
    return c.ops.squareL2F16(v.q, v.segment, v.next());
  }

  /** fp16 cosine similarity. */
  @Benchmark
  public float f16Cos(Config c, F16 v) {
    return c.ops.cosineF16(v.q, v.segment, v.next());
  }

  /** int8 dot product. */
  @Benchmark
  public int i8Dot(Config c, I8 v) {
    return c.ops.dotI8(v.q, v.segment, v.next());
  }

  /** int8 squared Euclidean distance. */
  @Benchmark
  public int i8L2(Config c, I8 v) {
    return c.ops.squareL2I8(v.q, v.segment, v.next());
  }

  /** int8 cosine similarity. */
  @Benchmark
  public float i8Cos(Config c, I8 v) {
    return c.ops.cosineI8(v.q, v.segment, v.next());
  }

  /** fp32 squared distances to {@value #BATCH} vectors in one batch call, per vector. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float f32L2Batch(Config c, F32 v, Scores s) {
    c.ops.squareL2F32Batch(v.q, v.segment, v.nextBatch(), BATCH, s.floats);
    return s.floats[BATCH - 1];
  }

  /** fp16 squared distances to {@value #BATCH} vectors in one batch call, per vector. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float f16L2Batch(Config c, F16 v, Scores s) {
    c.ops.squareL2F16Batch(v.q, v.segment, v.nextBatch(), BATCH, s.floats);
    return s.floats[BATCH - 1];
  }

  /** int8 squared distances to {@value #BATCH} vectors in one batch call, per vector. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int i8L2Batch(Config c, I8 v, Scores s) {
    c.ops.squareL2I8Batch(v.q, v.segment, v.nextBatch(), BATCH, s.ints);
    return s.ints[BATCH - 1];
  }

  /** Output arrays of the batch kernels. */
  @State(Scope.Thread)
  public static class Scores {
    final float[] floats = new float[BATCH];
    final int[] ints = new int[BATCH];
  }
}
