package io.quiver.query;

import java.util.List;
import java.util.Locale;

/**
 * How a query would be answered, from {@link io.quiver.Collection#explain}: for each source of the
 * snapshot (the in-memory segment and every flushed segment) the strategy the planner chose and the
 * estimates behind it. Planning reads indexes and statistics but scores no vector.
 *
 * <p>The planner estimates the share of a source's live rows that pass the filter (exactly, from
 * the scalar indexes, when every condition has one; otherwise from per-segment column statistics,
 * or fixed guesses) and then picks, per source:
 *
 * <ul>
 *   <li>{@link Strategy#EXACT_CANDIDATES} or {@link Strategy#EXACT_SCAN} when few rows match (exact
 *       scoring of just those rows costs less than a graph search),
 *   <li>{@link Strategy#GRAPH_CHECK_AS_FOUND} otherwise,
 * </ul>
 *
 * and {@link Strategy#SKIP} when the indexes prove that no live row matches. Whatever the strategy,
 * a query returns {@code topK} hits whenever at least {@code topK} live rows match: a graph search
 * that finds fewer falls back to exact scoring.
 *
 * <p>{@link #toString()} prints the plan as indented text, for example:
 *
 * <pre>
 * plan for topK 10 on 'v', filter: cat &lt; 10 AND flag = true
 *   segment 0000000001: 1000000 rows, 1000000 live, hnsw index
 *     EXACT_CANDIDATES: about 5000 rows match (0.500%), estimated; 10000 candidates from the indexes
 *       cat IN [-9223372036854775808, 9]   1.000%  index
 *       flag IN (true)                     50.000%  statistics
 *   memtable: 12 rows, 12 live, no index
 *     EXACT_SCAN: about 0 rows match (0.500%), estimated
 * </pre>
 *
 * @param field the vector field searched
 * @param topK the number of hits asked for
 * @param filter the filter's canonical text, or null without a filter
 * @param sources one entry per source, memtables (newest first) then segments (oldest first)
 */
public record QueryPlan(String field, int topK, String filter, List<Source> sources) {

  /** Copies the list. */
  public QueryPlan {
    sources = List.copyOf(sources);
  }

  /** How one source is searched. */
  public enum Strategy {
    /** The indexes prove that no live row passes the filter: the source is not searched. */
    SKIP,
    /** Every live row is checked against the filter, and the passing ones are scored exactly. */
    EXACT_SCAN,
    /**
     * The rows the scalar indexes give are scored exactly (after a re-check with the filter when
     * the indexes answer only part of it): few rows match.
     */
    EXACT_CANDIDATES,
    /** No filter: the vector index is traversed as usual. */
    GRAPH,
    /**
     * Filtered graph traversal through matching nodes only, reaching past a non-matching neighbour
     * to its neighbours (two hops, as ACORN-1 does). The default planner does not choose it: on the
     * filters measured, checking candidates as found was faster at the same recall.
     */
    GRAPH_TWO_HOP,
    /**
     * Graph traversal through every node, each candidate checked against the filter as it is found:
     * more rows match than exact scoring handles cheaply.
     */
    GRAPH_CHECK_AS_FOUND
  }

  /** Where an estimate comes from. */
  public enum Basis {
    /** Counted in the field's scalar index: exact. */
    INDEX,
    /** The segment predates the field: every row is null, so the answer is exact. */
    ABSENT_FIELD,
    /** Estimated from the segment's column statistics (counts, min/max, a sample, distinct). */
    STATISTICS,
    /** Nothing is known (in-memory rows, the document id, array lengths): a fixed guess. */
    GUESS
  }

  /**
   * One top-level condition of the filter ({@code AND} operands) and its estimated selectivity.
   *
   * @param condition the condition as compiled (comparisons become inclusive ranges of the field's
   *     type)
   * @param selectivity the estimated share of the source's rows satisfying it, in [0, 1]
   * @param basis where the estimate comes from (the weakest basis of its parts)
   */
  public record Condition(String condition, double selectivity, Basis basis) {}

  /**
   * The plan of one source.
   *
   * @param source "memtable" or "segment" and the segment's number
   * @param rows rows of the source, deleted ones included
   * @param liveRows rows not deleted
   * @param vectorIndex the kind of the source's vector index ("hnsw"), or null when it has none (or
   *     the query asked for exact search)
   * @param strategy what the search does
   * @param estimatedMatches live rows estimated to pass the filter (all live rows without one)
   * @param exactCount whether {@code estimatedMatches} is a count, not an estimate
   * @param candidates rows the scalar indexes narrowed the source down to, or -1 when they were not
   *     used
   * @param conditions the estimate of each top-level condition (empty without a filter)
   */
  public record Source(
      String source,
      long rows,
      long liveRows,
      String vectorIndex,
      Strategy strategy,
      long estimatedMatches,
      boolean exactCount,
      long candidates,
      List<Condition> conditions) {

    /** Copies the list. */
    public Source {
      conditions = List.copyOf(conditions);
    }

    /** {@code estimatedMatches} as a share of the live rows. */
    public double share() {
      return liveRows == 0 ? 0 : (double) estimatedMatches / liveRows;
    }
  }

  /** The plan as indented text (see the class comment). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("plan for topK ").append(topK).append(" on '").append(field).append('\'');
    sb.append(filter == null ? ", no filter" : ", filter: " + filter).append('\n');
    for (Source s : sources) {
      sb.append("  ")
          .append(s.source())
          .append(": ")
          .append(s.rows())
          .append(" rows, ")
          .append(s.liveRows())
          .append(" live, ")
          .append(s.vectorIndex() == null ? "no index" : s.vectorIndex() + " index")
          .append('\n');
      sb.append("    ")
          .append(s.strategy())
          .append(": ")
          .append(s.exactCount() ? "" : "about ")
          .append(s.estimatedMatches())
          .append(" rows match (")
          .append(String.format(Locale.ROOT, "%.3f%%", 100 * s.share()))
          .append(s.exactCount() ? "), counted" : "), estimated");
      if (s.candidates() >= 0) {
        sb.append("; ").append(s.candidates()).append(" candidates from the indexes");
      }
      sb.append('\n');
      int width = 0;
      for (Condition c : s.conditions()) {
        width = Math.max(width, c.condition().length());
      }
      for (Condition c : s.conditions()) {
        sb.append("      ")
            .append(c.condition())
            .append(" ".repeat(width - c.condition().length()))
            .append(String.format(Locale.ROOT, "  %7.3f%%  ", 100 * c.selectivity()))
            .append(c.basis().name().toLowerCase(Locale.ROOT))
            .append('\n');
      }
    }
    return sb.toString();
  }
}
