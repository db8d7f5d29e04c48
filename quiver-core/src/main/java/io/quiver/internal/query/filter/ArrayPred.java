package io.quiver.internal.query.filter;

import java.util.Arrays;
import java.util.Map;

/**
 * Conditions on an {@code ARRAY_} field: its length, or whether it holds any or all of a set of
 * values. All are false on a null array, and so is their negation; an empty array contains nothing.
 *
 * <p>{@code CONTAIN_ALL} marks each wanted value in a bit mask as the array is scanned, so a row
 * costs one pass over its array and no allocation (up to 64 distinct wanted values; beyond, a
 * scratch array per row).
 */
public sealed interface ArrayPred extends Pred.Leaf {

  /** {@code array_length(field)} in {@code [lo, hi]} (or outside it when {@code negated}). */
  record Length(int field, long lo, long hi, boolean negated) implements ArrayPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      long n = row.arrayLength(field);
      return (lo <= n && n <= hi) != negated;
    }

    @Override
    public Length negate() {
      return new Length(field, lo, hi, !negated);
    }

    @Override
    public String toString() {
      return "array_length(#"
          + field
          + ")"
          + (negated ? " NOT" : "")
          + " IN ["
          + lo
          + ", "
          + hi
          + "]";
    }
  }

  /** An ARRAY_INT32 or ARRAY_INT64 holding any or all of the sorted, distinct {@code values}. */
  record LongContains(int field, long[] values, boolean all, boolean negated) implements ArrayPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      int n = row.arrayLength(field);
      boolean hit;
      if (!all) {
        hit = false;
        for (int i = 0; i < n && !hit; i++) {
          hit = Arrays.binarySearch(values, row.getLong(field, i)) >= 0;
        }
      } else {
        WantedMarks marks = new WantedMarks(values.length, n);
        for (int i = 0; i < n && !marks.done(); i++) {
          marks.mark(Arrays.binarySearch(values, row.getLong(field, i)));
        }
        hit = marks.done();
      }
      return hit != negated;
    }

    @Override
    public LongContains negate() {
      return new LongContains(field, values, all, !negated);
    }

    @Override
    public String toString() {
      return describe(field, all, negated, Arrays.toString(values));
    }
  }

  /**
   * An ARRAY_FLOAT or ARRAY_DOUBLE holding any or all of the sorted, distinct {@code values} (none
   * -0.0 or NaN).
   */
  record DoubleContains(int field, double[] values, boolean all, boolean negated)
      implements ArrayPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      int n = row.arrayLength(field);
      boolean hit;
      if (!all) {
        hit = false;
        for (int i = 0; i < n && !hit; i++) {
          hit = Arrays.binarySearch(values, row.getDouble(field, i) + 0.0) >= 0;
        }
      } else {
        WantedMarks marks = new WantedMarks(values.length, n);
        for (int i = 0; i < n && !marks.done(); i++) {
          marks.mark(Arrays.binarySearch(values, row.getDouble(field, i) + 0.0));
        }
        hit = marks.done();
      }
      return hit != negated;
    }

    @Override
    public DoubleContains negate() {
      return new DoubleContains(field, values, all, !negated);
    }

    @Override
    public String toString() {
      return describe(field, all, negated, Arrays.toString(values));
    }
  }

  /** An ARRAY_STRING holding any or all of the values, each mapped to its index 0..n-1. */
  record StringContains(int field, Map<String, Integer> values, boolean all, boolean negated)
      implements ArrayPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      int n = row.arrayLength(field);
      boolean hit;
      if (!all) {
        hit = false;
        for (int i = 0; i < n && !hit; i++) {
          hit = values.containsKey(row.getString(field, i));
        }
      } else {
        WantedMarks marks = new WantedMarks(values.size(), n);
        for (int i = 0; i < n && !marks.done(); i++) {
          marks.mark(values.getOrDefault(row.getString(field, i), -1));
        }
        hit = marks.done();
      }
      return hit != negated;
    }

    @Override
    public StringContains negate() {
      return new StringContains(field, values, all, !negated);
    }

    @Override
    public String toString() {
      return describe(field, all, negated, values.keySet().toString());
    }
  }

  /** An ARRAY_BOOL holding {@code true} (if wanted) and/or {@code false} (if wanted). */
  record BoolContains(int field, boolean wantTrue, boolean wantFalse, boolean all, boolean negated)
      implements ArrayPred {
    @Override
    public boolean test(RowValues row) {
      if (row.isNull(field)) {
        return false;
      }
      int n = row.arrayLength(field);
      boolean seenTrue = false;
      boolean seenFalse = false;
      for (int i = 0; i < n && !(seenTrue && seenFalse); i++) {
        if (row.getBool(field, i)) {
          seenTrue = true;
        } else {
          seenFalse = true;
        }
      }
      boolean hit =
          all
              ? (!wantTrue || seenTrue) && (!wantFalse || seenFalse)
              : (wantTrue && seenTrue) || (wantFalse && seenFalse);
      return hit != negated;
    }

    @Override
    public BoolContains negate() {
      return new BoolContains(field, wantTrue, wantFalse, all, !negated);
    }

    @Override
    public String toString() {
      return describe(
          field, all, negated, "[" + (wantTrue ? "true" : "") + (wantFalse ? " false" : "") + "]");
    }
  }

  private static String describe(int field, boolean all, boolean negated, String values) {
    return (negated ? "NOT " : "")
        + "#"
        + field
        + (all ? " CONTAIN_ALL " : " CONTAIN_ANY ")
        + values;
  }
}
