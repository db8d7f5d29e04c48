package io.quiver.internal.engine;

import io.quiver.Collection;
import io.quiver.internal.query.plan.Planner;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Strategy;
import java.util.List;

/**
 * Test access to the planner from other packages: thresholds that force each strategy, and a search
 * or explain of a collection's current view under them.
 */
public final class ForcedPlans {
  private ForcedPlans() {}

  /** Thresholds that force one strategy on every segment where it applies. */
  public enum Preset {
    /** Exact scoring of the rows the scalar indexes give (pre-filtering); a scan without them. */
    EXACT_CANDIDATES(new Planner.Thresholds(Integer.MAX_VALUE, 1.0, 0.3, 1.0), null),
    /** Exact scoring of every row, the filter tested per row; the indexes are not read. */
    EXACT_SCAN(new Planner.Thresholds(0, 1.0, 0.3, -1), Strategy.EXACT_SCAN),
    /** Two-hop traversal testing the index candidates. */
    TWO_HOP_CANDIDATES(new Planner.Thresholds(0, 0, 1.01, 1.0), Strategy.GRAPH_TWO_HOP),
    /** Two-hop traversal testing the filter per row. */
    TWO_HOP_FILTER(new Planner.Thresholds(0, 0, 1.01, -1), Strategy.GRAPH_TWO_HOP),
    /** HNSW traversal through rejected nodes, candidates from the indexes. */
    CHECK_AS_FOUND_CANDIDATES(new Planner.Thresholds(0, 0, 0, 1.0), Strategy.GRAPH_CHECK_AS_FOUND),
    /** HNSW traversal through rejected nodes, the filter tested per row. */
    CHECK_AS_FOUND_FILTER(new Planner.Thresholds(0, 0, 0, -1), Strategy.GRAPH_CHECK_AS_FOUND),
    /** The planner's own choice. */
    DEFAULT(Planner.DEFAULT, null);

    private final Planner.Thresholds thresholds;
    private final Strategy forced;

    Preset(Planner.Thresholds thresholds, Strategy forced) {
      this.thresholds = thresholds;
      this.forced = forced;
    }

    /** The thresholds. */
    public Planner.Thresholds thresholds() {
      return thresholds;
    }

    /**
     * The strategy a segment with a vector index gets under this preset unless it is skipped or at
     * most topK rows match (then exact scoring), or null when it depends on the indexes.
     */
    public Strategy forced() {
      return forced;
    }

    /** Whether every answer under this preset must be the exact top k. */
    public boolean exact() {
      return this == EXACT_CANDIDATES || this == EXACT_SCAN;
    }
  }

  /** {@code query} on the collection's current view, planned under {@code preset}. */
  public static List<Hit> search(Collection c, Query query, Preset preset) {
    Engine engine = ((LocalCollection) c).engine();
    View v = engine.acquire();
    try {
      return new Searcher(null, 1, preset.thresholds()).search(v, query);
    } finally {
      v.release();
    }
  }

  /** The plan of {@code query} on the collection's current view under {@code preset}. */
  public static QueryPlan explain(Collection c, Query query, Preset preset) {
    Engine engine = ((LocalCollection) c).engine();
    View v = engine.acquire();
    try {
      return new Searcher(null, 1, preset.thresholds()).explain(v, query);
    } finally {
      v.release();
    }
  }
}
