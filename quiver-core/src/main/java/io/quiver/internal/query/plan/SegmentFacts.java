package io.quiver.internal.query.plan;

import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.segment.FieldStats;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the planner knows about one source of a query (a segment or a memtable), with fields named
 * by their ordinal in the query's schema.
 *
 * @param name how {@code explain} names the source ("segment 0000000003", "memtable")
 * @param rows rows of the source, deleted ones included
 * @param deleted its deleted rows
 * @param stats per field ordinal, the column statistics, or null when unknown
 * @param indexes per field ordinal, the field's inverted index, or null
 * @param absent per field ordinal, whether the source predates the field: every row is null
 * @param vectorIndex the kind of the vector index the query would traverse ("hnsw"), or null when
 *     the source is searched exactly
 */
public record SegmentFacts(
    String name,
    int rows,
    RoaringBitmap deleted,
    FieldStats[] stats,
    ScalarIndex[] indexes,
    boolean[] absent,
    String vectorIndex) {

  /** Live rows. */
  public int live() {
    return rows - deleted.getCardinality();
  }

  FieldStats stats(int field) {
    return field < 0 ? null : stats[field];
  }

  ScalarIndex index(int field) {
    return field < 0 ? null : indexes[field];
  }

  boolean absent(int field) {
    return field >= 0 && absent[field];
  }
}
