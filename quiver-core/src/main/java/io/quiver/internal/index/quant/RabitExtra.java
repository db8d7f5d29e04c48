package io.quiver.internal.index.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The second-stage RaBitQ codes an IVF list keeps beside its 1-bit blocks: the extended RaBitQ of
 * Gao et al. (SIGMOD 2025) with four bits per dimension. The residual direction {@code o} is
 * approximated by a grid point {@code x̄} with coordinates in {@code {-7.5, -6.5, ..., 7.5}}, the
 * scale of the grid chosen per vector to maximize {@code α = cos(x̄, o)}; the signs of {@code x̄}
 * are the 1-bit code's bits, so the two stages describe the same vector, the second with {@code
 * sqrt(1 - α^2) / α} about a seventh of the 1-bit one. The estimator and its bound are those of
 * {@link RabitCodes} with {@code x̄ / |x̄|} for {@code ō}.
 *
 * <p>Layout of one code: the integers {@code u_i = x̄_i + 7.5} as nibbles in the layout of {@link
 * io.quiver.internal.simd.QuantOps#dotU4} (blocks of 32 dimensions, dimensions padded with zeros to
 * a multiple of 32), then float32 rescale ({@code -scale / (|x̄| α)}) and float32 error, where
 * {@code scale} is {@code 2n} for L2 and {@code n} for IP and COSINE. The estimate is then {@code
 * base + add + rescale (sum u_i z_i - 7.5 sum z_i)} with {@code add} the 1-bit code's.
 */
final class RabitExtra {
  /** Half the width of the grid: coordinates run from -7.5 to 7.5. */
  static final float HALF = 7.5f;

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  // Grid scales tried per vector, as multiples of 1 / max|o_i|: from no clipping at all to the
  // point where the largest coordinates are cut at 7.5, geometrically spaced.
  private static final int STEPS = 40;
  private static final double LOW = 1.0;
  private static final double HIGH = 16.0;

  private final int dimension;
  private final int padded;

  RabitExtra(int dimension) {
    this.dimension = dimension;
    this.padded = (dimension + 31) & ~31;
  }

  /** Bytes of one code. */
  int bytes() {
    return padded / 2 + 8;
  }

  /** Offset of the rescale factor within a code. */
  int rescaleOffset() {
    return padded / 2;
  }

  /**
   * Codes the residual {@code r[from .. from + dimension)} of norm {@code n} (not 0) at {@code
   * offset} of {@code dst}.
   *
   * @param scale {@code 2n} for L2, {@code n} otherwise
   * @param errorScale {@code ε0 / sqrt(D - 1)}
   */
  void encode(
      float[] r,
      int from,
      double n,
      double scale,
      double errorScale,
      MemorySegment dst,
      long offset) {
    double max = 0;
    for (int i = 0; i < dimension; i++) {
      max = Math.max(max, Math.abs(r[from + i] / n));
    }
    double bestCos = -1;
    double bestT = LOW / max;
    double ratio = Math.pow(HIGH / LOW, 1.0 / (STEPS - 1));
    double t = LOW / max;
    for (int s = 0; s < STEPS; s++, t *= ratio) {
      double dot = 0;
      double sq = 0;
      for (int i = 0; i < dimension; i++) {
        double o = r[from + i] / n;
        double x = grid(t * o);
        dot += x * o;
        sq += x * x;
      }
      double cos = dot / Math.sqrt(sq);
      if (cos > bestCos) {
        bestCos = cos;
        bestT = t;
      }
    }
    dst.asSlice(offset, padded / 2).fill((byte) 0);
    double sq = 0;
    for (int i = 0; i < dimension; i++) {
      double x = grid(bestT * r[from + i] / n);
      sq += x * x;
      int u = (int) (x + HALF);
      int block = i & ~31;
      int j = i & 31;
      long at = offset + (block >> 1) + (j & 15);
      byte old = dst.get(ValueLayout.JAVA_BYTE, at);
      dst.set(ValueLayout.JAVA_BYTE, at, (byte) (j < 16 ? old | u : old | (u << 4)));
    }
    double alpha = bestCos;
    dst.set(F32, offset + padded / 2, (float) (-scale / (Math.sqrt(sq) * alpha)));
    dst.set(
        F32,
        offset + padded / 2 + 4,
        (float) (scale * Math.sqrt(Math.max(0, 1 - alpha * alpha)) / alpha * errorScale));
  }

  /** A zero code: the vector is its centre, and the 1-bit factors alone give its distance. */
  void encodeCentre(MemorySegment dst, long offset) {
    dst.asSlice(offset, bytes()).fill((byte) 0);
  }

  /** The nearest grid coordinate: a half-integer in [-7.5, 7.5]. */
  private static double grid(double v) {
    return Math.max(-HALF, Math.min(HALF, Math.floor(v) + 0.5));
  }
}
