package io.quiver.internal.query.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A compiled filter seen as {@code c1 AND c2 AND ...}, its conjuncts grouped by the one field each
 * reads, for the planner: a row matches only if it satisfies every group, so each group's index
 * lookup (a range, a set of values, a prefix) gives a superset of the matching rows, and their
 * intersection can be scanned with the full filter. Conjuncts that read several fields (an {@code
 * OR} across fields) are the {@linkplain #residual() residual}.
 *
 * <p>Each group keeps its compiled conditions as they are; helpers intersect the common shapes.
 */
public final class Conjuncts {
  private static final int MIXED = Integer.MIN_VALUE;

  private final Map<Integer, FieldConjuncts> byField;
  private final List<Pred> residual;

  private Conjuncts(Map<Integer, FieldConjuncts> byField, List<Pred> residual) {
    this.byField = byField;
    this.residual = residual;
  }

  /** The conjuncts of a compiled tree. */
  public static Conjuncts of(Pred root) {
    Pred[] top = root instanceof Pred.AllOf a ? a.operands() : new Pred[] {root};
    Map<Integer, List<Pred>> groups = new TreeMap<>();
    List<Pred> residual = new ArrayList<>();
    for (Pred p : top) {
      int field = singleField(p);
      if (field == MIXED) {
        residual.add(p);
      } else {
        groups.computeIfAbsent(field, f -> new ArrayList<>()).add(p);
      }
    }
    Map<Integer, FieldConjuncts> byField = new TreeMap<>();
    groups.forEach((f, preds) -> byField.put(f, new FieldConjuncts(f, List.copyOf(preds))));
    return new Conjuncts(Collections.unmodifiableMap(byField), List.copyOf(residual));
  }

  /** The groups, by ascending field ordinal ({@link RowValues#ID} first). */
  public Collection<FieldConjuncts> fields() {
    return byField.values();
  }

  /** The group of one field, if the filter constrains it at the top level. */
  public Optional<FieldConjuncts> field(int ordinal) {
    return Optional.ofNullable(byField.get(ordinal));
  }

  /** The conjuncts that read more than one field. */
  public List<Pred> residual() {
    return residual;
  }

  /**
   * Whether the groups say everything: a row satisfying every group matches the filter, so index
   * results need no re-check by {@link CompiledFilter#test}.
   */
  public boolean isComplete() {
    return residual.isEmpty();
  }

  /** The field a node reads when it reads exactly one, else {@link #MIXED}. */
  private static int singleField(Pred p) {
    return switch (p) {
      case Pred.Leaf leaf -> leaf.field();
      case Pred.AllOf a -> commonField(a.operands());
      case Pred.AnyOf o -> commonField(o.operands());
    };
  }

  private static int commonField(Pred[] operands) {
    int field = singleField(operands[0]);
    for (int i = 1; i < operands.length && field != MIXED; i++) {
      if (singleField(operands[i]) != field) {
        field = MIXED;
      }
    }
    return field;
  }

  /**
   * The conjuncts on one field.
   *
   * @param field the field's ordinal, or {@link RowValues#ID}
   * @param preds the conditions, each a leaf or an {@code AND}/{@code OR} of leaves on this field
   */
  public record FieldConjuncts(int field, List<Pred> preds) {

    /**
     * Whether only rows with a value can match; true unless some conjunct accepts null, which only
     * {@code IS NULL} (possibly inside an {@code OR}) does.
     */
    public boolean requiresNonNull() {
      for (Pred p : preds) {
        if (rejectsNull(p)) {
          return true;
        }
      }
      return false;
    }

    private static boolean rejectsNull(Pred p) {
      return switch (p) {
        case ScalarPred.NullCheck n -> !n.isNull();
        case Pred.Leaf leaf -> true;
        case Pred.AllOf a -> {
          for (Pred c : a.operands()) {
            if (rejectsNull(c)) {
              yield true;
            }
          }
          yield false;
        }
        case Pred.AnyOf o -> {
          for (Pred c : o.operands()) {
            if (!rejectsNull(c)) {
              yield false;
            }
          }
          yield true;
        }
      };
    }

    /**
     * The intersection of the plain (not negated) long ranges among the conjuncts, if any: a
     * matching row's value lies in it. Empty when {@code lo > hi}.
     */
    public Optional<ScalarPred.LongRange> longRange() {
      ScalarPred.LongRange out = null;
      for (Pred p : preds) {
        if (p instanceof ScalarPred.LongRange r && !r.negated()) {
          out =
              out == null
                  ? r
                  : new ScalarPred.LongRange(
                      field, Math.max(out.lo(), r.lo()), Math.min(out.hi(), r.hi()), false);
        }
      }
      return Optional.ofNullable(out);
    }

    /** The intersection of the plain (not negated) double ranges among the conjuncts, if any. */
    public Optional<ScalarPred.DoubleRange> doubleRange() {
      ScalarPred.DoubleRange out = null;
      for (Pred p : preds) {
        if (p instanceof ScalarPred.DoubleRange r && !r.negated()) {
          out =
              out == null
                  ? r
                  : new ScalarPred.DoubleRange(
                      field, Math.max(out.lo(), r.lo()), Math.min(out.hi(), r.hi()), false);
        }
      }
      return Optional.ofNullable(out);
    }

    /**
     * The longest literal prefix of the plain {@code LIKE} conjuncts, for a prefix scan of a sorted
     * string index; empty when none has one.
     */
    public Optional<String> likePrefix() {
      String best = "";
      for (Pred p : preds) {
        if (p instanceof ScalarPred.LikeMatch m && !m.negated()) {
          String prefix = m.matcher().literalPrefix();
          if (prefix.length() > best.length()) {
            best = prefix;
          }
        }
      }
      return best.isEmpty() ? Optional.empty() : Optional.of(best);
    }
  }
}
