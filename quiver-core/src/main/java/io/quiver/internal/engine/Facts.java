package io.quiver.internal.engine;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.query.plan.SegmentFacts;
import io.quiver.internal.segment.FieldStats;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;

/** Gathers what the planner needs to know about the sources of a view. */
final class Facts {
  private Facts() {}

  /**
   * A segment's statistics, scalar indexes and missing columns, by field ordinal.
   *
   * @param vectorField the field a query searches, or null (filter-only reads)
   */
  static SegmentFacts of(BoundSchema schema, SegmentSnapshot s, FieldInfo vectorField) {
    int n = schema.fields().size();
    FieldStats[] stats = new FieldStats[n];
    ScalarIndex[] indexes = new ScalarIndex[n];
    boolean[] absent = new boolean[n];
    Segment seg = s.segment();
    for (FieldInfo f : schema.scalarFields()) {
      stats[f.ordinal()] = seg.stats(f);
      absent[f.ordinal()] = !seg.hasColumn(f);
      IndexRef ref = s.indexes().get(f.id());
      indexes[f.ordinal()] = ref == null ? null : ref.scalar;
    }
    String vectorIndex = null;
    if (vectorField != null && seg.dense(vectorField) != null) {
      IndexRef ref = s.indexes().get(vectorField.id());
      vectorIndex = ref == null || ref.index == null ? null : ref.kind;
    }
    return new SegmentFacts(
        "segment " + SegmentFiles.prefix(seg.info().id()),
        seg.rows(),
        s.deleted(),
        stats,
        indexes,
        absent,
        vectorIndex);
  }

  /** An in-memory segment: no statistics, no indexes, searched exactly. */
  static SegmentFacts of(BoundSchema schema, MemSnapshot m, boolean active) {
    int n = schema.fields().size();
    return new SegmentFacts(
        active ? "memtable" : "memtable (flushing)",
        m.rows(),
        m.deleted(),
        new FieldStats[n],
        new ScalarIndex[n],
        new boolean[n],
        null);
  }
}
