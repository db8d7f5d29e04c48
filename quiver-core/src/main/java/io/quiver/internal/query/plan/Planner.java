package io.quiver.internal.query.plan;

import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.Pred;
import io.quiver.internal.query.filter.RowValues;
import io.quiver.internal.query.filter.Selectivity;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Basis;
import io.quiver.query.QueryPlan.Strategy;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;

/**
 * Chooses how to search one source (segment or memtable) under a filter: estimates the share of
 * live rows that pass it, reads the candidate rows from the scalar indexes when they are few, and
 * picks exact scoring of the matching rows (few match) or a graph traversal: one that checks
 * candidates as found, or (below {@link Thresholds#twoHopShare}, which the defaults leave at 0) a
 * two-hop traversal that scores matching nodes only. See {@link QueryPlan} for the strategies and
 * {@link Thresholds} for where the lines are drawn.
 *
 * <p>Estimates only steer; results never depend on them. Each condition is estimated from the
 * field's scalar index (an exact count), else the segment's column statistics, else a fixed guess
 * ({@link Selectivity#guess}), and conditions combine as if independent. When the indexes answer
 * the filter, the candidate rows are materialized and counted, which replaces the estimate.
 */
public final class Planner {

  /**
   * Where the planner draws its lines, as shares of a source's live rows. Set by timing each
   * strategy forced in turn with {@code FilteredBenchMain} (HNSW M = 16, 100k and 1M rows of 128
   * dimensions, filters independent of the vectors; BENCHMARKS.md "Filtered search"):
   *
   * <ul>
   *   <li>Exact scoring costs in proportion to the matching rows; it beat the graph up to about
   *       5,000 rows at 100k (5%) and 20,000 at 1M (2%), and lost beyond.
   *   <li>Checking candidates as found beat the two-hop traversal at every share tried (3%, 5%, 10%
   *       and 50% at 1M; 5% and 10% at 100k), 8x at 5% of 1M rows for recall 0.95, so the default
   *       never chooses two hops ({@code twoHopShare} 0); the strategy stays for forced plans.
   * </ul>
   *
   * @param exactRows score exactly when at most this many rows match...
   * @param exactShare ...or at most this share of the live rows
   * @param twoHopShare below this share, traverse two hops past non-matching nodes; at or above it,
   *     traverse through them and check candidates as found
   * @param materializeShare read the candidate rows from the indexes (an exact count, and a bitmap
   *     for the search to test) when the indexes say at most this share of the rows qualifies
   */
  public record Thresholds(
      int exactRows, double exactShare, double twoHopShare, double materializeShare) {}

  /** The default thresholds. */
  public static final Thresholds DEFAULT = new Thresholds(5_000, 0.02, 0.0, 0.05);

  /**
   * The plan of one source.
   *
   * @param explain what {@code explain} reports
   * @param candidates the live rows the indexes give (a superset of the matches unless {@code
   *     candidatesExact}), or null when the indexes were not used
   * @param candidatesExact whether {@code candidates} are exactly the matching live rows
   */
  public record SegmentPlan(
      QueryPlan.Source explain, RoaringBitmap candidates, boolean candidatesExact) {

    /** The chosen strategy. */
    public Strategy strategy() {
      return explain.strategy();
    }

    /** The estimated share of live rows passing the filter. */
    public double share() {
      return explain.share();
    }
  }

  private static final Pattern FIELD_REF = Pattern.compile("#(-?\\d+)");

  private Planner() {}

  /**
   * Plans the search of one source.
   *
   * @param filter the compiled filter, or null
   * @param facts what is known about the source
   * @param k the number of hits wanted
   * @param exactRequested the query asked for exact search (no vector index)
   */
  public static SegmentPlan plan(
      CompiledFilter filter, SegmentFacts facts, int k, boolean exactRequested, Thresholds t) {
    int live = facts.live();
    String vectorIndex = exactRequested ? null : facts.vectorIndex();
    if (filter == null) {
      Strategy s =
          live == 0 ? Strategy.SKIP : vectorIndex != null ? Strategy.GRAPH : Strategy.EXACT_SCAN;
      return new SegmentPlan(source(facts, vectorIndex, s, live, true, -1, List.of()), null, false);
    }
    IndexEvaluator evaluator = new IndexEvaluator(facts);
    Pred root = filter.root();
    List<QueryPlan.Condition> conditions = new ArrayList<>();
    Pred[] top = root instanceof Pred.AllOf a ? a.operands() : new Pred[] {root};
    // The filter's share is the product of its top-level conditions' shares, as Selectivity
    // combines an AND.
    double share = 1.0;
    for (Pred p : top) {
      Basis[] basis = {Basis.INDEX};
      double s = Selectivity.estimate(p, leaf -> leafShare(leaf, facts, evaluator, basis));
      conditions.add(new QueryPlan.Condition(describe(p, filter.schema()), s, basis[0]));
      share *= s;
    }
    long estimate = Math.round(share * live);
    boolean exactCount = false;
    RoaringBitmap candidates = null;
    boolean candidatesExact = false;
    // What the indexes alone narrow the rows to: conditions they cannot answer count as "all".
    double indexShare =
        Selectivity.estimate(
            root,
            leaf -> {
              double c = facts.absent(leaf.field()) ? 0 : evaluator.count(leaf);
              return Double.isNaN(c) ? 1.0 : facts.rows() == 0 ? 0 : c / facts.rows();
            });
    if (indexShare <= t.materializeShare() || indexShare * facts.rows() <= t.exactRows()) {
      IndexEvaluator.Rows rows = evaluator.eval(root);
      if (rows != null) {
        candidates = rows.bits();
        if (!facts.deleted().isEmpty()) {
          candidates = RoaringBitmap.andNot(candidates, facts.deleted());
        }
        candidatesExact = rows.exact();
        if (candidatesExact) {
          estimate = candidates.getLongCardinality();
          exactCount = true;
        } else {
          estimate = Math.min(estimate, candidates.getLongCardinality());
        }
      }
    }
    Strategy strategy;
    if ((exactCount && estimate == 0) || live == 0) {
      strategy = Strategy.SKIP;
    } else if (vectorIndex == null
        || estimate <= Math.max(k, Math.max(t.exactRows(), t.exactShare() * live))) {
      strategy = candidates != null ? Strategy.EXACT_CANDIDATES : Strategy.EXACT_SCAN;
    } else if (estimate < t.twoHopShare() * live) {
      strategy = Strategy.GRAPH_TWO_HOP;
    } else {
      strategy = Strategy.GRAPH_CHECK_AS_FOUND;
    }
    long candidateCount = candidates == null ? -1 : candidates.getLongCardinality();
    return new SegmentPlan(
        source(facts, vectorIndex, strategy, estimate, exactCount, candidateCount, conditions),
        candidates,
        candidatesExact);
  }

  private static QueryPlan.Source source(
      SegmentFacts facts,
      String vectorIndex,
      Strategy strategy,
      long estimate,
      boolean exact,
      long candidates,
      List<QueryPlan.Condition> conditions) {
    return new QueryPlan.Source(
        facts.name(),
        facts.rows(),
        facts.live(),
        vectorIndex,
        strategy,
        Math.min(estimate, facts.live()),
        exact,
        candidates,
        conditions);
  }

  /** One condition's share of rows, noting the weakest basis used in {@code basis[0]}. */
  private static double leafShare(
      Pred.Leaf leaf, SegmentFacts facts, IndexEvaluator evaluator, Basis[] basis) {
    double share;
    Basis b;
    if (facts.absent(leaf.field())) {
      share = evaluator.count(leaf) / Math.max(1, facts.rows());
      b = Basis.ABSENT_FIELD;
    } else {
      double c = evaluator.count(leaf);
      if (!Double.isNaN(c)) {
        share = facts.rows() == 0 ? 0 : c / facts.rows();
        b = Basis.INDEX;
      } else {
        share = StatsEstimates.share(leaf, facts.stats(leaf.field()));
        b = Basis.STATISTICS;
        if (Double.isNaN(share)) {
          share = Selectivity.guess(leaf);
          b = Basis.GUESS;
        }
      }
    }
    if (b.ordinal() > basis[0].ordinal()) {
      basis[0] = b;
    }
    return share;
  }

  /** A compiled condition with field names in place of ordinals. */
  static String describe(Pred p, Schema schema) {
    Matcher m = FIELD_REF.matcher(p.toString());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int ordinal = Integer.parseInt(m.group(1));
      String name =
          ordinal == RowValues.ID
              ? "id"
              : ordinal >= 0 && ordinal < schema.fields().size()
                  ? schema.fields().get(ordinal).name()
                  : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(name));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
