package io.quiver.internal.engine;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.StringOrder;
import io.quiver.internal.query.plan.Planner;
import io.quiver.internal.segment.Segment;
import io.quiver.query.QueryPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.roaringbitmap.IntIterator;

/**
 * Finds the live rows that pass a filter, in ascending id order, after a given id. Segments keep
 * their rows' primary-key order on disk, so each is read from a binary-searched position on, unless
 * its scalar indexes narrow the filter down to few candidate rows, which are then visited instead;
 * memtable rows are sorted per call. The sorted streams are merged.
 */
final class Scanner {
  private Scanner() {}

  /** A matching row: its source (memtable index, then segments) and row. */
  record Match(String id, int source, int row) {}

  /**
   * Up to {@code limit} matching live rows of {@code v} with ids after {@code after} (null: from
   * the start), ascending by id.
   */
  static List<Match> scan(View v, CompiledFilter filter, String after, int limit) {
    BoundSchema schema = v.manifest.schema();
    List<MemSnapshot> mems = v.memtablesNewestFirst();
    PriorityQueue<Match> best =
        new PriorityQueue<>(Comparator.comparing(Match::id, StringOrder::compare).reversed());
    for (int m = 0; m < mems.size(); m++) {
      MemSnapshot ms = mems.get(m);
      MemTable table = ms.table();
      RowCursors.Mem cursor = filter == null ? null : new RowCursors.Mem(table, schema);
      for (int row = 0; row < ms.rows(); row++) {
        if (ms.deleted().contains(row)) {
          continue;
        }
        String id = table.id(row);
        if ((after == null || StringOrder.compare(id, after) > 0)
            && (filter == null || filter.test(cursor.at(row)))) {
          offer(best, new Match(id, m, row), limit);
        }
      }
    }
    for (int s = 0; s < v.segments.size(); s++) {
      SegmentSnapshot ss = v.segments.get(s);
      Segment seg = ss.segment();
      RowCursors.Seg cursor = filter == null ? null : new RowCursors.Seg(seg, schema);
      if (filter != null) {
        Planner.SegmentPlan plan =
            Planner.plan(filter, Facts.of(schema, ss, null), limit, true, Planner.DEFAULT);
        if (plan.strategy() == QueryPlan.Strategy.SKIP) {
          continue;
        }
        if (plan.candidates() != null) {
          // Few candidates from the indexes: visit them instead of every row in key order.
          IntIterator it = plan.candidates().getIntIterator();
          while (it.hasNext()) {
            int row = it.next();
            String id = seg.id(row);
            if ((after == null || StringOrder.compare(id, after) > 0)
                && (plan.candidatesExact() || filter.test(cursor.at(row)))) {
              offer(best, new Match(id, mems.size() + s, row), limit);
            }
          }
          continue;
        }
      }
      int taken = 0;
      for (int i = after == null ? 0 : seg.positionAfter(after);
          i < seg.rows() && taken < limit;
          i++) {
        int row = seg.rowInKeyOrder(i);
        if (!ss.deleted().contains(row) && (filter == null || filter.test(cursor.at(row)))) {
          String id = seg.id(row);
          if (best.size() == limit && StringOrder.compare(id, best.peek().id()) >= 0) {
            break; // every later id of this segment sorts after the current page
          }
          offer(best, new Match(id, mems.size() + s, row), limit);
          taken++;
        }
      }
    }
    List<Match> out = new ArrayList<>(best);
    out.sort(Comparator.comparing(Match::id, StringOrder::compare));
    return out;
  }

  private static void offer(PriorityQueue<Match> best, Match m, int limit) {
    if (best.size() < limit) {
      best.add(m);
    } else if (StringOrder.compare(m.id(), best.peek().id()) < 0) {
      best.poll();
      best.add(m);
    }
  }
}
