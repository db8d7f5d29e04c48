package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.Parallel;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.quant.CodeScorer;
import io.quiver.internal.index.quant.HalfCodes;
import io.quiver.internal.index.quant.PairDistance;
import io.quiver.internal.index.quant.PqCodes;
import io.quiver.internal.index.quant.RabitCodes;
import io.quiver.internal.index.quant.RawCodes;
import io.quiver.internal.index.quant.Rotation;
import io.quiver.internal.index.quant.ScalarCodes;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.schema.Metric;
import io.quiver.schema.VectorIndex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Builds the HNSW graph of one segment's vectors. Rows are inserted in order; each node's level is
 * drawn up front from a seeded generator, so a single-threaded build is a pure function of the
 * vectors, the parameters and the seed.
 *
 * <p>Distances while building: every index, whatever its traversal codes, is built on 8-bit scalar
 * codes of the vectors ({@link ScalarCodes}): four times fewer bytes to fetch than fp32 and a cheap
 * kernel make the build about three times faster, and the neighbour choice barely notices an error
 * of a fraction of a percent per dimension (the INT8 codes of integer data are even exact).
 */
public final class HnswBuilder {
  private static final int MAX_LEVEL = 30;

  private HnswBuilder() {}

  /**
   * Builds the graph.
   *
   * @param raw the segment's vectors (node i = row i)
   * @param metric the metric
   * @param spec M, efConstruction and the traversal quantization
   * @param seed seeds the level of every node
   * @param concurrency number of inserting threads; 1 builds on the calling thread
   * @param executor runs the inserting tasks when {@code concurrency > 1}; its threads pull nodes
   *     from a shared counter, so fewer threads than tasks slow the build but cannot stall it
   * @return the graph; close it after writing
   */
  public static HnswGraph build(
      VectorSource raw,
      Metric metric,
      VectorIndex.Hnsw spec,
      long seed,
      int concurrency,
      Executor executor) {
    int n = raw.size();
    int m = spec.m();
    byte[] levels = drawLevels(n, m, seed);
    boolean concurrent = concurrency > 1 && executor != null && n > 1;

    ScalarCodes sq8 = ScalarCodes.train(raw, metric, 8);
    Rotation rotation = spec.rotate() ? Rotation.random(raw.dimension(), ~seed) : null;
    TraversalCodes codes =
        switch (spec.quantization()) {
          case NONE -> new RawCodes(metric, raw.dimension());
          case FP16 -> new HalfCodes(metric, raw.dimension());
          case INT8 -> rotation == null ? sq8 : ScalarCodes.train(raw, metric, 8, rotation);
          case INT4 -> ScalarCodes.train(raw, metric, 4, rotation);
          case PQ -> PqCodes.train(raw, metric, rotation, seed, concurrency, executor);
          case RABITQ -> RabitCodes.train(raw, metric, ~seed);
        };
    Arena arena = Arena.ofShared();
    long codeOffset = 4L + 8L * m;
    long stride = HnswWriter.recordStride(2 * m, sq8.codeBytes());
    MemorySegment records;
    try {
      records = arena.allocate(Math.max(1, n * stride), 64);
      encodeAll(raw, sq8, records, codeOffset, stride);
    } catch (RuntimeException | Error e) {
      arena.close();
      throw e;
    }
    OnHeapGraph graph = new OnHeapGraph(n, m, levels, concurrent, records, stride);
    Supplier<CodeScorer> scorers = () -> sq8.scorer(records, codeOffset, stride);
    PairDistance pairs = sq8.pairs(records, codeOffset, stride);
    try {
      if (n > 0) {
        ReentrantLock growLock = new ReentrantLock();
        Supplier<Inserter> inserters =
            () ->
                new Inserter(graph, raw, scorers.get(), pairs, growLock, spec.efConstruction(), m);
        Inserter first = inserters.get();
        first.insert(0);
        if (!concurrent) {
          for (int i = 1; i < n; i++) {
            first.insert(i);
          }
        } else {
          insertConcurrently(n, concurrency, executor, inserters);
        }
      }
    } catch (RuntimeException | Error e) {
      arena.close();
      throw e;
    }
    return new HnswGraph(
        graph, raw, metric, codes, spec.efConstruction(), sq8, records, codeOffset, stride, arena);
  }

  /** Levels with the distribution of the HNSW paper: P(level >= l) = M^-l. */
  static byte[] drawLevels(int n, int m, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double ml = 1 / Math.log(m);
    byte[] levels = new byte[n];
    for (int i = 0; i < n; i++) {
      double u = 1 - random.nextDouble(); // in (0, 1]
      levels[i] = (byte) Math.min(MAX_LEVEL, (int) (-Math.log(u) * ml));
    }
    return levels;
  }

  private static void encodeAll(
      VectorSource raw, ScalarCodes codes, MemorySegment records, long codeOffset, long stride) {
    float[] x = new float[raw.dimension()];
    for (int i = 0; i < raw.size(); i++) {
      raw.readRow(i, x);
      codes.encode(x, records, i * stride + codeOffset);
    }
  }

  /** Inserts nodes 1..n-1 (node 0 is in already), each worker with its own inserter. */
  private static void insertConcurrently(
      int n, int concurrency, Executor executor, Supplier<Inserter> inserters) {
    Parallel.forRange(
        n - 1,
        1,
        concurrency,
        executor,
        () -> {
          Inserter ins = inserters.get();
          return (from, to) -> {
            for (int i = from; i < to; i++) {
              ins.insert(i + 1);
            }
          };
        });
  }
}
