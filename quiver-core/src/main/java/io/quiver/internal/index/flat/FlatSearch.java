package io.quiver.internal.index.flat;

import io.quiver.internal.memtable.VectorColumn;
import io.quiver.internal.query.QueryVector;
import io.quiver.internal.query.TopK;
import io.quiver.internal.segment.DenseVectors;
import io.quiver.internal.simd.Simd;
import io.quiver.internal.simd.VectorOps;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import java.lang.foreign.MemorySegment;
import java.util.function.IntPredicate;

/**
 * Exact search: scores every accepted row with one kernel call and keeps the best in a {@link
 * TopK}. Distances are "lower is better": squared L2, negated inner product, negated cosine. Also
 * the oracle the approximate indexes are tested against.
 */
public final class FlatSearch {
  private FlatSearch() {}

  /** The distance of row {@code row} of a segment's vectors to the query. */
  public static float distance(QueryVector q, DenseVectors v, int row) {
    VectorOps ops = Simd.ops();
    MemorySegment data = v.data();
    long off = v.offset(row);
    Metric metric = q.metric();
    DataType type = v.type();
    float raw =
        switch (type) {
          case VECTOR_FP32 ->
              metric == Metric.L2
                  ? ops.squareL2F32(q.floats(), data, off)
                  : ops.dotF32(q.floats(), data, off);
          case VECTOR_FP16 ->
              metric == Metric.L2
                  ? ops.squareL2F16(q.floats(), data, off)
                  : ops.dotF16(q.floats(), data, off);
          default ->
              metric == Metric.L2
                  ? ops.squareL2I8(q.bytes(), data, off)
                  : ops.dotI8(q.bytes(), data, off);
        };
    return switch (metric) {
      case L2 -> raw;
      case IP -> -raw;
      case COSINE -> -raw / (q.norm() * v.norm(row));
    };
  }

  /** Rows {@link #distances} scores per kernel call. */
  public static final int BATCH = 16;

  /**
   * {@link #distance(QueryVector, DenseVectors, int)} of rows {@code rows[0..count)} (at most
   * {@link #BATCH}, all present) into {@code out[0..count)}, through the batch kernels: the rows'
   * cache misses overlap. Equal to the single-row distances up to float rounding.
   *
   * @param offsets scratch of at least {@code count} entries
   * @param ints scratch of at least {@code count} entries (int8 vectors)
   */
  public static void distances(
      QueryVector q,
      DenseVectors v,
      int[] rows,
      int count,
      long[] offsets,
      int[] ints,
      float[] out) {
    VectorOps ops = Simd.ops();
    MemorySegment data = v.data();
    for (int i = 0; i < count; i++) {
      offsets[i] = v.offset(rows[i]);
    }
    Metric metric = q.metric();
    boolean l2 = metric == Metric.L2;
    switch (v.type()) {
      case VECTOR_FP32 -> {
        if (l2) {
          ops.squareL2F32Batch(q.floats(), data, offsets, count, out);
        } else {
          ops.dotF32Batch(q.floats(), data, offsets, count, out);
        }
      }
      case VECTOR_FP16 -> {
        if (l2) {
          ops.squareL2F16Batch(q.floats(), data, offsets, count, out);
        } else {
          ops.dotF16Batch(q.floats(), data, offsets, count, out);
        }
      }
      default -> {
        if (l2) {
          ops.squareL2I8Batch(q.bytes(), data, offsets, count, ints);
        } else {
          ops.dotI8Batch(q.bytes(), data, offsets, count, ints);
        }
        for (int i = 0; i < count; i++) {
          out[i] = ints[i];
        }
      }
    }
    switch (metric) {
      case L2 -> {}
      case IP -> {
        for (int i = 0; i < count; i++) {
          out[i] = -out[i];
        }
      }
      case COSINE -> {
        for (int i = 0; i < count; i++) {
          out[i] = -out[i] / (q.norm() * v.norm(rows[i]));
        }
      }
    }
  }

  /** Scores the accepted rows of a segment's vectors; references are {@code refBase + row}. */
  public static void search(
      QueryVector q, DenseVectors v, IntPredicate accept, long refBase, TopK out) {
    int rows = v.rows();
    boolean all = v.allPresent();
    for (int row = 0; row < rows; row++) {
      if ((all || v.present(row)) && accept.test(row)) {
        out.offer(distance(q, v, row), refBase + row);
      }
    }
  }

  /** The distance of row {@code row} of a memtable column to the query. */
  public static float distance(QueryVector q, VectorColumn c, int row) {
    VectorOps ops = Simd.ops();
    MemorySegment chunk = c.chunk(row);
    long off = c.offset(row);
    if (c.isInt8()) {
      return switch (q.metric()) {
        case L2 -> ops.squareL2I8(q.bytes(), chunk, off);
        case IP -> -ops.dotI8(q.bytes(), chunk, off);
        case COSINE -> -ops.cosineI8(q.bytes(), chunk, off);
      };
    }
    return switch (q.metric()) {
      case L2 -> ops.squareL2F32(q.floats(), chunk, off);
      case IP -> -ops.dotF32(q.floats(), chunk, off);
      case COSINE -> -ops.cosineF32(q.floats(), chunk, off);
    };
  }

  /** Scores the first {@code rows} accepted rows of a memtable column. */
  public static void search(
      QueryVector q, VectorColumn c, int rows, IntPredicate accept, long refBase, TopK out) {
    for (int row = 0; row < rows; row++) {
      if (c.present(row) && accept.test(row)) {
        out.offer(distance(q, c, row), refBase + row);
      }
    }
  }
}
