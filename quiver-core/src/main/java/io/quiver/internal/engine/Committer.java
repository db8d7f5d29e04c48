package io.quiver.internal.engine;

import io.quiver.internal.manifest.Manifest;
import io.quiver.internal.segment.DeletionFile;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.store.Failpoints;
import io.quiver.internal.store.FileUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commits views as new versions, in the order STYLE.md fixes: new immutable files are already
 * written and fsynced → changed deletion bitmaps are written and fsynced → the manifest is
 * published atomically (create-only) and the directory fsynced → the view is swapped → log files
 * and files no kept version references are deleted.
 *
 * <p>The two newest versions are kept whole (their segment files and the log after the older one's
 * checkpoint), so that if the newest manifest is ever found damaged, opening falls back to the
 * previous one and replays the log without losing an acknowledged write.
 */
final class Committer {
  private static final System.Logger LOG = System.getLogger("io.quiver.commit");

  private final Engine engine;

  /** Segment ids and file names being written that no manifest references yet. */
  private final Set<Long> segmentsInProgress = ConcurrentHashMap.newKeySet();

  private final Set<String> filesInProgress = ConcurrentHashMap.newKeySet();

  Committer(Engine engine) {
    this.engine = engine;
  }

  /** Reserves a new segment id; its files are safe from garbage collection until committed. */
  long reserveSegmentId() {
    engine.writeLock.lock();
    try {
      long id = engine.nextSegmentId++;
      segmentsInProgress.add(id);
      return id;
    } finally {
      engine.writeLock.unlock();
    }
  }

  /** Forgets a reservation (after its commit, or when its writing failed). */
  void unreserve(long segmentId) {
    segmentsInProgress.remove(segmentId);
  }

  /** Protects a file being written (an index) from garbage collection. */
  void protect(String fileName) {
    filesInProgress.add(fileName);
  }

  /** Ends the protection of a file. */
  void unprotect(String fileName) {
    filesInProgress.remove(fileName);
  }

  /**
   * Commits {@code draft} (segments, frozen and active memtables) as the next version, with log
   * checkpoint {@code walCheckpoint}. Caller holds the writer lock and has made every write up to
   * {@code draft.seq} durable. Consumes the caller's reference to {@code draft}.
   */
  void commit(View draft, long walCheckpoint) throws IOException {
    commit(draft, walCheckpoint, engine.schema);
  }

  /** {@link #commit(View, long)} with a new schema. */
  void commit(View draft, long walCheckpoint, io.quiver.internal.doc.BoundSchema schema)
      throws IOException {
    long version = engine.lastVersionNumber + 1;
    List<Manifest.SegmentEntry> entries = new ArrayList<>();
    List<SegmentSnapshot> clean = new ArrayList<>();
    try {
      for (SegmentSnapshot s : draft.segments) {
        long gen = s.generation();
        if (s.dirty()) {
          gen = 0;
          if (!s.deleted().isEmpty()) {
            gen = version;
            long id = s.segment().info().id();
            DeletionFile.write(
                engine.segmentsDir.resolve(DeletionFile.name(id, gen)),
                id,
                s.segment().rows(),
                s.deleted());
          }
        }
        entries.add(new Manifest.SegmentEntry(s.info(), gen, s.deleted().getCardinality()));
        clean.add(s.withGeneration(gen));
      }
      Failpoints.hit("commit.deletes-written");
      Manifest m =
          new Manifest(
              version,
              System.currentTimeMillis(),
              engine.committed.collectionId(),
              schema,
              walCheckpoint,
              engine.nextSegmentId,
              entries,
              engine.committed.tags());
      engine.manifests.publish(m);
      engine.lastVersionNumber = version;
      engine.previousCommitted = engine.committed;
      engine.committed = m;
      for (SegmentSnapshot s : draft.segments) {
        unreserve(s.segment().info().id());
      }
      View v = new View(m, clean, draft.frozen, draft.active, draft.seq);
      engine.pushHead(v);
      engine.publishUpTo(v.seq);
    } finally {
      draft.release();
    }
    try {
      deleteOldLogFiles();
      collectGarbage();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cleanup after commit of version {0} failed: {1}", version, e);
    }
  }

  /** Deletes log files whose every record is folded into the older of the two kept versions. */
  void deleteOldLogFiles() throws IOException {
    Manifest older = engine.previousCommitted != null ? engine.previousCommitted : engine.committed;
    long keepAfter = older.walCheckpoint();
    TreeMap<Long, Path> files = logFiles(engine.walDir);
    List<Long> firsts = new ArrayList<>(files.keySet());
    for (int i = 0; i + 1 < firsts.size(); i++) {
      long lastInFile = firsts.get(i + 1) - 1;
      Path p = files.get(firsts.get(i));
      if (lastInFile <= keepAfter && !p.equals(engine.wal.currentFile())) {
        FileUtil.deleteIfExists(p);
      }
    }
  }

  /** The log files of {@code walDir} by first sequence number. */
  static TreeMap<Long, Path> logFiles(Path walDir) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, "*.wal")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        try {
          out.put(Long.parseLong(name.substring(0, name.length() - 4)), p);
        } catch (NumberFormatException e) {
          LOG.log(Level.WARNING, "ignoring unexpected file in the log folder: {0}", p);
        }
      }
    }
    return out;
  }

  /**
   * Deletes segment files and manifests that neither of the two kept versions references and that
   * no build in progress is writing. Mapped files stay readable by queries still running on an
   * older view (POSIX semantics).
   */
  void collectGarbage() throws IOException {
    Set<String> keep = new HashSet<>();
    referenced(engine.committed, keep);
    if (engine.previousCommitted != null) {
      referenced(engine.previousCommitted, keep);
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(engine.segmentsDir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (keep.contains(name)
            || filesInProgress.contains(name)
            || segmentsInProgress.contains(SegmentFiles.segmentIdOf(name))) {
          continue;
        }
        Failpoints.hit("gc.delete");
        FileUtil.deleteIfExists(p);
      }
    }
    long oldestKept =
        engine.previousCommitted != null
            ? engine.previousCommitted.version()
            : engine.committed.version();
    for (long v : engine.manifests.versions()) {
      if (v < oldestKept) {
        engine.manifests.delete(v);
      }
    }
  }

  /** Adds the names of the files {@code m} references. */
  static void referenced(Manifest m, Set<String> out) {
    for (Manifest.SegmentEntry e : m.segments()) {
      SegmentInfo s = e.info();
      out.add(SegmentFiles.rows(s.id()));
      for (int fieldId : s.vectorFieldIds()) {
        // A dropped field's files stay named by their kind: keep both spellings.
        out.add(SegmentFiles.vectors(s.id(), fieldId));
        out.add(SegmentFiles.sparse(s.id(), fieldId));
      }
      for (SegmentInfo.IndexFile f : s.indexes()) {
        out.add(f.fileName());
      }
      if (e.deletesGeneration() > 0) {
        out.add(DeletionFile.name(s.id(), e.deletesGeneration()));
      }
    }
  }
}
