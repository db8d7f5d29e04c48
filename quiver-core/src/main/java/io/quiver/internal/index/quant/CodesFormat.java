package io.quiver.internal.index.quant;

import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The on-disk form of codes shared by the index files (HNSW, IVF): a quantization number, flags and
 * a parameter section. Every integer little-endian.
 *
 * <pre>
 * quantization  0 NONE, 1 FP16, 2 INT8, 3 INT4, 4 PQ, 5 RABITQ
 * flags         bit 0: lossless codes ({@link ScalarCodes#lossless()});
 *               bit 1: rotated (always set for RABITQ); other bits 0
 * parameters    NONE, FP16: nothing
 *               INT8, INT4: float32[d] offsets, float32[d] scales (see {@link ScalarCodes})
 *               PQ:         int32 m, float32[256 d] codebooks (see {@link PqCodes#writeParams})
 *               RABITQ:     float32[d] centre in the rotated space (see {@link RabitCodes})
 *               then, when rotated: int64[2 {@value Rotation#ROUNDS} ceil(d / 64)] the sign words
 *               of the {@link Rotation}
 * </pre>
 */
public final class CodesFormat {
  /** Flag: the codes are lossless. */
  public static final int FLAG_LOSSLESS = 1;

  /** Flag: vectors are rotated before quantizing; the rotation ends the parameters. */
  public static final int FLAG_ROTATED = 2;

  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private CodesFormat() {}

  /** The file number of {@code q}. */
  public static int code(Quantization q) {
    return switch (q) {
      case NONE -> 0;
      case FP16 -> 1;
      case INT8 -> 2;
      case INT4 -> 3;
      case PQ -> 4;
      case RABITQ -> 5;
    };
  }

  /** The flags of {@code codes}. */
  public static int flags(TraversalCodes codes) {
    return switch (codes) {
      case ScalarCodes sq ->
          (sq.lossless() ? FLAG_LOSSLESS : 0) | (sq.rotation() != null ? FLAG_ROTATED : 0);
      case PqCodes pq -> pq.rotation() != null ? FLAG_ROTATED : 0;
      case RabitCodes rq -> FLAG_ROTATED;
      default -> 0;
    };
  }

  /** Bytes {@link #writeParams} writes for {@code codes}. */
  public static long paramBytes(TraversalCodes codes) {
    return switch (codes) {
      case ScalarCodes sq ->
          8L * sq.dimension() + (sq.rotation() == null ? 0 : rotationBytes(sq.dimension()));
      case PqCodes pq -> pq.paramBytes();
      case RabitCodes rq -> rq.paramBytes();
      default -> 0;
    };
  }

  private static long rotationBytes(int dimension) {
    return 8L * Rotation.signWords(dimension);
  }

  /** Writes the parameters of {@code codes}. */
  public static void writeParams(TraversalCodes codes, ChecksumWriter out) throws IOException {
    switch (codes) {
      case ScalarCodes sq -> {
        for (float f : sq.offsets()) {
          out.writeFloat(f);
        }
        for (float f : sq.scales()) {
          out.writeFloat(f);
        }
        if (sq.rotation() != null) {
          for (long w : sq.rotation().signs()) {
            out.writeLong(w);
          }
        }
      }
      case PqCodes pq -> pq.writeParams(out);
      case RabitCodes rq -> rq.writeParams(out);
      default -> {}
    }
  }

  /**
   * Reads codes written with {@link #writeParams} from {@code data[offset, end)}.
   *
   * @throws IllegalArgumentException if the numbers or parameters are not valid codes; callers
   *     report it as corruption of their file
   */
  public static TraversalCodes read(
      int quantization,
      int flags,
      Metric metric,
      int dimension,
      MemorySegment data,
      long offset,
      long end) {
    if ((flags & ~(FLAG_LOSSLESS | FLAG_ROTATED)) != 0) {
      throw new IllegalArgumentException(String.format("flags 0x%x", flags));
    }
    boolean rotated = (flags & FLAG_ROTATED) != 0;
    boolean lossless = (flags & FLAG_LOSSLESS) != 0;
    if (lossless && quantization != 2) {
      throw new IllegalArgumentException("lossless flag on quantization " + quantization);
    }
    if (rotated && quantization < 2) {
      throw new IllegalArgumentException("rotation flag on quantization " + quantization);
    }
    long at = offset;
    TraversalCodes codes =
        switch (quantization) {
          case 0 -> new RawCodes(metric, dimension);
          case 1 -> new HalfCodes(metric, dimension);
          case 2, 3 -> {
            need(at, 8L * dimension, end);
            float[] offsets = floats(data, at, dimension);
            float[] scales = floats(data, at + 4L * dimension, dimension);
            at += 8L * dimension;
            int bits = quantization == 2 ? 8 : 4;
            if (rotated) {
              Rotation r = rotation(data, at, end, dimension);
              yield ScalarCodes.of(metric, bits, offsets, scales, r);
            }
            yield ScalarCodes.of(metric, bits, offsets, scales, lossless);
          }
          case 4 -> {
            need(at, 4, end);
            int m = data.get(I32, at);
            if (m < 1 || m > dimension) {
              throw new IllegalArgumentException("PQ subspaces " + m);
            }
            need(at + 4, 4L * PqCodes.CENTROIDS * dimension, end);
            float[] codebook = floats(data, at + 4, PqCodes.CENTROIDS * dimension);
            at += 4 + 4L * codebook.length;
            yield PqCodes.of(
                metric,
                dimension,
                m,
                codebook,
                rotated ? rotation(data, at, end, dimension) : null);
          }
          case 5 -> {
            if (!rotated) {
              throw new IllegalArgumentException("RaBitQ codes without a rotation");
            }
            need(at, 4L * dimension, end);
            float[] centre = floats(data, at, dimension);
            yield RabitCodes.of(
                metric, dimension, rotation(data, at + 4L * dimension, end, dimension), centre);
          }
          default -> throw new IllegalArgumentException("quantization " + quantization);
        };
    if (offset + paramBytes(codes) > end) {
      throw new IllegalArgumentException("parameters run past their section");
    }
    return codes;
  }

  private static Rotation rotation(MemorySegment data, long at, long end, int dimension) {
    int n = Rotation.signWords(dimension);
    need(at, 8L * n, end);
    long[] signs = new long[n];
    for (int i = 0; i < n; i++) {
      signs[i] = data.get(I64, at + 8L * i);
    }
    return Rotation.of(dimension, signs);
  }

  private static float[] floats(MemorySegment data, long at, int n) {
    float[] f = new float[n];
    MemorySegment.copy(data, F32, at, f, 0, n);
    return f;
  }

  private static void need(long at, long bytes, long end) {
    if (at + bytes > end) {
      throw new IllegalArgumentException("parameters run past their section");
    }
  }
}
