package io.quiver.bench.filter;

import io.quiver.bench.data.AttributeTable;

/** Compares a row's attribute with a filter literal, checking that their types fit. */
final class Literals {
  private Literals() {}

  /**
   * Compares the value of column {@code c} in {@code row} with {@code literal}: negative, zero or
   * positive like {@link Comparable#compareTo}. Numbers compare as doubles, which is exact for the
   * int32 and float columns the generator writes.
   */
  static int compare(AttributeTable.Column c, int row, Object literal) {
    return switch (c.values()) {
      case int[] a -> Double.compare(a[row], number(c, literal));
      case long[] a -> compareLong(a[row], c, literal);
      case float[] a -> Double.compare(a[row], number(c, literal));
      case double[] a -> Double.compare(a[row], number(c, literal));
      case String[] a -> {
        if (!(literal instanceof String s)) {
          throw mismatch(c, literal);
        }
        yield a[row].compareTo(s);
      }
      case boolean[] a -> {
        if (!(literal instanceof Boolean b)) {
          throw mismatch(c, literal);
        }
        yield Boolean.compare(a[row], b);
      }
      default -> throw new IllegalStateException("column " + c.name() + " holds " + c.values());
    };
  }

  private static int compareLong(long v, AttributeTable.Column c, Object literal) {
    double d = number(c, literal);
    // Longs beyond 2^53 lose precision as doubles; compare as longs when the literal is integral.
    if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return Long.compare(v, (long) d);
    }
    return Double.compare(v, d);
  }

  private static double number(AttributeTable.Column c, Object literal) {
    if (literal instanceof Double d) {
      return d;
    }
    throw mismatch(c, literal);
  }

  private static IllegalArgumentException mismatch(AttributeTable.Column c, Object literal) {
    String shown = literal instanceof String s ? "'" + s + "'" : String.valueOf(literal);
    return new IllegalArgumentException(
        "filter compares column '"
            + c.name()
            + "' of type "
            + c.type().tsvName()
            + " with "
            + shown);
  }
}
