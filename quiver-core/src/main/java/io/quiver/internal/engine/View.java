package io.quiver.internal.engine;

import io.quiver.internal.manifest.Manifest;
import io.quiver.internal.store.RefCount;
import java.util.List;

/**
 * One consistent state of a collection: the committed segments with their deletions, the frozen
 * memtables being flushed and the active memtable, as of log sequence {@code seq}. Immutable and
 * reference-counted: a query pins the view it started on, and the view's segments stay mapped until
 * the last query releases it.
 */
final class View {
  final Manifest manifest;
  final List<SegmentSnapshot> segments;
  final List<MemSnapshot> frozen;
  final MemSnapshot active;
  final long seq;
  final long live;
  private final RefCount refs = new RefCount("view", this::releaseParts);

  View(
      Manifest manifest,
      List<SegmentSnapshot> segments,
      List<MemSnapshot> frozen,
      MemSnapshot active,
      long seq) {
    this.manifest = manifest;
    this.segments = List.copyOf(segments);
    this.frozen = List.copyOf(frozen);
    this.active = active;
    this.seq = seq;
    long n = active == null ? 0 : active.live();
    for (MemSnapshot m : this.frozen) {
      n += m.live();
    }
    for (SegmentSnapshot s : this.segments) {
      n += s.live();
    }
    this.live = n;
    for (SegmentSnapshot s : this.segments) {
      if (!s.segment().retain()) {
        throw new IllegalStateException("segment " + s.segment().info().id() + " is closed");
      }
      for (IndexRef i : s.indexes().values()) {
        if (!i.retain()) {
          throw new IllegalStateException("index " + i.file() + " is closed");
        }
      }
    }
  }

  /** Takes a reference; false if the view was already released by everyone. */
  boolean tryRetain() {
    return refs.retain();
  }

  /** Drops a reference; the last one releases the segments and their indexes. */
  void release() {
    refs.release();
  }

  private void releaseParts() {
    for (SegmentSnapshot s : segments) {
      for (IndexRef i : s.indexes().values()) {
        i.release();
      }
      s.segment().release();
    }
  }

  /** The memtables, newest first (active, then frozen from newest). */
  List<MemSnapshot> memtablesNewestFirst() {
    java.util.ArrayList<MemSnapshot> out = new java.util.ArrayList<>();
    if (active != null) {
      out.add(active);
    }
    for (int i = frozen.size() - 1; i >= 0; i--) {
      out.add(frozen.get(i));
    }
    return out;
  }

  /** Rows in the memtables (visible ones, deleted included). */
  long memtableRows() {
    long n = active == null ? 0 : active.rows();
    for (MemSnapshot m : frozen) {
      n += m.rows();
    }
    return n;
  }
}
