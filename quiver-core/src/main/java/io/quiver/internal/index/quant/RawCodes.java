package io.quiver.internal.index.quant;

import io.quiver.internal.index.Distances;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.simd.Simd;
import io.quiver.internal.simd.VectorOps;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Quantization#NONE}: the graph stores no code and scores the raw vectors of the segment in
 * place, mapping nodes to rows through the index's row map. Also the full-precision scorer every
 * quantized index re-ranks with.
 *
 * @param metric the metric
 * @param dimension the dimension
 */
public record RawCodes(Metric metric, int dimension) implements TraversalCodes {
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public Quantization quantization() {
    return Quantization.NONE;
  }

  @Override
  public int codeBytes() {
    return 0;
  }

  @Override
  public boolean exact() {
    return true;
  }

  @Override
  public void encode(float[] vector, MemorySegment dst, long offset) {}

  @Override
  public CodeScorer scorer(MemorySegment data, long base, long stride) {
    throw new UnsupportedOperationException("raw vectors are scored through scorer(VectorSource)");
  }

  /**
   * A scorer over the rows of {@code raw}; node {@code i} is row {@code rowMap[i]} (int32 at {@code
   * rowMapOffset + 4 i} of {@code rowMap}), or row {@code i} when {@code rowMap} is null.
   */
  public CodeScorer scorer(VectorSource raw, MemorySegment rowMap, long rowMapOffset) {
    return new Scorer(metric, raw, rowMap, rowMapOffset);
  }

  /** Distance from {@code q} (normalized for COSINE) to the fp16 row at {@code offset}. */
  static float distanceF16(Metric metric, VectorOps ops, float[] q, MemorySegment d, long offset) {
    return switch (metric) {
      case L2 -> ops.squareL2F16(q, d, offset);
      case IP -> -ops.dotF16(q, d, offset);
      case COSINE -> 1f - ops.cosineF16(q, d, offset);
    };
  }

  private static final class Scorer extends CodeScorer {
    private final VectorOps ops = Simd.ops();
    private final QuantOps quant = Simd.quantOps();
    private final Metric metric;
    private final VectorSource raw;
    private final MemorySegment data;
    private final MemorySegment rowMap;
    private final long rowMapOffset;
    private final boolean f32;
    private final float[] q;
    private final float[] four = new float[4];

    Scorer(Metric metric, VectorSource raw, MemorySegment rowMap, long rowMapOffset) {
      this.metric = metric;
      this.raw = raw;
      this.data = raw.data();
      this.rowMap = rowMap;
      this.rowMapOffset = rowMapOffset;
      this.f32 = raw.encoding() == VectorSource.Encoding.F32;
      this.q = new float[raw.dimension()];
    }

    private long offset(int node) {
      int row = rowMap == null ? node : rowMap.get(I32, rowMapOffset + 4L * node);
      return raw.offset(row);
    }

    @Override
    public void setQuery(float[] query) {
      System.arraycopy(query, 0, q, 0, q.length);
      if (metric == Metric.COSINE) {
        Distances.normalize(q);
      }
    }

    @Override
    public float distance(int node) {
      long o = offset(node);
      if (!f32) {
        return distanceF16(metric, ops, q, data, o);
      }
      return switch (metric) {
        case L2 -> ops.squareL2F32(q, data, o);
        case IP -> -ops.dotF32(q, data, o);
        case COSINE -> 1f - ops.cosineF32(q, data, o);
      };
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      int i = 0;
      if (f32 && metric != Metric.COSINE) {
        boolean l2 = metric == Metric.L2;
        for (; i + 4 <= count; i += 4) {
          long o0 = offset(nodes[i]);
          long o1 = offset(nodes[i + 1]);
          long o2 = offset(nodes[i + 2]);
          long o3 = offset(nodes[i + 3]);
          if (l2) {
            quant.squareL2F32x4(q, data, o0, o1, o2, o3, four);
            out[i] = four[0];
            out[i + 1] = four[1];
            out[i + 2] = four[2];
            out[i + 3] = four[3];
          } else {
            quant.dotF32x4(q, data, o0, o1, o2, o3, four);
            out[i] = -four[0];
            out[i + 1] = -four[1];
            out[i + 2] = -four[2];
            out[i + 3] = -four[3];
          }
        }
      }
      for (; i < count; i++) {
        out[i] = distance(nodes[i]);
      }
    }
  }
}
