package io.quiver.internal.engine;

import io.quiver.CorruptionException;
import io.quiver.InvalidArgumentException;
import io.quiver.VerifyReport;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.IndexKind;
import io.quiver.internal.index.IndexKinds;
import io.quiver.internal.manifest.Manifest;
import io.quiver.internal.manifest.ManifestStore;
import io.quiver.internal.segment.DeletionFile;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.wal.WalReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a collection on disk without opening it for writing: every manifest, every file the kept
 * versions reference (full checksums), and every log record.
 */
public final class Verifier {
  private final Path dir;
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int files;
  private long bytes;

  private Verifier(Path dir) {
    this.dir = dir;
  }

  /** See {@link io.quiver.Quiver#verify}. */
  public static VerifyReport verify(Path dir) throws IOException {
    if (!Recovery.isCollection(dir)) {
      throw new InvalidArgumentException("not a Quiver collection: " + dir);
    }
    Verifier v = new Verifier(dir);
    v.run();
    return new VerifyReport(v.files, v.bytes, v.problems, v.notes);
  }

  private void run() throws IOException {
    ManifestStore store = new ManifestStore(dir.resolve(Layout.MANIFESTS));
    List<Manifest> intact = new ArrayList<>();
    for (long version : store.versions()) {
      files++;
      bytes += size(store.file(version));
      try {
        intact.add(store.read(version));
      } catch (CorruptionException e) {
        problems.add(e.getMessage());
      }
    }
    if (intact.isEmpty()) {
      problems.add("no intact manifest in " + store.dir());
      return;
    }
    Manifest newest = intact.getLast();
    Set<String> referenced = new HashSet<>();
    for (int i = Math.max(0, intact.size() - 2); i < intact.size(); i++) {
      Committer.referenced(intact.get(i), referenced);
    }
    Set<String> checked = new HashSet<>();
    for (int i = intact.size() - 1; i >= Math.max(0, intact.size() - 2); i--) {
      checkSegments(intact.get(i), checked);
    }
    checkLog(newest);
    Path segDir = dir.resolve(Layout.SEGMENTS);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(segDir)) {
      for (Path p : ds) {
        if (!referenced.contains(p.getFileName().toString())) {
          notes.add("no kept version references " + p + " (removed at the next writable open)");
        }
      }
    }
  }

  private void checkSegments(Manifest m, Set<String> checked) throws IOException {
    Path segDir = dir.resolve(Layout.SEGMENTS);
    for (Manifest.SegmentEntry e : m.segments()) {
      SegmentInfo info = e.info();
      if (!checked.add(info + "/" + e.deletesGeneration())) {
        continue;
      }
      Segment seg = null;
      try {
        seg = Segment.open(segDir, info, m.schema(), true, true);
        files += 1 + info.vectorFieldIds().size();
        bytes += seg.sizeBytes();
        if (e.deletesGeneration() > 0) {
          Path p = segDir.resolve(DeletionFile.name(info.id(), e.deletesGeneration()));
          files++;
          bytes += size(p);
          DeletionFile.read(p, info.id(), info.rows(), e.deletedRows());
        }
        for (SegmentInfo.IndexFile f : info.indexes()) {
          FieldInfo field = m.schema().fieldById(f.fieldId());
          if (f.kind().equals(IndexRef.SCALAR_KIND) && field != null && !field.isVector()) {
            files++;
            bytes += size(segDir.resolve(f.fileName()));
            ScalarIndexes.open(segDir, f, field, info.rows(), true, true, m.version()).release();
            continue;
          }
          IndexKind kind = IndexKinds.named(f.kind());
          if (field == null || kind == null) {
            notes.add("index " + f.fileName() + " is of an unknown field or kind; not checked");
            continue;
          }
          Path p = segDir.resolve(f.fileName());
          files++;
          bytes += size(p);
          kind.open(p, seg.dense(field), field.vector(), true, true).close();
        }
      } catch (CorruptionException ex) {
        problems.add(ex.getMessage());
      } catch (java.nio.file.NoSuchFileException ex) {
        problems.add("missing file " + ex.getFile() + " of version " + m.version());
      } finally {
        if (seg != null) {
          seg.release();
        }
      }
    }
  }

  private void checkLog(Manifest m) throws IOException {
    var logs = Committer.logFiles(dir.resolve(Layout.WAL));
    var list = new ArrayList<>(logs.values());
    for (int i = 0; i < list.size(); i++) {
      Path p = list.get(i);
      files++;
      bytes += size(p);
      try {
        WalReader.Result r = WalReader.read(p, m.schema(), batch -> {});
        if (r.torn()) {
          String what =
              "log "
                  + p
                  + " ends with "
                  + (r.fileLength() - r.validLength())
                  + " bytes of an"
                  + " incomplete write call (cut at the next writable open)";
          if (i == list.size() - 1) {
            notes.add(what);
          } else {
            problems.add(what + ", but it is not the newest log file");
          }
        }
      } catch (CorruptionException e) {
        problems.add(e.getMessage());
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
