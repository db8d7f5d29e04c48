package io.quiver.internal.index.quant;

import io.quiver.internal.index.Distances;
import io.quiver.internal.simd.Simd;
import io.quiver.internal.simd.VectorOps;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Quantization#FP16}: each code is the vector in IEEE 754 binary16, little-endian, two bytes
 * per dimension (normalized first for COSINE). No parameters.
 *
 * @param metric the metric
 * @param dimension the dimension
 */
public record HalfCodes(Metric metric, int dimension) implements TraversalCodes {
  private static final ValueLayout.OfShort F16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public Quantization quantization() {
    return Quantization.FP16;
  }

  @Override
  public int codeBytes() {
    return 2 * dimension;
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  public void encode(float[] vector, MemorySegment dst, long offset) {
    if (metric == Metric.COSINE) {
      Distances.normalize(vector);
    }
    for (int i = 0; i < dimension; i++) {
      dst.set(F16, offset + 2L * i, Float.floatToFloat16(vector[i]));
    }
  }

  @Override
  public CodeScorer scorer(MemorySegment data, long base, long stride) {
    return new Scorer(metric, data, base, stride, dimension);
  }

  private static final class Scorer extends CodeScorer {
    private final VectorOps ops = Simd.ops();
    private final Metric metric;
    private final MemorySegment data;
    private final long base;
    private final long stride;
    private final float[] q;

    Scorer(Metric metric, MemorySegment data, long base, long stride, int dimension) {
      this.metric = metric;
      this.data = data;
      this.base = base;
      this.stride = stride;
      this.q = new float[dimension];
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
      long o = base + node * stride;
      return switch (metric) {
        case L2 -> ops.squareL2F16(q, data, o);
        case IP -> -ops.dotF16(q, data, o);
        case COSINE -> 1f - ops.dotF16(q, data, o);
      };
    }

    @Override
    public void distances(int[] nodes, int count, float[] out) {
      // Kernels called directly (not through distance()) and one switch per batch: every call
      // level spent here is one less for the vector API below within the JIT's inlining depth.
      switch (metric) {
        case L2 -> {
          for (int i = 0; i < count; i++) {
            out[i] = ops.squareL2F16(q, data, base + nodes[i] * stride);
          }
        }
        case IP -> {
          for (int i = 0; i < count; i++) {
            out[i] = -ops.dotF16(q, data, base + nodes[i] * stride);
          }
        }
        case COSINE -> {
          for (int i = 0; i < count; i++) {
            out[i] = 1f - ops.dotF16(q, data, base + nodes[i] * stride);
          }
        }
      }
    }
  }
}
