package io.quiver.internal.engine;

import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.IndexKind;
import io.quiver.internal.index.IndexKinds;
import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.store.FileUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the vector indexes of flushed and merged segments in the background, off the write path:
 * one build at a time on a coordinator thread, each using up to {@code optimizeThreads} worker
 * threads. A finished index is opened and attached to its segment in a new committed version; a
 * segment merged away meanwhile discards it. Until then the segment is searched exactly.
 */
final class IndexBuilds implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.quiver.index");

  private final Engine engine;
  private final Committer committer;
  private final ExecutorService coordinator;
  private final ExecutorService workers;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Object idle = new Object();
  private volatile boolean closing;

  IndexBuilds(Engine engine, Committer committer) {
    this.engine = engine;
    this.committer = committer;
    String name = "quiver-index-" + engine.dir.getFileName();
    this.coordinator =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            engine.options.optimizeThreads(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues a build for every (segment, field) of the newest view that lacks its index. */
  void scheduleMissing() {
    if (closing) {
      return;
    }
    List<Runnable> tasks = new ArrayList<>();
    engine.writeLock.lock();
    try {
      View h = engine.head;
      for (SegmentSnapshot s : h.segments) {
        for (FieldInfo f : h.manifest.schema().vectorFields()) {
          IndexKind kind = IndexKinds.forField(f.vector());
          if (kind == null || s.indexes().containsKey(f.id()) || s.segment().dense(f) == null) {
            continue;
          }
          String key = s.segment().info().id() + "/" + f.id();
          if (pending.add(key)) {
            Segment seg = s.segment();
            tasks.add(() -> build(key, seg, f, kind));
          }
        }
      }
    } finally {
      engine.writeLock.unlock();
    }
    for (Runnable t : tasks) {
      coordinator.execute(t);
    }
  }

  /** Waits until no build is queued or running. */
  void awaitIdle() {
    synchronized (idle) {
      while (!pending.isEmpty() && !closing) {
        try {
          idle.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for index builds", e);
        }
      }
    }
  }

  private void build(String key, Segment seg, FieldInfo field, IndexKind kind) {
    String fileName = SegmentFiles.prefix(seg.info().id()) + ".f" + field.id() + "." + kind.name();
    Path file = engine.segmentsDir.resolve(fileName);
    boolean retained = !closing && seg.retain();
    committer.protect(fileName);
    try {
      if (!retained) {
        return;
      }
      FileUtil.deleteIfExists(file);
      long t0 = System.nanoTime();
      kind.build(seg.dense(field), field.vector(), file, workers, engine.options.optimizeThreads());
      SegmentIndex index =
          kind.open(file, seg.dense(field), field.vector(), engine.options.enableMmap(), false);
      IndexRef ref = new IndexRef(index, kind.name());
      try {
        if (!attach(seg, field, kind, fileName, ref)) {
          FileUtil.deleteIfExists(file);
        } else {
          LOG.log(
              Level.DEBUG,
              "built {0} index of {1} rows in {2} ms",
              kind.name(),
              seg.rows(),
              (System.nanoTime() - t0) / 1_000_000);
        }
      } finally {
        ref.release();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "building " + fileName + " failed; the segment stays exact", e);
      try {
        FileUtil.deleteIfExists(file);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
    } finally {
      committer.unprotect(fileName);
      if (retained) {
        seg.release();
      }
      pending.remove(key);
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** Commits the index into the newest view; false if its segment or field is gone. */
  private boolean attach(
      Segment seg, FieldInfo field, IndexKind kind, String fileName, IndexRef ref)
      throws IOException {
    engine.writeLock.lock();
    try {
      if (engine.isClosed()) {
        return false;
      }
      View h = engine.head;
      FieldInfo now = h.manifest.schema().fieldById(field.id());
      if (now == null || !now.vector().index().equals(field.vector().index())) {
        return false; // the field was dropped or its index changed while this one was built
      }
      int at = -1;
      for (int i = 0; i < h.segments.size(); i++) {
        if (h.segments.get(i).segment() == seg) {
          at = i;
        }
      }
      if (at < 0) {
        return false;
      }
      h = engine.syncAndPublishHead();
      List<SegmentSnapshot> segs = new ArrayList<>(h.segments);
      segs.set(
          at,
          segs.get(at)
              .withIndex(
                  field.id(), new SegmentInfo.IndexFile(field.id(), kind.name(), fileName), ref));
      View draft = new View(h.manifest, segs, h.frozen, h.active, h.seq);
      committer.commit(draft, engine.committed.walCheckpoint());
      return true;
    } finally {
      engine.writeLock.unlock();
    }
  }

  @Override
  public void close() {
    closing = true;
    coordinator.shutdown();
    try {
      if (!coordinator.awaitTermination(10, TimeUnit.MINUTES)) {
        LOG.log(Level.WARNING, "index builds of {0} did not finish in time", engine.dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    synchronized (idle) {
      idle.notifyAll();
    }
  }
}
