package io.quiver.internal.query.filter;

/**
 * Estimates the fraction of rows a compiled filter matches. The planner supplies an {@link
 * Estimator} that answers for single conditions from what it knows (index bitmaps, segment
 * statistics); conditions it cannot answer fall back to fixed {@linkplain #guess guesses}, and the
 * tree combines them assuming independence. The estimate only steers the choice of strategy; a
 * wrong estimate costs time, never results.
 */
public final class Selectivity {

  /** Answers for single conditions. */
  @FunctionalInterface
  public interface Estimator {
    /** The fraction of rows satisfying {@code leaf}, in [0, 1], or NaN when unknown. */
    double estimate(Pred.Leaf leaf);
  }

  /** Knows nothing: every condition gets its {@linkplain #guess guess}. */
  public static final Estimator NONE = leaf -> Double.NaN;

  private Selectivity() {}

  /** The estimated fraction of rows matching {@code root}, in [0, 1]. */
  public static double estimate(Pred root, Estimator estimator) {
    return switch (root) {
      case Pred.Leaf leaf -> {
        double s = estimator.estimate(leaf);
        yield Double.isNaN(s) ? guess(leaf) : Math.clamp(s, 0.0, 1.0);
      }
      case Pred.AllOf a -> {
        double product = 1.0;
        for (Pred p : a.operands()) {
          product *= estimate(p, estimator);
        }
        yield product;
      }
      case Pred.AnyOf o -> {
        double none = 1.0;
        for (Pred p : o.operands()) {
          none *= 1.0 - estimate(p, estimator);
        }
        yield 1.0 - none;
      }
    };
  }

  /**
   * A fixed guess by the condition's shape, in the spirit of textbook planners: an equality keeps
   * 1%, a range 30%, a pattern 10%, and a negation the complement (less a share for nulls).
   */
  public static double guess(Pred.Leaf leaf) {
    double s =
        switch (leaf) {
          case ScalarPred.NullCheck n -> n.isNull() ? 0.05 : 0.95;
          case ScalarPred.Known k -> k.result() ? 0.95 : 0.0;
          case ScalarPred.LongRange r -> rangeGuess(r.lo() > r.hi(), r.lo() == r.hi(), r.negated());
          case ScalarPred.DoubleRange r ->
              rangeGuess(!(r.lo() <= r.hi()), r.lo() == r.hi(), r.negated());
          case ScalarPred.BoolIn b -> (b.matchTrue() ? 0.5 : 0.0) + (b.matchFalse() ? 0.45 : 0.0);
          case ScalarPred.StringCompare c ->
              switch (c.op()) {
                case EQ -> 0.01;
                case NE -> 0.94;
                default -> 0.3;
              };
          case ScalarPred.StringIn in -> setGuess(in.values().size(), in.negated());
          case ScalarPred.LongIn in -> setGuess(in.sorted().length, in.negated());
          case ScalarPred.DoubleIn in -> setGuess(in.sorted().length, in.negated());
          case ScalarPred.LikeMatch m -> m.negated() ? 0.85 : 0.1;
          case ArrayPred.Length l -> rangeGuess(l.lo() > l.hi(), l.lo() == l.hi(), l.negated());
          case ArrayPred.LongContains c -> c.negated() ? 0.85 : 0.1;
          case ArrayPred.DoubleContains c -> c.negated() ? 0.85 : 0.1;
          case ArrayPred.StringContains c -> c.negated() ? 0.85 : 0.1;
          case ArrayPred.BoolContains c -> c.negated() ? 0.5 : 0.45;
        };
    return s;
  }

  private static double rangeGuess(boolean empty, boolean point, boolean negated) {
    double s = empty ? 0.0 : point ? 0.01 : 0.3;
    return negated ? Math.max(0.0, 0.95 - s) : s;
  }

  private static double setGuess(int size, boolean negated) {
    double s = Math.min(0.5, 0.01 * size);
    return negated ? 0.95 - s : s;
  }
}
