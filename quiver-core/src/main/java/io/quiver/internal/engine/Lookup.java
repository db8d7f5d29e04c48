package io.quiver.internal.engine;

import io.quiver.Document;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.segment.Segment;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Finds the live version of an id. Ids are unique among live rows, so the first live row found is
 * the one: memtables are searched first (a hash lookup each), then segments newest first (a binary
 * search of each segment's primary-key order).
 */
final class Lookup {
  private Lookup() {}

  /** The live location of {@code id} among these memtables and segments, or null. */
  static Location find(
      String id,
      List<MemSnapshot> mems,
      RoaringBitmap[] memDeleted,
      List<SegmentSnapshot> segs,
      RoaringBitmap[] segDeleted) {
    for (int m = 0; m < mems.size(); m++) {
      MemSnapshot ms = mems.get(m);
      int rows = ms.rows();
      int row = ms.table().newestRow(id, rows);
      if (row >= 0 && !memDeleted[m].contains(row)) {
        return new Location(m, -1, row);
      }
    }
    for (int s = segs.size() - 1; s >= 0; s--) {
      Segment seg = segs.get(s).segment();
      int row = seg.findRow(id);
      if (row >= 0 && !segDeleted[s].contains(row)) {
        return new Location(-1, s, row);
      }
    }
    return null;
  }

  /** The live location of {@code id} in a published view, or null. */
  static Location find(View v, String id) {
    List<MemSnapshot> mems = v.memtablesNewestFirst();
    RoaringBitmap[] md = new RoaringBitmap[mems.size()];
    for (int i = 0; i < md.length; i++) {
      md[i] = mems.get(i).deleted();
    }
    RoaringBitmap[] sd = new RoaringBitmap[v.segments.size()];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = v.segments.get(i).deleted();
    }
    return find(id, mems, md, v.segments, sd);
  }

  /** The whole document at a location of view {@code v}'s memtables and segments. */
  static Document read(
      List<MemSnapshot> mems, List<SegmentSnapshot> segs, Location loc, List<FieldInfo> fields) {
    if (loc.memtable() >= 0) {
      return mems.get(loc.memtable()).table().doc(loc.row());
    }
    Segment seg = segs.get(loc.segment()).segment();
    Document.Builder b = Document.builder(seg.id(loc.row()));
    for (FieldInfo f : fields) {
      b.set(f.name(), seg.value(f, loc.row()));
    }
    return b.build();
  }
}
