package io.quiver.internal.segment;

import io.quiver.schema.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the {@link FieldStats} of one column while it is written: counts, min/max, an evenly
 * spaced sample of at most {@link #SAMPLE} values (sorted at the end) and a k-minimum-values sketch
 * of {@link #SKETCH} hashes for the number of distinct values. One pass, bounded memory.
 */
final class StatsBuilder {
  /** Most values kept in the sample. */
  static final int SAMPLE = 1024;

  /** Hashes kept by the distinct-value sketch: exact below, about 6% error above. */
  static final int SKETCH = 256;

  /** Longest sampled string, in chars; a longer one is cut (its sort order barely changes). */
  static final int SAMPLE_CHARS = 32;

  private final DataType element;
  private final int rows;
  private final long step;
  private int nulls;
  private long values;
  private long nans;
  private long trues;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private final double[] numbers;
  private final List<String> strings;
  private int sampled;
  private final long[] sketch = new long[SKETCH];
  private int sketchSize;

  /**
   * @param type the column's type (for arrays, statistics are over the elements)
   * @param rows rows of the column
   * @param expectedValues how many values will be added, to space the sample evenly
   */
  StatsBuilder(DataType type, int rows, long expectedValues) {
    this.element = type.elementType();
    this.rows = rows;
    this.step = Math.max(1, (expectedValues + SAMPLE - 1) / SAMPLE);
    boolean numeric = element != DataType.STRING && element != DataType.BOOL;
    this.numbers = numeric ? new double[SAMPLE] : null;
    this.strings = element == DataType.STRING ? new ArrayList<>() : null;
  }

  void addNull() {
    nulls++;
  }

  /** Adds a non-null value (an element, for arrays) in its normalized Java type. */
  void add(Object v) {
    boolean take = values % step == 0 && sampled < SAMPLE;
    values++;
    long hash;
    switch (v) {
      case String s -> {
        hash = hash(s);
        if (take) {
          strings.add(s.length() <= SAMPLE_CHARS ? s : cut(s));
          sampled++;
        }
      }
      case Boolean b -> {
        trues += b ? 1 : 0;
        hash = b ? 1 : 2;
      }
      case Number n -> {
        double d = n.doubleValue() + 0.0;
        if (Double.isNaN(d)) {
          nans++;
          hash = mix(0x7ff8000000000000L);
        } else {
          min = Double.isNaN(min) ? d : Math.min(min, d);
          max = Double.isNaN(max) ? d : Math.max(max, d);
          hash =
              v instanceof Long || v instanceof Integer
                  ? mix(n.longValue())
                  : mix(Double.doubleToLongBits(d));
          if (take) {
            numbers[sampled++] = d;
          }
        }
      }
      default -> throw new IllegalArgumentException("not a scalar value: " + v);
    }
    sketch(hash >>> 1);
  }

  private static String cut(String s) {
    int end = SAMPLE_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Keeps the SKETCH smallest distinct hashes, sorted. */
  private void sketch(long h) {
    if (sketchSize == SKETCH && h >= sketch[SKETCH - 1]) {
      return;
    }
    int at = Arrays.binarySearch(sketch, 0, sketchSize, h);
    if (at >= 0) {
      return;
    }
    at = -at - 1;
    int moved = Math.min(sketchSize, SKETCH - 1) - at;
    if (moved > 0) {
      System.arraycopy(sketch, at, sketch, at + 1, moved);
    }
    sketch[at] = h;
    sketchSize = Math.min(SKETCH, sketchSize + 1);
  }

  FieldStats build() {
    long distinct;
    if (sketchSize < SKETCH) {
      distinct = sketchSize;
    } else {
      // k-minimum values: the k-th smallest of uniform hashes in [0, 2^63) sits near k/d of it.
      double kth = (double) sketch[SKETCH - 1] / 0x1p63;
      distinct = Math.min(values, Math.round((SKETCH - 1) / Math.max(kth, 1e-18)));
    }
    double[] nums = null;
    String[] strs = null;
    if (numbers != null) {
      nums = Arrays.copyOf(numbers, sampled);
      Arrays.sort(nums);
    } else if (strings != null) {
      strs = strings.toArray(String[]::new);
      Arrays.sort(strs, StatsBuilder::compareUtf8);
    }
    return new FieldStats(rows, nulls, values, nans, trues, distinct, min, max, nums, strs);
  }

  /** The filter language's string order: unsigned UTF-8 bytes, which is code point order. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** 64-bit FNV-1a over the chars, then mixed: String.hashCode has only 32 bits. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** The finalizer of SplitMix64: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
