package io.quiver.internal.engine;

import io.quiver.Document;
import io.quiver.internal.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Applies one write call to a copy of the writer's newest view. Deletion bitmaps are copied the
 * first time the call touches them (copy-on-write), so views already published never change.
 * Writer-only, under the writer lock.
 */
final class ViewBuilder {
  private final View base;
  private final List<MemSnapshot> mems;
  private final RoaringBitmap[] memDeleted;
  private final boolean[] memCopied;
  private final RoaringBitmap[] segDeleted;
  private final boolean[] segCopied;
  private int activeRows;

  ViewBuilder(View base) {
    this.base = base;
    this.mems = base.memtablesNewestFirst();
    this.memDeleted = new RoaringBitmap[mems.size()];
    this.memCopied = new boolean[mems.size()];
    for (int i = 0; i < memDeleted.length; i++) {
      memDeleted[i] = mems.get(i).deleted();
    }
    this.segDeleted = new RoaringBitmap[base.segments.size()];
    this.segCopied = new boolean[segDeleted.length];
    for (int i = 0; i < segDeleted.length; i++) {
      segDeleted[i] = base.segments.get(i).deleted();
    }
    this.activeRows = base.active.rows();
  }

  /** The live location of {@code id} including this call's changes so far, or null. */
  Location find(String id) {
    return Lookup.find(id, visibleMems(), memDeleted, base.segments, segDeleted);
  }

  private List<MemSnapshot> visibleMems() {
    if (activeRows == base.active.rows()) {
      return mems;
    }
    List<MemSnapshot> out = new ArrayList<>(mems);
    MemSnapshot a = base.active;
    out.set(0, new MemSnapshot(a.table(), activeRows, memDeleted[0], -1));
    return out;
  }

  /** The whole live document at {@code loc}. */
  Document read(Location loc) {
    return Lookup.read(visibleMems(), base.segments, loc, base.manifest.schema().fields());
  }

  /** Marks the row at {@code loc} deleted. */
  void delete(Location loc) {
    if (loc.memtable() >= 0) {
      int m = loc.memtable();
      if (!memCopied[m]) {
        memDeleted[m] = memDeleted[m].clone();
        memCopied[m] = true;
      }
      memDeleted[m].add(loc.row());
    } else {
      int s = loc.segment();
      if (!segCopied[s]) {
        segDeleted[s] = segDeleted[s].clone();
        segCopied[s] = true;
      }
      segDeleted[s].add(loc.row());
    }
  }

  /** Appends a document to the active memtable; it is live in the built view. */
  void append(Document doc, long seq) {
    int row = base.active.table().append(doc, seq);
    activeRows = row + 1;
  }

  /** The view with this call's changes, as of {@code seq}. */
  View build(long seq, Manifest manifest) {
    List<SegmentSnapshot> segs = new ArrayList<>(base.segments.size());
    for (int i = 0; i < segDeleted.length; i++) {
      SegmentSnapshot s = base.segments.get(i);
      segs.add(segCopied[i] ? s.withDeleted(segDeleted[i]) : s);
    }
    // memtablesNewestFirst(): index 0 is the active one, then frozen newest to oldest.
    List<MemSnapshot> frozen = new ArrayList<>(base.frozen.size());
    for (int i = 0; i < base.frozen.size(); i++) {
      int m = mems.size() - 1 - i;
      MemSnapshot f = base.frozen.get(i);
      frozen.add(
          memCopied[m] ? new MemSnapshot(f.table(), f.rows(), memDeleted[m], f.freezeSeq()) : f);
    }
    MemSnapshot a = base.active;
    MemSnapshot active = new MemSnapshot(a.table(), activeRows, memDeleted[0], -1);
    return new View(manifest, segs, frozen, active, seq);
  }
}
