package io.quiver.internal.engine;

import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentInfo;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * A segment as one snapshot sees it.
 *
 * @param segment the opened segment
 * @param info what the manifest records about it, its built indexes included
 * @param deleted rows deleted as of the snapshot; never modified once published
 * @param generation the generation of the deletion file holding exactly {@code deleted}, or -1 if
 *     the deletions changed since the last commit (the next commit writes a new file)
 * @param indexes the opened indexes by field id
 */
record SegmentSnapshot(
    Segment segment,
    SegmentInfo info,
    RoaringBitmap deleted,
    long generation,
    Map<Integer, IndexRef> indexes) {

  SegmentSnapshot {
    indexes = Map.copyOf(indexes);
  }

  /** A freshly written segment without indexes. */
  static SegmentSnapshot of(Segment segment, RoaringBitmap deleted, long generation) {
    return new SegmentSnapshot(segment, segment.info(), deleted, generation, Map.of());
  }

  /** Live rows. */
  long live() {
    return segment.rows() - deleted.getCardinality();
  }

  /** Whether the deletions changed since the last commit. */
  boolean dirty() {
    return generation < 0;
  }

  /** This snapshot with other deletions (not yet committed). */
  SegmentSnapshot withDeleted(RoaringBitmap d) {
    return new SegmentSnapshot(segment, info, d, -1, indexes);
  }

  /** This snapshot with its deletions committed as generation {@code gen}. */
  SegmentSnapshot withGeneration(long gen) {
    return new SegmentSnapshot(segment, info, deleted, gen, indexes);
  }

  /** This snapshot without the index of {@code fieldId}. */
  SegmentSnapshot withoutIndex(int fieldId) {
    if (!indexes.containsKey(fieldId) && info.index(fieldId) == null) {
      return this;
    }
    Map<Integer, IndexRef> m = new HashMap<>(indexes);
    m.remove(fieldId);
    return new SegmentSnapshot(segment, info.withoutIndex(fieldId), deleted, generation, m);
  }

  /** This snapshot with one more index (the manifest entry too). */
  SegmentSnapshot withIndex(int fieldId, SegmentInfo.IndexFile file, IndexRef ref) {
    Map<Integer, IndexRef> m = new HashMap<>(indexes);
    m.put(fieldId, ref);
    return new SegmentSnapshot(segment, info.withIndex(file), deleted, generation, m);
  }
}
