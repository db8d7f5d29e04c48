package io.quiver.internal.engine;

import io.quiver.internal.memtable.MemTable;
import org.roaringbitmap.RoaringBitmap;

/**
 * An in-memory segment as one snapshot sees it: its first {@code rows} rows, minus {@code deleted}.
 * The bitmap is never modified once the snapshot is published; writers copy it.
 *
 * @param table the memtable
 * @param rows rows visible to the snapshot
 * @param deleted rows deleted or replaced as of the snapshot
 * @param freezeSeq for a frozen memtable (being flushed), the last sequence number it covers; -1
 *     for the active one
 */
record MemSnapshot(MemTable table, int rows, RoaringBitmap deleted, long freezeSeq) {

  /** Live rows. */
  long live() {
    return rows - deleted.getCardinality();
  }

  /** Whether {@code row} is visible and not deleted. */
  boolean isLive(int row) {
    return row >= 0 && row < rows && !deleted.contains(row);
  }
}
