package io.quiver.internal.index.quant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random orthogonal transform of R^d computed in O(d log d): {@value #ROUNDS} rounds, each of
 * which flips the signs of a random subset of coordinates and applies a normalized Walsh-Hadamard
 * transform to the first {@code p} coordinates, then flips signs again and transforms the last
 * {@code p}, where {@code p} is the largest power of two not above d. Each step is orthogonal, so
 * the product is; the two overlapping blocks mix every coordinate with every other when d is not a
 * power of two, and for a power of two this is the usual randomized Hadamard transform.
 *
 * <p>Why: quantizers that treat coordinates alike (1-bit RaBitQ codes, per-dimension integer
 * scales) lose the least when energy is spread evenly over the coordinates, which a random rotation
 * does with high probability. A dense random matrix would do the same at d^2 cost per vector (600k
 * multiply-adds for d = 784, per query); this costs {@code 2 ROUNDS p log2 p} additions.
 *
 * <p>The transform is defined by its sign bits alone ({@link #signs()}: {@code 2 ROUNDS} words of d
 * bits, stored by the index), so a file reads back to the same transform on any JVM. Immutable and
 * thread-safe.
 */
public final class Rotation {
  /** Rounds of (flip, transform head, flip, transform tail). */
  public static final int ROUNDS = 3;

  private final int dimension;
  private final int block;
  private final int words;
  private final long[] signs;
  private final float scale;

  private Rotation(int dimension, long[] signs) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("rotation dimension " + dimension);
    }
    this.dimension = dimension;
    this.block = Integer.highestOneBit(dimension);
    this.words = (dimension + 63) >>> 6;
    if (signs.length != signWords(dimension)) {
      throw new IllegalArgumentException(
          signs.length
              + " sign words for dimension "
              + dimension
              + ", expected "
              + signWords(dimension));
    }
    this.signs = signs.clone();
    this.scale = (float) (1 / Math.sqrt(block));
  }

  /** Number of longs of sign bits a rotation of {@code dimension} stores. */
  public static int signWords(int dimension) {
    return 2 * ROUNDS * ((dimension + 63) >>> 6);
  }

  /** A rotation drawn from {@code seed}. */
  public static Rotation random(int dimension, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] s = new long[signWords(dimension)];
    for (int i = 0; i < s.length; i++) {
      s[i] = rnd.nextLong();
    }
    return new Rotation(dimension, s);
  }

  /** The rotation with the given sign bits (as {@link #signs()} returned them). */
  public static Rotation of(int dimension, long[] signs) {
    return new Rotation(dimension, signs);
  }

  /** The dimension. */
  public int dimension() {
    return dimension;
  }

  /** The sign bits: {@code 2 ROUNDS} consecutive runs of {@code ceil(d / 64)} longs (a copy). */
  public long[] signs() {
    return signs.clone();
  }

  /** Rotates {@code x[0..dimension)} in place. */
  public void apply(float[] x) {
    int tail = dimension - block;
    for (int r = 0; r < ROUNDS; r++) {
      flip(x, 2 * r);
      hadamard(x, 0);
      flip(x, 2 * r + 1);
      hadamard(x, tail);
    }
  }

  /** A rotated copy of {@code x}. */
  public float[] rotated(float[] x) {
    float[] y = Arrays.copyOf(x, dimension);
    apply(y);
    return y;
  }

  private void flip(float[] x, int run) {
    int base = run * words;
    for (int i = 0; i < dimension; i++) {
      if ((signs[base + (i >>> 6)] & (1L << i)) != 0) {
        x[i] = -x[i];
      }
    }
  }

  /** The Walsh-Hadamard transform of {@code x[from .. from + block)}, scaled to be orthonormal. */
  private void hadamard(float[] x, int from) {
    int n = block;
    for (int h = 1; h < n; h <<= 1) {
      for (int i = from; i < from + n; i += h << 1) {
        // Contiguous butterflies: the JIT turns this inner loop into vector adds for h >= 8.
        for (int j = i; j < i + h; j++) {
          float a = x[j];
          float b = x[j + h];
          x[j] = a + b;
          x[j + h] = a - b;
        }
      }
    }
    for (int i = from; i < from + n; i++) {
      x[i] *= scale;
    }
  }
}
