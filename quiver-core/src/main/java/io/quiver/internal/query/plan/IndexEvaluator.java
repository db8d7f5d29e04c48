package io.quiver.internal.query.plan;

import io.quiver.internal.doc.DocumentValidator;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.query.filter.ArrayPred;
import io.quiver.internal.query.filter.Pred;
import io.quiver.internal.query.filter.ScalarPred;
import io.quiver.query.filter.CompareOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Answers a compiled filter (or part of it) from a segment's scalar indexes: each condition on an
 * indexed field becomes the rows of some runs of keys, {@code AND} intersects, {@code OR} unites,
 * and a negated condition is the complement within the rows that have a value (so that, as in the
 * filter, a null never matches). Conditions no index answers ({@code array_length}, the id, fields
 * without an index, patterns that are not a prefix) are "unknown": an {@code AND} skips them and
 * its rows become a superset to re-check row by row; an {@code OR} with an unknown operand is
 * unknown. A field the segment predates is null in every row, which needs no index.
 *
 * <p>Deleted rows are not removed here; the caller does that.
 */
final class IndexEvaluator {
  /**
   * Rows from the indexes: exactly the rows matching, or (when not {@code exact}) a superset that
   * must be re-checked with the filter.
   */
  record Rows(RoaringBitmap bits, boolean exact) {}

  /** Key runs of one condition: rows holding a key of any (or, if {@code all}, every) run. */
  private record Keys(ScalarIndex index, int[] from, int[] to, boolean all, boolean negated) {}

  private final SegmentFacts facts;

  IndexEvaluator(SegmentFacts facts) {
    this.facts = facts;
  }

  /**
   * The number of rows matching {@code leaf} according to the indexes (deleted ones included), or
   * NaN when no index answers it. Exact for single-valued fields; for arrays an estimate (a row
   * holding several wanted values is counted once per value).
   */
  double count(Pred.Leaf leaf) {
    int field = leaf.field();
    if (facts.absent(field)) {
      return leaf instanceof ScalarPred.NullCheck n && n.isNull() ? facts.rows() : 0;
    }
    ScalarIndex ix = facts.index(field);
    if (ix == null) {
      return Double.NaN;
    }
    switch (leaf) {
      case ScalarPred.NullCheck n -> {
        int nulls = ix.nulls().getCardinality();
        return n.isNull() ? nulls : ix.rows() - nulls;
      }
      case ScalarPred.Known k -> {
        return k.result() ? ix.nonNullRows() : 0;
      }
      default -> {}
    }
    Keys keys = keys(ix, leaf);
    if (keys == null) {
      return Double.NaN;
    }
    long n = keys.all() ? Long.MAX_VALUE : 0;
    for (int i = 0; i < keys.from().length; i++) {
      int c = ix.count(keys.from()[i], keys.to()[i]);
      n = keys.all() ? Math.min(n, c) : n + c;
    }
    if (keys.all() && keys.from().length == 0) {
      n = ix.nonNullRows();
    }
    n = Math.min(n, ix.nonNullRows());
    return keys.negated() ? ix.nonNullRows() - n : n;
  }

  /** The rows of {@code p} from the indexes, or null when they cannot narrow it down. */
  Rows eval(Pred p) {
    return switch (p) {
      case Pred.Leaf leaf -> leaf(leaf);
      case Pred.AllOf a -> allOf(a.operands());
      case Pred.AnyOf o -> anyOf(o.operands());
    };
  }

  private Rows allOf(Pred[] operands) {
    // Cheapest first, judged by the rows each index reports: a large operand is left to the
    // re-check when the others already narrowed the rows down far below it.
    Pred[] ordered = operands.clone();
    double[] sizes = new double[ordered.length];
    for (int i = 0; i < ordered.length; i++) {
      sizes[i] = ordered[i] instanceof Pred.Leaf l ? count(l) : Double.NaN;
    }
    Integer[] order = new Integer[ordered.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparingDouble(i -> Double.isNaN(sizes[i]) ? Double.MAX_VALUE : sizes[i]));
    RoaringBitmap acc = null;
    boolean exact = true;
    for (int i : order) {
      if (acc != null && !Double.isNaN(sizes[i]) && sizes[i] > 64.0 * acc.getCardinality() + 4096) {
        exact = false;
        continue;
      }
      Rows r = eval(ordered[i]);
      if (r == null) {
        exact = false;
        continue;
      }
      exact &= r.exact();
      acc = acc == null ? r.bits() : RoaringBitmap.and(acc, r.bits());
    }
    return acc == null ? null : new Rows(acc, exact);
  }

  private Rows anyOf(Pred[] operands) {
    List<RoaringBitmap> parts = new ArrayList<>();
    boolean exact = true;
    for (Pred p : operands) {
      Rows r = eval(p);
      if (r == null) {
        return null;
      }
      exact &= r.exact();
      parts.add(r.bits());
    }
    return new Rows(RoaringBitmap.or(parts.iterator()), exact);
  }

  private Rows leaf(Pred.Leaf leaf) {
    int field = leaf.field();
    if (facts.absent(field)) {
      boolean all = leaf instanceof ScalarPred.NullCheck n && n.isNull();
      return new Rows(
          all ? RoaringBitmap.bitmapOfRange(0, facts.rows()) : new RoaringBitmap(), true);
    }
    ScalarIndex ix = facts.index(field);
    if (ix == null) {
      return null;
    }
    switch (leaf) {
      case ScalarPred.NullCheck n -> {
        return new Rows(n.isNull() ? ix.nulls().clone() : nonNull(ix), true);
      }
      case ScalarPred.Known k -> {
        return new Rows(k.result() ? nonNull(ix) : new RoaringBitmap(), true);
      }
      default -> {}
    }
    Keys keys = keys(ix, leaf);
    if (keys == null) {
      return prefixSuperset(ix, leaf);
    }
    RoaringBitmap bits;
    if (keys.all()) {
      bits = keys.from().length == 0 ? nonNull(ix) : null;
      for (int i = 0; i < keys.from().length; i++) {
        RoaringBitmap one = ix.rows(keys.from()[i], keys.to()[i]);
        bits = bits == null ? one : RoaringBitmap.and(bits, one);
      }
    } else if (keys.from().length == 1) {
      bits = ix.rows(keys.from()[0], keys.to()[0]);
    } else {
      long[] words = new long[(ix.rows() + 63) >>> 6];
      for (int i = 0; i < keys.from().length; i++) {
        ix.addRows(keys.from()[i], keys.to()[i], words);
      }
      bits = org.roaringbitmap.BitSetUtil.bitmapOf(words);
    }
    if (keys.negated()) {
      bits = RoaringBitmap.andNot(nonNull(ix), bits);
    }
    return new Rows(bits, true);
  }

  /** {@code s LIKE 'pre%x'}: the rows starting with the literal prefix, to re-check. */
  private Rows prefixSuperset(ScalarIndex ix, Pred.Leaf leaf) {
    if (leaf instanceof ScalarPred.LikeMatch m && !m.negated()) {
      String prefix = m.matcher().literalPrefix();
      if (!prefix.isEmpty() && wellFormed(prefix)) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        int from = ix.lowerBound(p);
        return new Rows(ix.rows(from, ix.prefixEnd(p, from)), false);
      }
    }
    return null;
  }

  private static RoaringBitmap nonNull(ScalarIndex ix) {
    RoaringBitmap all = RoaringBitmap.bitmapOfRange(0, ix.rows());
    all.andNot(ix.nulls());
    return all;
  }

  /** The key runs answering {@code leaf} exactly, or null when the index cannot. */
  private static Keys keys(ScalarIndex ix, Pred.Leaf leaf) {
    return switch (leaf) {
      case ScalarPred.LongRange r ->
          r.lo() > r.hi()
              ? none(ix, r.negated())
              : one(ix, ix.lowerBound(r.lo()), ix.upperBound(r.hi()), r.negated());
      case ScalarPred.DoubleRange r ->
          !(r.lo() <= r.hi())
              ? none(ix, r.negated())
              : one(
                  ix,
                  ix.lowerBound(ScalarIndex.sortable(r.lo())),
                  ix.upperBound(ScalarIndex.sortable(r.hi())),
                  r.negated());
      case ScalarPred.BoolIn b -> {
        List<Long> wanted = new ArrayList<>();
        if (b.matchFalse()) {
          wanted.add(0L);
        }
        if (b.matchTrue()) {
          wanted.add(1L);
        }
        yield exactKeys(ix, wanted.stream().mapToLong(Long::longValue).toArray(), false, false);
      }
      case ScalarPred.LongIn in -> exactKeys(ix, in.sorted(), false, in.negated());
      case ScalarPred.DoubleIn in -> exactKeys(ix, sortable(in.sorted()), false, in.negated());
      case ScalarPred.StringCompare c -> stringCompare(ix, c);
      case ScalarPred.StringIn in -> stringKeys(ix, in.values(), false, in.negated());
      case ScalarPred.LikeMatch m -> like(ix, m);
      case ArrayPred.LongContains c -> exactKeys(ix, c.values(), c.all(), c.negated());
      case ArrayPred.DoubleContains c -> exactKeys(ix, sortable(c.values()), c.all(), c.negated());
      case ArrayPred.StringContains c -> stringKeys(ix, c.values().keySet(), c.all(), c.negated());
      case ArrayPred.BoolContains c -> {
        List<Long> wanted = new ArrayList<>();
        if (c.wantFalse()) {
          wanted.add(0L);
        }
        if (c.wantTrue()) {
          wanted.add(1L);
        }
        yield exactKeys(
            ix, wanted.stream().mapToLong(Long::longValue).toArray(), c.all(), c.negated());
      }
      default -> null; // NullCheck and Known are answered by the caller; array_length never
    };
  }

  private static Keys one(ScalarIndex ix, int from, int to, boolean negated) {
    return new Keys(ix, new int[] {from}, new int[] {Math.max(from, to)}, false, negated);
  }

  private static Keys none(ScalarIndex ix, boolean negated) {
    return new Keys(ix, new int[0], new int[0], false, negated);
  }

  private static long[] sortable(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ScalarIndex.sortable(values[i]);
    }
    return out;
  }

  /**
   * Rows holding any (or all) of the keys; a key the index lacks is an empty run, which makes an
   * ALL empty, as it should.
   */
  private static Keys exactKeys(ScalarIndex ix, long[] wanted, boolean all, boolean negated) {
    int[] from = new int[wanted.length];
    int[] to = new int[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      from[i] = ix.lowerBound(wanted[i]);
      to[i] = Math.max(from[i], ix.upperBound(wanted[i]));
    }
    return new Keys(ix, from, to, all, negated);
  }

  private static Keys stringKeys(
      ScalarIndex ix, java.util.Collection<String> wanted, boolean all, boolean negated) {
    int[] from = new int[wanted.size()];
    int[] to = new int[wanted.size()];
    int i = 0;
    for (String s : wanted) {
      // Stored strings are well-formed UTF-16, so a literal with an unpaired surrogate equals
      // none of them (and its UTF-8 form would not be its own): an empty run.
      if (wellFormed(s)) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        from[i] = ix.lowerBound(b);
        to[i] = Math.max(from[i], ix.upperBound(b));
      }
      i++;
    }
    return new Keys(ix, from, to, all, negated);
  }

  private static Keys stringCompare(ScalarIndex ix, ScalarPred.StringCompare c) {
    if (!wellFormed(c.value())) {
      return c.op() == CompareOp.EQ || c.op() == CompareOp.NE
          ? none(ix, c.op() == CompareOp.NE)
          : null;
    }
    byte[] v = c.value().getBytes(StandardCharsets.UTF_8);
    int k = ix.keyCount();
    return switch (c.op()) {
      case EQ -> one(ix, ix.lowerBound(v), ix.upperBound(v), false);
      case NE -> one(ix, ix.lowerBound(v), ix.upperBound(v), true);
      case LT -> one(ix, 0, ix.lowerBound(v), false);
      case LE -> one(ix, 0, ix.upperBound(v), false);
      case GT -> one(ix, ix.upperBound(v), k, false);
      case GE -> one(ix, ix.lowerBound(v), k, false);
    };
  }

  private static Keys like(ScalarIndex ix, ScalarPred.LikeMatch m) {
    String literal = m.matcher().literalPrefix();
    if (!wellFormed(literal)) {
      return null;
    }
    byte[] p = literal.getBytes(StandardCharsets.UTF_8);
    if (m.matcher().isLiteral()) {
      return one(ix, ix.lowerBound(p), ix.upperBound(p), m.negated());
    }
    if (m.matcher().isPrefixOnly()) {
      int from = ix.lowerBound(p);
      return one(ix, from, ix.prefixEnd(p, from), m.negated());
    }
    return null;
  }

  /** Whether {@code s} has no unpaired surrogate (so its UTF-8 bytes are its code points). */
  private static boolean wellFormed(String s) {
    return DocumentValidator.unpairedSurrogate(s) < 0;
  }
}
