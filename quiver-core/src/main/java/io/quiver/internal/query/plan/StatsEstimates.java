package io.quiver.internal.query.plan;

import io.quiver.internal.query.filter.ArrayPred;
import io.quiver.internal.query.filter.Pred;
import io.quiver.internal.query.filter.ScalarPred;
import io.quiver.internal.query.filter.StringOrder;
import io.quiver.internal.segment.FieldStats;
import java.util.Arrays;
import java.util.Collection;

/**
 * The share of a segment's rows matching one condition, estimated from the column's {@link
 * FieldStats}: null counts are exact, ranges interpolate in the sorted sample, equality uses the
 * value's frequency in the sample (or one over the number of distinct values when it is rare), and
 * array conditions scale the elements' frequencies by the average array length. NaN when the
 * statistics say nothing useful (the planner then guesses).
 */
final class StatsEstimates {
  private StatsEstimates() {}

  /** The estimated share of rows matching {@code leaf}, in [0, 1], or NaN. */
  static double share(Pred.Leaf leaf, FieldStats s) {
    if (s == null || s.rows() == 0) {
      return Double.NaN;
    }
    double nonNull = (double) (s.rows() - s.nulls()) / s.rows();
    double share =
        switch (leaf) {
          case ScalarPred.NullCheck n -> n.isNull() ? 1 - nonNull : nonNull;
          case ScalarPred.Known k -> k.result() ? nonNull : 0;
          case ScalarPred.LongRange r ->
              negate(r.lo() > r.hi() ? 0 : between(s, r.lo(), r.hi()), r.negated(), nonNull);
          case ScalarPred.DoubleRange r ->
              negate(
                  !(r.lo() <= r.hi()) ? 0 : between(s, r.lo(), r.hi()) * notNan(s),
                  r.negated(),
                  nonNull);
          case ScalarPred.BoolIn b ->
              s.values() == 0
                  ? 0
                  : nonNull
                      * ((b.matchTrue() ? s.trues() : 0)
                          + (b.matchFalse() ? s.values() - s.trues() : 0))
                      / s.values();
          case ScalarPred.LongIn in -> negate(sumEqual(s, in.sorted()), in.negated(), nonNull);
          case ScalarPred.DoubleIn in -> negate(sumEqual(s, in.sorted()), in.negated(), nonNull);
          case ScalarPred.StringCompare c ->
              switch (c.op()) {
                case EQ -> nonNull * equalString(s, c.value());
                case NE -> nonNull * (1 - equalString(s, c.value()));
                case LT, LE -> nonNull * below(s, c.value(), c.op().symbol().length() == 2);
                case GT, GE -> nonNull * (1 - below(s, c.value(), c.op().symbol().length() == 1));
              };
          case ScalarPred.StringIn in -> negate(sumStrings(s, in.values()), in.negated(), nonNull);
          case ScalarPred.LikeMatch m -> like(s, m, nonNull);
          case ArrayPred.Length l -> Double.NaN;
          case ArrayPred.LongContains c ->
              contains(
                  s, c.values().length, c.all(), c.negated(), nonNull, sumEqualRaw(s, c.values()));
          case ArrayPred.DoubleContains c ->
              contains(
                  s, c.values().length, c.all(), c.negated(), nonNull, sumEqualRaw(s, c.values()));
          case ArrayPred.StringContains c ->
              contains(
                  s,
                  c.values().size(),
                  c.all(),
                  c.negated(),
                  nonNull,
                  sumStringsRaw(s, c.values().keySet()));
          case ArrayPred.BoolContains c -> Double.NaN;
        };
    return Double.isNaN(share) ? share : Math.clamp(share, 0.0, 1.0);
  }

  /** A negated condition holds on the non-null rows where the plain one fails. */
  private static double negate(double plain, boolean negated, double nonNull) {
    return negated ? nonNull - plain : plain;
  }

  private static double notNan(FieldStats s) {
    return s.values() == 0 ? 0 : 1 - (double) s.nans() / s.values();
  }

  /** The share of rows whose (numeric) value is in [lo, hi]. */
  private static double between(FieldStats s, double lo, double hi) {
    double[] x = s.numbers();
    if (x == null || x.length == 0 || Double.isNaN(s.min())) {
      return 0;
    }
    double nonNull = (double) (s.rows() - s.nulls()) / s.rows();
    if (hi < s.min() || lo > s.max()) {
      return 0;
    }
    if (lo == hi) {
      return nonNull * equalNumber(s, lo);
    }
    // The sample's share inside the range; a range that holds no sampled value but overlaps the
    // values' span gets half a sample's worth rather than nothing.
    double share = (double) (rank(x, hi, true) - rank(x, lo, false)) / x.length;
    return nonNull * Math.max(share, 0.5 / x.length);
  }

  /** The number of sampled values at most {@code v} ({@code inclusive}) or below it. */
  private static int rank(double[] x, double v, boolean inclusive) {
    int lo = 0;
    int hi = x.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (inclusive ? x[mid] <= v : x[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double equalNumber(FieldStats s, double v) {
    if (Double.isNaN(s.min()) || v < s.min() || v > s.max()) {
      return 0;
    }
    double[] x = s.numbers();
    int first = Arrays.binarySearch(x, v);
    int count = 0;
    if (first >= 0) {
      int i = first;
      while (i >= 0 && x[i] == v) {
        i--;
      }
      for (int j = i + 1; j < x.length && x[j] == v; j++) {
        count++;
      }
    }
    return frequency(s, count);
  }

  /**
   * A value's share of values. A value clearly more frequent in the sample than a value of a
   * uniform column would be by chance (over three times as often, plus one) gets its sample share;
   * the others share what the frequent ones leave, evenly over the remaining distinct values (as
   * PostgreSQL treats values outside its most-common list).
   */
  private static double frequency(FieldStats s, int sampleCount) {
    int size = s.sampleSize();
    if (size == 0) {
      return 1.0 / Math.max(1, s.distinct());
    }
    double cut = 3.0 * size / Math.max(1, s.distinct()) + 1;
    if (sampleCount > cut) {
      return (double) sampleCount / size;
    }
    // The sample is sorted, so equal values form runs.
    int frequentValues = 0;
    int frequentCount = 0;
    int run = 1;
    for (int i = 1; i <= size; i++) {
      if (i < size && sameSampled(s, i - 1, i)) {
        run++;
        continue;
      }
      if (run > cut) {
        frequentValues++;
        frequentCount += run;
      }
      run = 1;
    }
    double rest = 1 - (double) frequentCount / size;
    return rest / Math.max(1, s.distinct() - frequentValues);
  }

  private static boolean sameSampled(FieldStats s, int a, int b) {
    return s.numbers() != null
        ? s.numbers()[a] == s.numbers()[b]
        : s.strings()[a].equals(s.strings()[b]);
  }

  private static double sumEqual(FieldStats s, long[] values) {
    double nonNull = (double) (s.rows() - s.nulls()) / s.rows();
    return nonNull * sumEqualRaw(s, values);
  }

  private static double sumEqual(FieldStats s, double[] values) {
    double nonNull = (double) (s.rows() - s.nulls()) / s.rows();
    return nonNull * sumEqualRaw(s, values);
  }

  private static double sumEqualRaw(FieldStats s, long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += equalNumber(s, v);
    }
    return Math.min(1, sum);
  }

  private static double sumEqualRaw(FieldStats s, double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += equalNumber(s, v);
    }
    return Math.min(1, sum);
  }

  private static double equalString(FieldStats s, String v) {
    String[] x = s.strings();
    if (x == null) {
      return Double.NaN;
    }
    int count = 0;
    for (String e : x) {
      count += e.equals(v) ? 1 : 0;
    }
    return frequency(s, count);
  }

  private static double sumStrings(FieldStats s, Collection<String> values) {
    double nonNull = (double) (s.rows() - s.nulls()) / s.rows();
    return nonNull * sumStringsRaw(s, values);
  }

  private static double sumStringsRaw(FieldStats s, Collection<String> values) {
    double sum = 0;
    for (String v : values) {
      sum += equalString(s, v);
    }
    return Math.min(1, sum);
  }

  /** The share of sampled strings below {@code v} (or at most it). */
  private static double below(FieldStats s, String v, boolean inclusive) {
    String[] x = s.strings();
    if (x == null || x.length == 0) {
      return Double.NaN;
    }
    int count = 0;
    for (String e : x) {
      int c = StringOrder.compare(e, v);
      count += c < 0 || (inclusive && c == 0) ? 1 : 0;
    }
    return (double) count / x.length;
  }

  private static double like(FieldStats s, ScalarPred.LikeMatch m, double nonNull) {
    String[] x = s.strings();
    if (x == null || x.length == 0) {
      return Double.NaN;
    }
    int count = 0;
    for (String e : x) {
      // Sampled strings may be cut short; a pattern is a fair test of the sample all the same.
      count += m.matcher().matches(e) ? 1 : 0;
    }
    double plain = Math.max((double) count / x.length, count == 0 ? 0.5 / x.length : 0);
    return negate(nonNull * plain, m.negated(), nonNull);
  }

  /**
   * A row of average length L holds one of the wanted values with probability about L times the
   * values' share of elements (at most 1); it holds all of them about as often as its rarest.
   */
  private static double contains(
      FieldStats s, int wanted, boolean all, boolean negated, double nonNull, double valueShare) {
    long rowsWithValue = s.rows() - s.nulls();
    if (rowsWithValue == 0 || wanted == 0) {
      return negated ? nonNull : 0;
    }
    double avgLength = (double) s.values() / rowsWithValue;
    double perRow = Math.min(1, avgLength * valueShare / (all ? wanted : 1));
    return negate(nonNull * perRow, negated, nonNull);
  }
}
