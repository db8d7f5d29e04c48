package io.quiver.internal.query.filter;

import io.quiver.query.filter.CompareOp;
import io.quiver.query.filter.Literal;
import java.util.OptionalLong;

/**
 * Turns {@code field op literal} on a numeric field into an inclusive range of the field's own
 * representation (long or double), so that the hot path compares primitives only, whatever mix of
 * integer and float the user wrote, and the result is exact: {@code year < 2020.5} becomes {@code
 * [MIN, 2020]}, {@code year = 2020.5} an empty range, and on a DOUBLE field {@code x <
 * 9007199254740993} (2<sup>53</sup>+1, no double equals it) becomes {@code x <= 2^53}.
 *
 * <p>A FLOAT field first rounds the literal to the nearest float (unless that overflows), as the
 * package documentation of {@code io.quiver.query.filter} promises.
 */
final class NumericBounds {
  private static final double TWO_63 = 0x1p63;

  private NumericBounds() {}

  /** {@code op literal} over longs (INT32 and INT64 fields, array lengths). */
  static ScalarPred.LongRange longRange(int field, CompareOp op, Literal literal) {
    return switch (literal) {
      case Literal.Int i -> fromLong(field, op, i.value());
      case Literal.Real r -> fromDouble(field, op, r.value());
      default -> throw new IllegalArgumentException("not a number: " + literal);
    };
  }

  static ScalarPred.LongRange fromLong(int field, CompareOp op, long c) {
    return switch (op) {
      case EQ -> new ScalarPred.LongRange(field, c, c, false);
      case NE -> new ScalarPred.LongRange(field, c, c, true);
      case LT -> c == Long.MIN_VALUE ? empty(field) : range(field, Long.MIN_VALUE, c - 1);
      case LE -> range(field, Long.MIN_VALUE, c);
      case GT -> c == Long.MAX_VALUE ? empty(field) : range(field, c + 1, Long.MAX_VALUE);
      case GE -> range(field, c, Long.MAX_VALUE);
    };
  }

  private static ScalarPred.LongRange fromDouble(int field, CompareOp op, double d) {
    boolean integral = d == Math.rint(d);
    if (integral && d >= -TWO_63 && d < TWO_63) {
      return fromLong(field, op, (long) d);
    }
    if (!integral) {
      // |d| < 2^52 here, so floor is exact and fits a long; no long lies strictly between.
      long floor = (long) Math.floor(d);
      return switch (op) {
        case EQ -> empty(field);
        case NE -> empty(field).negate();
        case LT, LE -> range(field, Long.MIN_VALUE, floor);
        case GT, GE -> range(field, floor + 1, Long.MAX_VALUE);
      };
    }
    // An integer beyond the long range: every long is on the same side of it.
    boolean above = d > 0;
    return switch (op) {
      case EQ -> empty(field);
      case NE -> empty(field).negate();
      case LT, LE -> above ? all(field) : empty(field);
      case GT, GE -> above ? empty(field) : all(field);
    };
  }

  /** {@code op literal} over doubles; {@code floatField} applies the FLOAT rounding rule. */
  static ScalarPred.DoubleRange doubleRange(
      int field, CompareOp op, Literal literal, boolean floatField) {
    double target = target(literal, floatField);
    if (!Double.isNaN(target)) {
      return switch (op) {
        case EQ -> new ScalarPred.DoubleRange(field, target, target, false);
        case NE -> new ScalarPred.DoubleRange(field, target, target, true);
        case LT ->
            new ScalarPred.DoubleRange(field, Double.NEGATIVE_INFINITY, below(target), false);
        case LE -> new ScalarPred.DoubleRange(field, Double.NEGATIVE_INFINITY, target, false);
        case GT ->
            new ScalarPred.DoubleRange(field, above(target), Double.POSITIVE_INFINITY, false);
        case GE -> new ScalarPred.DoubleRange(field, target, Double.POSITIVE_INFINITY, false);
      };
    }
    // A long with no equal double (|c| > 2^53): bound by its two neighbouring doubles.
    long c = ((Literal.Int) literal).value();
    double near = (double) c;
    boolean nearIsAbove = near >= TWO_63 || (long) near > c;
    double lower = nearIsAbove ? Math.nextDown(near) : near;
    double upper = nearIsAbove ? near : Math.nextUp(near);
    ScalarPred.DoubleRange none = new ScalarPred.DoubleRange(field, 1, 0, false);
    return switch (op) {
      case EQ -> none;
      case NE -> none.negate();
      case LT, LE -> new ScalarPred.DoubleRange(field, Double.NEGATIVE_INFINITY, lower, false);
      case GT, GE -> new ScalarPred.DoubleRange(field, upper, Double.POSITIVE_INFINITY, false);
    };
  }

  /** The long equal to the literal, if there is one. */
  static OptionalLong exactLong(Literal literal) {
    return switch (literal) {
      case Literal.Int i -> OptionalLong.of(i.value());
      case Literal.Real r -> {
        double d = r.value();
        yield d == Math.rint(d) && d >= -TWO_63 && d < TWO_63
            ? OptionalLong.of((long) d)
            : OptionalLong.empty();
      }
      default -> throw new IllegalArgumentException("not a number: " + literal);
    };
  }

  /**
   * The double a stored value must equal to equal the literal (after FLOAT rounding when {@code
   * floatField}), or NaN when no double is equal to it. {@code -0.0} is returned as {@code 0.0}.
   */
  static double target(Literal literal, boolean floatField) {
    double value;
    switch (literal) {
      case Literal.Int i -> {
        long c = i.value();
        if (floatField) {
          value = (float) c; // |c| < 2^63 never overflows a float
        } else {
          double d = (double) c;
          if (d >= TWO_63 || (long) d != c) {
            return Double.NaN;
          }
          value = d;
        }
      }
      case Literal.Real r -> {
        value = r.value();
        if (floatField) {
          float f = (float) value;
          if (!Float.isInfinite(f)) {
            value = f;
          }
        }
      }
      default -> throw new IllegalArgumentException("not a number: " + literal);
    }
    return value + 0.0; // turns -0.0 into 0.0; ranges and sets then need no special case
  }

  // x < t, for doubles: x <= the next double below t (exact, including around zero).
  private static double below(double t) {
    return Math.nextDown(t);
  }

  private static double above(double t) {
    return Math.nextUp(t);
  }

  private static ScalarPred.LongRange range(int field, long lo, long hi) {
    return new ScalarPred.LongRange(field, lo, hi, false);
  }

  private static ScalarPred.LongRange empty(int field) {
    return new ScalarPred.LongRange(field, 1, 0, false);
  }

  private static ScalarPred.LongRange all(int field) {
    return new ScalarPred.LongRange(field, Long.MIN_VALUE, Long.MAX_VALUE, false);
  }
}
