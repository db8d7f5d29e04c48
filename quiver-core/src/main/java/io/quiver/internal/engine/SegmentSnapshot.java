package io.quiver.internal.engine;

import io.quiver.internal.segment.Segment;
import org.roaringbitmap.RoaringBitmap;

/**
 * A segment as one snapshot sees it.
 *
 * @param segment the opened segment
 * @param deleted rows deleted as of the snapshot; never modified once published
 * @param generation the generation of the deletion file holding exactly {@code deleted}, or -1 if
 *     the deletions changed since the last commit (the next commit writes a new file)
 */
record SegmentSnapshot(Segment segment, RoaringBitmap deleted, long generation) {

  /** Live rows. */
  long live() {
    return segment.rows() - deleted.getCardinality();
  }

  /** Whether the deletions changed since the last commit. */
  boolean dirty() {
    return generation < 0;
  }
}
