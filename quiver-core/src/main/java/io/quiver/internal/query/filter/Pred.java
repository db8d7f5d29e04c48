package io.quiver.internal.query.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * A compiled, type-checked filter node, evaluated on one row at a time. Compilation pushes every
 * {@code NOT} down to the conditions, so the tree holds only conditions ({@link Leaf}), {@link
 * AllOf} and {@link AnyOf}, and every condition answers two-valued: "true" or "not true". That is
 * exact for the language's three-valued logic because {@code AND} and {@code OR} are true exactly
 * when their operands' truths say so, and a condition's negation is built to be false on null as
 * well ({@code NOT (x = 1)} compiles to {@code x != 1}, which a null {@code x} fails).
 *
 * <p>Nodes are immutable and thread-safe; their array components are never changed after
 * compilation and are compared by identity (nodes are not meant as map keys).
 */
public sealed interface Pred permits Pred.Leaf, Pred.AllOf, Pred.AnyOf {

  /** Whether the row satisfies this node (false when a null makes it unknown). */
  boolean test(RowValues row);

  /**
   * The node for {@code NOT this} under three-valued logic: true on the rows where this one is
   * false, and false where it is true or unknown.
   */
  Pred negate();

  /** A condition on one field. */
  sealed interface Leaf extends Pred permits ScalarPred, ArrayPred {
    /** The field's ordinal, or {@link RowValues#ID}. */
    int field();
  }

  /** All of the operands; the cheaper ones first, since the first failure decides. */
  record AllOf(Pred[] operands) implements Pred {
    @Override
    public boolean test(RowValues row) {
      for (Pred p : operands) {
        if (!p.test(row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Pred negate() {
      return anyOf(Arrays.stream(operands).map(Pred::negate).toList());
    }

    @Override
    public String toString() {
      return join(operands, " AND ");
    }
  }

  /** Any of the operands. */
  record AnyOf(Pred[] operands) implements Pred {
    @Override
    public boolean test(RowValues row) {
      for (Pred p : operands) {
        if (p.test(row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Pred negate() {
      return allOf(Arrays.stream(operands).map(Pred::negate).toList());
    }

    @Override
    public String toString() {
      return join(operands, " OR ");
    }
  }

  /** The conjunction, nested {@link AllOf} merged; one operand is returned as it is. */
  static Pred allOf(List<Pred> operands) {
    List<Pred> flat = new ArrayList<>();
    for (Pred p : operands) {
      if (p instanceof AllOf a) {
        flat.addAll(Arrays.asList(a.operands()));
      } else {
        flat.add(p);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new AllOf(flat.toArray(Pred[]::new));
  }

  /** The disjunction, nested {@link AnyOf} merged; one operand is returned as it is. */
  static Pred anyOf(List<Pred> operands) {
    List<Pred> flat = new ArrayList<>();
    for (Pred p : operands) {
      if (p instanceof AnyOf a) {
        flat.addAll(Arrays.asList(a.operands()));
      } else {
        flat.add(p);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new AnyOf(flat.toArray(Pred[]::new));
  }

  private static String join(Pred[] operands, String keyword) {
    StringJoiner j = new StringJoiner(keyword, "(", ")");
    for (Pred p : operands) {
      j.add(p.toString());
    }
    return j.toString();
  }
}
