package io.quiver.internal.engine;

import io.quiver.StorageException;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.segment.RowSource;
import io.quiver.internal.segment.Segment;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.roaringbitmap.RoaringBitmap;

/**
 * Flushes and merges, on one background thread per collection so that commits happen in order.
 * Writers never wait for it unless two frozen memtables are already queued (backpressure that
 * bounds memory to about three memtables).
 *
 * <p>Flush: the active memtable is frozen (the log rotates, so the frozen rows' records end in the
 * older log files) and stays searchable while its live rows are written to a new segment; then,
 * under the writer lock, deletions that happened meanwhile are carried over and the segment
 * replaces the frozen memtable in a new version whose log checkpoint is the freeze point.
 *
 * <p>Merge: when there are more than {@link #MAX_SEGMENTS} segments, the smallest are rewritten as
 * one; a segment with more than {@link #MAX_DELETED_SHARE} of its rows deleted is rewritten without
 * them.
 */
final class Maintenance implements AutoCloseable {
  static final int MAX_SEGMENTS = 10;
  static final double MAX_DELETED_SHARE = 0.3;
  private static final int MAX_FROZEN = 2;
  private static final System.Logger LOG = System.getLogger("io.quiver.maintenance");

  private final Engine engine;
  private final Committer committer;
  private final ExecutorService worker;
  private volatile boolean closing;

  Maintenance(Engine engine, Committer committer) {
    this.engine = engine;
    this.committer = committer;
    String name = "quiver-maintenance-" + engine.dir.getFileName();
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /** After a write: freezes the memtable if it is full and queues its flush. */
  void afterWrite() {
    Future<?> wait = null;
    engine.writeLock.lock();
    try {
      MemTable active = engine.head.active.table();
      if (active.bytes() < engine.options.flushThresholdMb() * (1L << 20)) {
        return;
      }
      freezeLocked();
      Future<?> f = worker.submit(this::flushFrozenTask);
      if (engine.head.frozen.size() > MAX_FROZEN) {
        wait = f;
      }
    } finally {
      engine.writeLock.unlock();
    }
    if (wait != null) {
      await(wait);
    }
  }

  /** Freezes the memtable and writes every frozen one to a segment; returns when committed. */
  void flush() {
    engine.writeLock.lock();
    try {
      freezeLocked();
    } finally {
      engine.writeLock.unlock();
    }
    await(worker.submit(this::flushFrozenTask));
  }

  /** Flushes, merges until the merge policy is satisfied, and waits for every index build. */
  void optimize() {
    flush();
    await(worker.submit(() -> mergeTask(true)));
    engine.indexBuilds.scheduleMissing();
    engine.indexBuilds.awaitIdle();
  }

  /**
   * Changes the schema: under the writer lock (writes wait), every memtable is flushed, then a
   * version with the new schema is committed. Memtable rows are keyed by field name, segment files
   * by permanent field id, so after the flush a rename or drop needs no rewriting.
   */
  void changeSchema(java.util.function.UnaryOperator<io.quiver.internal.doc.BoundSchema> change) {
    changeSchema(change, -1);
  }

  /**
   * {@link #changeSchema(java.util.function.UnaryOperator)}, also detaching every segment's index
   * of field {@code dropIndexOf} (-1 for none) in the same version; new builds are queued.
   */
  void changeSchema(
      java.util.function.UnaryOperator<io.quiver.internal.doc.BoundSchema> change,
      int dropIndexOf) {
    await(
        worker.submit(
            () -> {
              engine.writeLock.lock();
              try {
                io.quiver.internal.doc.BoundSchema next = change.apply(engine.schema);
                freezeLocked();
                while (!engine.head.frozen.isEmpty()) {
                  flushOne(engine.head.frozen.getFirst());
                }
                View h = engine.syncAndPublishHead();
                MemSnapshot fresh = new MemSnapshot(new MemTable(next), 0, new RoaringBitmap(), -1);
                List<SegmentSnapshot> segs = new ArrayList<>();
                List<SegmentSnapshot> built = new ArrayList<>();
                try {
                  for (SegmentSnapshot s : h.segments) {
                    SegmentSnapshot t = dropIndexOf < 0 ? s : s.withoutIndex(dropIndexOf);
                    SegmentSnapshot synced =
                        ScalarIndexes.sync(
                            engine.segmentsDir, t, next, committer, engine.options.enableMmap());
                    segs.add(synced);
                    built.add(t);
                    built.add(synced);
                  }
                  View draft = new View(h.manifest, segs, List.of(), fresh, h.seq);
                  committer.commit(draft, engine.committed.walCheckpoint(), next);
                } finally {
                  // The view holds its own references now (or failed): drop the initial ones.
                  for (int i = 0; i < built.size(); i += 2) {
                    releaseAdded(built.get(i), built.get(i + 1));
                  }
                }
                engine.schema = next;
              } catch (IOException e) {
                engine.fail(e);
                throw new StorageException(
                    "could not commit the schema change in " + engine.dir, e);
              } finally {
                engine.writeLock.unlock();
              }
              engine.indexBuilds.scheduleMissing();
              return null;
            }));
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a flush", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Caller holds the writer lock. */
  private void freezeLocked() {
    engine.checkWritable();
    View h = engine.head;
    if (h.active.rows() == 0) {
      return;
    }
    try {
      engine.wal.rotate();
    } catch (IOException e) {
      engine.fail(e);
      throw new StorageException("could not start a new log file in " + engine.walDir, e);
    }
    List<MemSnapshot> frozen = new ArrayList<>(h.frozen);
    MemSnapshot a = h.active;
    frozen.add(new MemSnapshot(a.table(), a.rows(), a.deleted(), h.seq));
    MemSnapshot fresh = new MemSnapshot(new MemTable(engine.schema), 0, new RoaringBitmap(), -1);
    engine.pushHead(new View(engine.committed, h.segments, frozen, fresh, h.seq));
    engine.publishUpTo(h.seq);
  }

  private void flushFrozenTask() {
    while (!closing) {
      MemSnapshot start;
      engine.writeLock.lock();
      try {
        if (engine.head.frozen.isEmpty()) {
          break;
        }
        start = engine.head.frozen.getFirst();
      } finally {
        engine.writeLock.unlock();
      }
      try {
        flushOne(start);
      } catch (IOException | RuntimeException e) {
        engine.fail(e);
        LOG.log(Level.ERROR, "flush of " + engine.dir + " failed; writes are stopped", e);
        throw e instanceof IOException io
            ? new StorageException("flush of " + engine.dir + " failed", io)
            : (RuntimeException) e;
      }
    }
    mergeTask(false);
  }

  private void flushOne(MemSnapshot start) throws IOException {
    MemTable table = start.table();
    RoaringBitmap deletedAtStart = start.deleted();
    int[] live = liveRows(start.rows(), deletedAtStart);
    RowSource source =
        new RowSource() {
          @Override
          public int rowCount() {
            return live.length;
          }

          @Override
          public String id(int i) {
            return table.id(live[i]);
          }

          @Override
          public Object value(FieldInfo field, int i) {
            return table.value(field, live[i]);
          }
        };
    SegmentSnapshot fresh = writeSegment(source);
    engine.writeLock.lock();
    try {
      View h = engine.syncAndPublishHead();
      MemSnapshot now = h.frozen.getFirst();
      if (now.table() != table) {
        throw new IllegalStateException("frozen memtables were flushed out of order");
      }
      RoaringBitmap later = RoaringBitmap.andNot(now.deleted(), deletedAtStart);
      RoaringBitmap segDeleted = remap(later, live);
      List<SegmentSnapshot> segs = new ArrayList<>(h.segments);
      segs.add(withDeletes(fresh, segDeleted));
      View draft =
          new View(h.manifest, segs, h.frozen.subList(1, h.frozen.size()), h.active, h.seq);
      committer.commit(draft, now.freezeSeq());
      engine.indexBuilds.scheduleMissing();
    } finally {
      engine.writeLock.unlock();
      releaseInitial(fresh);
    }
  }

  /**
   * Writes a new segment under a reserved id (released again if the writing fails) and its scalar
   * indexes (every file fsynced) and opens them; the snapshot holds the objects' initial
   * references, which {@link #releaseInitial} drops once a view holds its own.
   */
  private SegmentSnapshot writeSegment(RowSource source) throws IOException {
    long id = committer.reserveSegmentId();
    Segment seg;
    try {
      seg =
          SegmentBuilder.write(
              engine.segmentsDir, id, engine.schema, source, engine.options.enableMmap());
    } catch (IOException | RuntimeException e) {
      committer.unreserve(id);
      throw e;
    }
    try {
      return ScalarIndexes.sync(
          engine.segmentsDir,
          SegmentSnapshot.of(seg, new RoaringBitmap(), 0),
          engine.schema,
          committer,
          engine.options.enableMmap());
    } catch (IOException | RuntimeException e) {
      seg.release();
      committer.unreserve(id);
      throw e;
    }
  }

  private static SegmentSnapshot withDeletes(SegmentSnapshot fresh, RoaringBitmap deleted) {
    return deleted.isEmpty() ? fresh : fresh.withDeleted(deleted);
  }

  /** Releases the initial reference of each index {@code after} has and {@code before} lacks. */
  private static void releaseAdded(SegmentSnapshot before, SegmentSnapshot after) {
    after
        .indexes()
        .forEach(
            (field, ref) -> {
              if (before.indexes().get(field) != ref) {
                ref.release();
              }
            });
  }

  private static void releaseInitial(SegmentSnapshot fresh) {
    for (IndexRef r : fresh.indexes().values()) {
      r.release();
    }
    fresh.segment().release();
  }

  private void mergeTask(boolean untilDone) {
    do {
      if (closing) {
        return;
      }
      List<SegmentSnapshot> picked;
      engine.writeLock.lock();
      try {
        picked = pickMerge(engine.head.segments);
      } finally {
        engine.writeLock.unlock();
      }
      if (picked.isEmpty()) {
        return;
      }
      try {
        merge(picked);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "merge in " + engine.dir + " failed; will retry later", e);
        return;
      }
    } while (untilDone);
  }

  /** The segments to merge next, or none. */
  static List<SegmentSnapshot> pickMerge(List<SegmentSnapshot> segments) {
    List<SegmentSnapshot> out = new ArrayList<>();
    for (SegmentSnapshot s : segments) {
      if (s.segment().rows() > 0
          && s.deleted().getCardinality() > MAX_DELETED_SHARE * s.segment().rows()) {
        out.add(s);
      }
    }
    if (segments.size() - out.size() > MAX_SEGMENTS) {
      List<SegmentSnapshot> bySize = new ArrayList<>(segments);
      bySize.removeAll(out);
      bySize.sort(Comparator.comparingLong(SegmentSnapshot::live));
      int take = Math.min(MAX_SEGMENTS, segments.size() - out.size() - MAX_SEGMENTS + 1);
      out.addAll(bySize.subList(0, Math.max(2, take)));
    }
    return out;
  }

  private void merge(List<SegmentSnapshot> sources) throws IOException {
    int n = sources.size();
    int[][] live = new int[n][];
    int[] starts = new int[n + 1];
    for (int i = 0; i < n; i++) {
      SegmentSnapshot s = sources.get(i);
      live[i] = liveRows(s.segment().rows(), s.deleted());
      starts[i + 1] = starts[i] + live[i].length;
    }
    RowSource source =
        new RowSource() {
          @Override
          public int rowCount() {
            return starts[n];
          }

          private int which(int i) {
            int k = java.util.Arrays.binarySearch(starts, i);
            if (k < 0) {
              return -k - 2;
            }
            while (k + 1 < n && starts[k + 1] == i) {
              k++;
            }
            return k;
          }

          @Override
          public String id(int i) {
            int k = which(i);
            return sources.get(k).segment().id(live[k][i - starts[k]]);
          }

          @Override
          public Object value(FieldInfo field, int i) {
            int k = which(i);
            return sources.get(k).segment().value(field, live[k][i - starts[k]]);
          }
        };
    SegmentSnapshot merged = writeSegment(source);
    engine.writeLock.lock();
    try {
      View h = engine.syncAndPublishHead();
      RoaringBitmap mergedDeleted = new RoaringBitmap();
      List<SegmentSnapshot> segs = new ArrayList<>();
      for (SegmentSnapshot s : h.segments) {
        int k = indexOf(sources, s.segment());
        if (k < 0) {
          segs.add(s);
          continue;
        }
        RoaringBitmap later = RoaringBitmap.andNot(s.deleted(), sources.get(k).deleted());
        RoaringBitmap mapped = remap(later, live[k]);
        mapped.forEach((int r) -> mergedDeleted.add(r + starts[k]));
      }
      if (segs.size() != h.segments.size() - n) {
        throw new IllegalStateException("merge sources changed while merging");
      }
      segs.add(withDeletes(merged, mergedDeleted));
      View draft = new View(h.manifest, segs, h.frozen, h.active, h.seq);
      committer.commit(draft, engine.committed.walCheckpoint());
      engine.indexBuilds.scheduleMissing();
    } finally {
      engine.writeLock.unlock();
      releaseInitial(merged);
    }
  }

  private static int indexOf(List<SegmentSnapshot> list, Segment seg) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).segment() == seg) {
        return i;
      }
    }
    return -1;
  }

  /** The rows below {@code rows} not in {@code deleted}, ascending. */
  static int[] liveRows(int rows, RoaringBitmap deleted) {
    int[] out = new int[rows - (int) deleted.rangeCardinality(0, rows)];
    int j = 0;
    for (int r = 0; r < rows; r++) {
      if (!deleted.contains(r)) {
        out[j++] = r;
      }
    }
    return out;
  }

  /** Maps old row numbers to their position in {@code live} (rows not in it are dropped). */
  static RoaringBitmap remap(RoaringBitmap oldRows, int[] live) {
    RoaringBitmap out = new RoaringBitmap();
    oldRows.forEach(
        (int r) -> {
          int k = java.util.Arrays.binarySearch(live, r);
          if (k >= 0) {
            out.add(k);
          }
        });
    return out;
  }

  @Override
  public void close() {
    closing = true;
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.MINUTES)) {
        LOG.log(Level.WARNING, "background work of {0} did not finish in time", engine.dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
