package io.quiver.internal.query.filter;

import io.quiver.query.filter.CompareOp;
import java.util.Arrays;
import java.util.Set;

/**
 * Conditions on a single-valued field (or the null-ness of any field). Each is false on a null
 * field except {@link NullCheck}, and each {@code negate()} keeps that property, which is what
 * makes two-valued evaluation exact (see {@link Pred}).
 */
public sealed interface ScalarPred extends Pred.Leaf {

  /** {@code IS NULL} ({@code isNull}) or {@code IS NOT NULL}: never unknown. */
  record NullCheck(int field, boolean isNull) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return row.isNull(field) == isNull;
    }

    @Override
    public NullCheck negate() {
      return new NullCheck(field, !isNull);
    }

    @Override
    public String toString() {
      return "#" + field + (isNull ? " IS NULL" : " IS NOT NULL");
    }
  }

  /**
   * A condition whose outcome on a non-null value is known without reading it (for example {@code
   * tags CONTAIN_ALL (1.5)} on ARRAY_INT32 is always false); a null field still gives false.
   */
  record Known(int field, boolean result) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return result && !row.isNull(field);
    }

    @Override
    public Known negate() {
      return new Known(field, !result);
    }

    @Override
    public String toString() {
      return "#" + field + (result ? " is any value" : " is no value");
    }
  }

  /**
   * An INT32 or INT64 field in {@code [lo, hi]} (or outside it when {@code negated}); {@code lo >
   * hi} is the empty range. Every comparison and equality of an integer field compiles to one.
   */
  record LongRange(int field, long lo, long hi, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      long v = row.getLong(field);
      return (lo <= v && v <= hi) != negated;
    }

    /**
     * The complement; a one-sided range gives the plain range on the other side ({@code NOT year <
     * 2000} is {@code [2000, MAX]}), so that the planner sees a range it can scan.
     */
    @Override
    public LongRange negate() {
      if (!negated) {
        if (lo > hi) {
          return new LongRange(field, Long.MIN_VALUE, Long.MAX_VALUE, false);
        }
        if (lo == Long.MIN_VALUE && hi == Long.MAX_VALUE) {
          return new LongRange(field, 1, 0, false);
        }
        if (lo == Long.MIN_VALUE) {
          return new LongRange(field, hi + 1, Long.MAX_VALUE, false);
        }
        if (hi == Long.MAX_VALUE) {
          return new LongRange(field, Long.MIN_VALUE, lo - 1, false);
        }
      }
      return new LongRange(field, lo, hi, !negated);
    }

    @Override
    public String toString() {
      String f = "#" + field;
      String plain =
          lo > hi
              ? f + " IN []"
              : lo == hi
                  ? f + " = " + lo
                  : lo == Long.MIN_VALUE
                      ? f + " <= " + hi
                      : hi == Long.MAX_VALUE ? f + " >= " + lo : f + " IN [" + lo + ", " + hi + "]";
      return negated ? "NOT " + plain : plain;
    }
  }

  /**
   * A FLOAT or DOUBLE field in {@code [lo, hi]} (or outside it when {@code negated}), compared as
   * primitives, so {@code -0.0} equals {@code 0.0} and NaN is in no range.
   */
  record DoubleRange(int field, double lo, double hi, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      double v = row.getDouble(field);
      return (lo <= v && v <= hi) != negated;
    }

    /**
     * The complement. Unlike {@link LongRange#negate()} it stays a negated range even when
     * one-sided: NaN is outside every range, so {@code NOT x < 1} holds for NaN and is not {@code x
     * >= 1}.
     */
    @Override
    public DoubleRange negate() {
      return new DoubleRange(field, lo, hi, !negated);
    }

    @Override
    public String toString() {
      String f = "#" + field;
      String plain =
          !(lo <= hi)
              ? f + " IN []"
              : lo == hi
                  ? f + " = " + lo
                  : lo == Double.NEGATIVE_INFINITY
                      ? f + " <= " + hi
                      : hi == Double.POSITIVE_INFINITY
                          ? f + " >= " + lo
                          : f + " IN [" + lo + ", " + hi + "]";
      return negated ? "NOT " + plain : plain;
    }
  }

  /** A BOOL field that is true (when {@code matchTrue}) or false (when {@code matchFalse}). */
  record BoolIn(int field, boolean matchTrue, boolean matchFalse) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return !row.isNull(field) && (row.getBool(field) ? matchTrue : matchFalse);
    }

    @Override
    public BoolIn negate() {
      return new BoolIn(field, !matchTrue, !matchFalse);
    }

    @Override
    public String toString() {
      return "#" + field + " IN (" + (matchTrue ? "true" : "") + (matchFalse ? " false" : "") + ")";
    }
  }

  /** A STRING field (or the id) compared with a string in {@link StringOrder}. */
  record StringCompare(int field, CompareOp op, String value) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      String s = row.getString(field);
      return switch (op) {
        case EQ -> s.equals(value);
        case NE -> !s.equals(value);
        case LT -> StringOrder.compare(s, value) < 0;
        case LE -> StringOrder.compare(s, value) <= 0;
        case GT -> StringOrder.compare(s, value) > 0;
        case GE -> StringOrder.compare(s, value) >= 0;
      };
    }

    @Override
    public StringCompare negate() {
      return new StringCompare(field, op.negate(), value);
    }

    @Override
    public String toString() {
      return "#" + field + " " + op.symbol() + " '" + value + "'";
    }
  }

  /** A STRING field (or the id) in a set of strings. */
  record StringIn(int field, Set<String> values, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return !row.isNull(field) && values.contains(row.getString(field)) != negated;
    }

    @Override
    public StringIn negate() {
      return new StringIn(field, values, !negated);
    }

    @Override
    public String toString() {
      return "#" + field + (negated ? " NOT" : "") + " IN " + values;
    }
  }

  /** An INT32 or INT64 field in a sorted set of distinct longs. */
  record LongIn(int field, long[] sorted, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return !row.isNull(field)
          && (Arrays.binarySearch(sorted, row.getLong(field)) >= 0) != negated;
    }

    @Override
    public LongIn negate() {
      return new LongIn(field, sorted, !negated);
    }

    @Override
    public String toString() {
      return "#" + field + (negated ? " NOT" : "") + " IN " + Arrays.toString(sorted);
    }
  }

  /** A FLOAT or DOUBLE field in a sorted set of distinct doubles, none of them -0.0 or NaN. */
  record DoubleIn(int field, double[] sorted, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      // + 0.0 turns -0.0 into 0.0; binarySearch would tell them apart. NaN is never found.
      return !row.isNull(field)
          && (Arrays.binarySearch(sorted, row.getDouble(field) + 0.0) >= 0) != negated;
    }

    @Override
    public DoubleIn negate() {
      return new DoubleIn(field, sorted, !negated);
    }

    @Override
    public String toString() {
      return "#" + field + (negated ? " NOT" : "") + " IN " + Arrays.toString(sorted);
    }
  }

  /** A STRING field (or the id) matched against a LIKE pattern. */
  record LikeMatch(int field, LikeMatcher matcher, boolean negated) implements ScalarPred {
    @Override
    public boolean test(RowValues row) {
      return !row.isNull(field) && matcher.matches(row.getString(field)) != negated;
    }

    @Override
    public LikeMatch negate() {
      return new LikeMatch(field, matcher, !negated);
    }

    @Override
    public String toString() {
      return "#" + field + (negated ? " NOT " : " ") + matcher;
    }
  }
}
