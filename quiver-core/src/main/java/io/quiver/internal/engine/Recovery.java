package io.quiver.internal.engine;

import io.quiver.CollectionOptions;
import io.quiver.CorruptionException;
import io.quiver.InvalidArgumentException;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.IndexKind;
import io.quiver.internal.index.IndexKinds;
import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.manifest.Manifest;
import io.quiver.internal.manifest.ManifestStore;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.segment.DeletionFile;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.store.FileUtil;
import io.quiver.internal.wal.WalReader;
import io.quiver.internal.wal.WalRecord;
import io.quiver.internal.wal.WalWriter;
import io.quiver.schema.Schema;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.UUID;
import org.roaringbitmap.RoaringBitmap;

/**
 * Creating and opening collections. Opening read-write: take the lock → read the newest intact
 * manifest (falling back to the previous one if the newest is damaged) → open its segments and
 * deletion files → replay the log after the manifest's checkpoint, cutting a torn tail → remove
 * files no kept version references. Opening read-only takes no lock, replays nothing and deletes
 * nothing: it sees committed versions only.
 */
final class Recovery {
  private static final System.Logger LOG = System.getLogger("io.quiver.recovery");

  private Recovery() {}

  /** Whether {@code dir} holds a collection (a manifests folder with a manifest). */
  static boolean isCollection(Path dir) {
    try {
      return !new ManifestStore(dir.resolve(Layout.MANIFESTS)).versions().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Creates the folders and version 1 of a new, empty collection, holding the writer lock from
   * before the first file is written; returns the lock for {@link #open} to keep.
   */
  static DirLock create(Path dir, Schema schema) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new InvalidArgumentException(dir + " exists and is not a directory");
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        // A creation cut short leaves only its own scaffolding (no manifest): create again.
        boolean onlyScaffolding = !isCollection(dir);
        for (Path p : ds) {
          String name = p.getFileName().toString();
          onlyScaffolding &=
              name.equals(DirLock.FILE)
                  || name.equals(Layout.SEGMENTS)
                  || name.equals(Layout.WAL)
                  || name.equals(Layout.MANIFESTS);
        }
        if (!onlyScaffolding) {
          throw new InvalidArgumentException(
              "cannot create a collection in "
                  + dir
                  + ": the directory is not empty"
                  + (isCollection(dir) ? " (it holds a collection; open it instead)" : ""));
        }
      }
    }
    Files.createDirectories(dir);
    DirLock lock = DirLock.acquire(dir);
    try {
      if (isCollection(dir)) {
        throw new InvalidArgumentException(
            "cannot create a collection in " + dir + ": another process just created one");
      }
      Files.createDirectories(dir.resolve(Layout.SEGMENTS));
      Files.createDirectories(dir.resolve(Layout.WAL));
      writeFirstVersion(dir, schema);
      return lock;
    } catch (IOException | RuntimeException e) {
      try {
        lock.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void writeFirstVersion(Path dir, Schema schema) throws IOException {
    Path manifests = Files.createDirectories(dir.resolve(Layout.MANIFESTS));
    Manifest first =
        new Manifest(
            1,
            System.currentTimeMillis(),
            UUID.randomUUID().toString(),
            BoundSchema.fresh(schema),
            0,
            1,
            List.of(),
            Map.of());
    new ManifestStore(manifests).publish(first);
    FileUtil.fsyncDirectory(dir);
    if (dir.getParent() != null) {
      FileUtil.fsyncDirectory(dir.getParent());
    }
  }

  /** Opens the collection in {@code dir}; on failure everything opened is closed again. */
  static Engine open(Path dir, CollectionOptions options) throws IOException {
    return open(dir, options, null);
  }

  /**
   * Opens the collection in {@code dir} with the writer lock {@code held} (from {@link #create}),
   * or taking it (read-write) when null.
   */
  static Engine open(Path dir, CollectionOptions options, DirLock held) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidArgumentException("no collection at " + dir + ": no such directory");
    }
    if (!isCollection(dir)) {
      throw new InvalidArgumentException(
          "not a Quiver collection: " + dir + " (it has no manifests/ folder with a manifest)");
    }
    DirLock lock = held != null ? held : options.readOnly() ? null : DirLock.acquire(dir);
    List<Runnable> opened = new ArrayList<>();
    try {
      ManifestStore store = new ManifestStore(dir.resolve(Layout.MANIFESTS));
      if (!options.readOnly()) {
        store.removeTemporaryFiles();
      }
      ManifestStore.Loaded loaded = store.loadNewest();
      Manifest m = loaded.manifest();
      Engine engine = new Engine(dir, options, store, m);
      engine.lock = lock;
      List<Long> versions = store.versions();
      engine.lastVersionNumber = Math.max(m.version(), versions.getLast());
      engine.previousCommitted = previousIntact(store, versions, m.version());
      List<SegmentSnapshot> segments = openSegments(engine, m, opened);
      MemSnapshot active =
          options.readOnly()
              ? null
              : new MemSnapshot(new MemTable(m.schema()), 0, new RoaringBitmap(), -1);
      View view = new View(m, segments, List.of(), active, m.walCheckpoint());
      opened.forEach(Runnable::run);
      opened.clear();
      if (options.readOnly()) {
        engine.publishInitial(view);
        return engine;
      }
      engine.nextSeq = m.walCheckpoint() + 1;
      View replayed = replay(engine, view);
      engine.wal = WalWriter.open(engine.walDir, engine.nextSeq - 1);
      engine.publishInitial(replayed);
      Committer committer = new Committer(engine);
      try {
        committer.collectGarbage();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove orphan files of {0}: {1}", dir, e);
      }
      engine.committer = committer;
      engine.indexBuilds = new IndexBuilds(engine, committer);
      engine.maintenance = new Maintenance(engine, committer);
      engine.indexBuilds.scheduleMissing();
      return engine;
    } catch (IOException | RuntimeException e) {
      opened.forEach(Runnable::run);
      if (lock != null) {
        try {
          lock.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static Manifest previousIntact(ManifestStore store, List<Long> versions, long current) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i) < current) {
        try {
          return store.read(versions.get(i));
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Opens the segments of {@code m} with their deletion files and indexes; adds to {@code opened}
   * how to drop the reference each opened object starts with (the views take their own).
   */
  static List<SegmentSnapshot> openSegments(Engine engine, Manifest m, List<Runnable> opened)
      throws IOException {
    List<SegmentSnapshot> out = new ArrayList<>();
    for (Manifest.SegmentEntry e : m.segments()) {
      Segment seg;
      try {
        seg =
            Segment.open(
                engine.segmentsDir,
                e.info(),
                m.schema(),
                engine.options.enableMmap(),
                engine.options.verifyChecksums());
      } catch (NoSuchFileException nsf) {
        throw new CorruptionException(
            Path.of(nsf.getFile()), "a file of version " + m.version() + " is missing");
      }
      opened.add(seg::release);
      RoaringBitmap deleted = new RoaringBitmap();
      if (e.deletesGeneration() > 0) {
        Path p =
            engine.segmentsDir.resolve(DeletionFile.name(e.info().id(), e.deletesGeneration()));
        try {
          deleted = DeletionFile.read(p, e.info().id(), e.info().rows(), e.deletedRows());
        } catch (NoSuchFileException nsf) {
          throw new CorruptionException(
              p, "the deletion file of version " + m.version() + " is missing");
        }
      }
      Map<Integer, IndexRef> indexes = openIndexes(engine, m, e.info(), seg, opened);
      out.add(new SegmentSnapshot(seg, e.info(), deleted, e.deletesGeneration(), indexes));
    }
    return out;
  }

  private static Map<Integer, IndexRef> openIndexes(
      Engine engine, Manifest m, SegmentInfo info, Segment seg, List<Runnable> opened)
      throws IOException {
    Map<Integer, IndexRef> out = new HashMap<>();
    for (SegmentInfo.IndexFile f : info.indexes()) {
      FieldInfo field = m.schema().fieldById(f.fieldId());
      if (f.kind().equals(IndexRef.SCALAR_KIND)) {
        if (field == null || field.isVector()) {
          LOG.log(Level.WARNING, "ignoring index {0}: its field is unknown", f.fileName());
          continue;
        }
        IndexRef ref =
            ScalarIndexes.open(
                engine.segmentsDir,
                f,
                field,
                info.rows(),
                engine.options.enableMmap(),
                engine.options.verifyChecksums(),
                m.version());
        opened.add(ref::release);
        out.put(f.fieldId(), ref);
        continue;
      }
      IndexKind kind = IndexKinds.named(f.kind());
      if (field == null || kind == null || seg.dense(field) == null) {
        LOG.log(Level.WARNING, "ignoring index {0}: its field or kind is unknown", f.fileName());
        continue;
      }
      Path p = engine.segmentsDir.resolve(f.fileName());
      try {
        SegmentIndex index =
            kind.open(
                p,
                seg.dense(field),
                field.vector(),
                engine.options.enableMmap(),
                engine.options.verifyChecksums());
        IndexRef ref = new IndexRef(index, f.kind());
        opened.add(ref::release);
        out.put(f.fieldId(), ref);
      } catch (NoSuchFileException nsf) {
        throw new CorruptionException(
            p, "the index file of version " + m.version() + " is missing");
      }
    }
    return out;
  }

  /** Replays the log after the checkpoint into the active memtable of {@code base}. */
  private static View replay(Engine engine, View base) throws IOException {
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(engine.walDir, "*.wal.tmp")) {
      for (Path p : tmps) {
        FileUtil.deleteIfExists(p);
      }
    }
    TreeMap<Long, Path> files = Committer.logFiles(engine.walDir);
    long checkpoint = engine.committed.walCheckpoint();
    ViewBuilder b = new ViewBuilder(base);
    long[] last = {checkpoint};
    List<Entry<Long, Path>> list = new ArrayList<>(files.entrySet());
    boolean first = true;
    for (int i = 0; i < list.size(); i++) {
      Path file = list.get(i).getValue();
      boolean newest = i == list.size() - 1;
      if (!newest && list.get(i + 1).getKey() <= checkpoint + 1) {
        continue;
      }
      WalReader.Result r =
          WalReader.read(
              file,
              engine.schema,
              batch -> {
                for (WalRecord rec : batch) {
                  if (rec.seq() <= checkpoint) {
                    continue;
                  }
                  if (rec.seq() != last[0] + 1) {
                    throw new CorruptionException(
                        file, "log jumps from sequence " + last[0] + " to " + rec.seq());
                  }
                  applyReplayed(b, rec);
                  last[0] = rec.seq();
                }
              });
      if (first && r.firstSeq() > checkpoint + 1 && r.lastSeq() >= r.firstSeq()) {
        throw new CorruptionException(
            file,
            "the log after sequence "
                + checkpoint
                + " is missing (file starts at "
                + r.firstSeq()
                + ")");
      }
      first = false;
      if (r.torn()) {
        if (!newest) {
          throw new CorruptionException(
              file,
              "the log file is cut short but is not the newest (at byte " + r.validLength() + ")");
        }
        LOG.log(
            Level.INFO,
            "log {0}: cutting a torn tail of {1} bytes (a write that was never acknowledged)",
            file,
            r.fileLength() - r.validLength());
        truncate(file, r.validLength());
      }
      if (newest && r.lastSeq() < r.firstSeq()) {
        // No complete record: remove it so the next log file can take its name.
        FileUtil.deleteIfExists(file);
      }
    }
    engine.nextSeq = last[0] + 1;
    return b.build(last[0], engine.committed);
  }

  private static void applyReplayed(ViewBuilder b, WalRecord rec) {
    switch (rec) {
      case WalRecord.Put p -> {
        Location loc = b.find(p.document().id());
        if (loc != null) {
          b.delete(loc);
        }
        b.append(p.document(), p.seq());
      }
      case WalRecord.Delete d -> {
        Location loc = b.find(d.id());
        if (loc != null) {
          b.delete(loc);
        }
      }
    }
  }

  private static void truncate(Path file, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
      ch.force(true);
    }
  }

  /**
   * For a read-only handle: the view of the newest committed version, reusing the segments {@code
   * current} already has open. Returns null if the version did not change.
   */
  static View refresh(Engine engine, View current) throws IOException {
    ManifestStore.Loaded loaded = engine.manifests.loadNewest();
    Manifest m = loaded.manifest();
    if (m.version() == current.manifest.version()) {
      return null;
    }
    Map<Long, SegmentSnapshot> have = new HashMap<>();
    for (SegmentSnapshot s : current.segments) {
      have.put(s.segment().info().id(), s);
    }
    List<Runnable> opened = new ArrayList<>();
    List<SegmentSnapshot> segs = new ArrayList<>();
    try {
      for (Manifest.SegmentEntry e : m.segments()) {
        SegmentSnapshot old = have.get(e.info().id());
        if (old != null && old.info().equals(e.info())) {
          if (old.generation() == e.deletesGeneration()) {
            segs.add(old);
          } else {
            Path p =
                engine.segmentsDir.resolve(DeletionFile.name(e.info().id(), e.deletesGeneration()));
            RoaringBitmap deleted =
                e.deletesGeneration() > 0
                    ? DeletionFile.read(p, e.info().id(), e.info().rows(), e.deletedRows())
                    : new RoaringBitmap();
            segs.add(old.withDeleted(deleted).withGeneration(e.deletesGeneration()));
          }
          continue;
        }
        Manifest one =
            new Manifest(
                m.version(),
                m.createdMillis(),
                m.collectionId(),
                m.schema(),
                m.walCheckpoint(),
                m.nextSegmentId(),
                List.of(e),
                m.tags());
        segs.addAll(openSegments(engine, one, opened));
      }
      return new View(m, segs, List.of(), null, m.walCheckpoint());
    } finally {
      opened.forEach(Runnable::run);
    }
  }
}
