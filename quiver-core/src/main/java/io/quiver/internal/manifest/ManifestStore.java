package io.quiver.internal.manifest;

import io.quiver.CorruptionException;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.internal.store.Failpoints;
import io.quiver.internal.store.FileUtil;
import io.quiver.internal.store.MappedFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The numbered manifests of a collection, {@code manifests/<version, 20 digits>}. Publishing is
 * create-only: a manifest is written to a temporary file, fsynced, then hard-linked to its number
 * (which fails if that number exists) and the directory is fsynced. A numbered manifest is
 * therefore always complete; one that fails its checksum was damaged after it was published.
 */
public final class ManifestStore {
  private static final System.Logger LOG = System.getLogger("io.quiver.manifest");
  private static final String TMP = ".tmp";

  private final Path dir;

  /** The store in {@code dir} (the collection's {@code manifests/} folder). */
  public ManifestStore(Path dir) {
    this.dir = dir;
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** The file of a version. */
  public Path file(long version) {
    return dir.resolve(String.format("%020d", version));
  }

  /** The published versions, ascending. */
  public List<Long> versions() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.length() == 20 && name.chars().allMatch(Character::isDigit)) {
          out.add(Long.parseLong(name));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /**
   * Publishes {@code m} as version {@code m.version()}.
   *
   * @throws FileAlreadyExistsException if that version exists (another writer committed it)
   */
  public void publish(Manifest m) throws IOException {
    Path target = file(m.version());
    Path tmp = dir.resolve(target.getFileName() + TMP);
    FileUtil.deleteIfExists(tmp);
    try (ChecksumWriter out =
        ChecksumWriter.create(tmp, ManifestCodec.FORMAT, ManifestCodec.VERSION)) {
      ManifestCodec.write(m, out);
      out.finish();
    }
    Failpoints.hit("manifest.publish");
    try {
      Files.createLink(target, tmp);
    } finally {
      FileUtil.deleteIfExists(tmp);
    }
    FileUtil.fsyncDirectory(dir);
    Failpoints.hit("manifest.published");
  }

  /** Reads and verifies one version. */
  public Manifest read(long version) throws IOException {
    Path p = file(version);
    MemorySegment seg =
        MappedFile.readVerified(
            p, ManifestCodec.FORMAT, ManifestCodec.VERSION, ManifestCodec.VERSION);
    Manifest m =
        ManifestCodec.read(
            new io.quiver.internal.store.ByteReader(
                seg,
                io.quiver.internal.store.FileFormat.headerLength(ManifestCodec.FORMAT),
                seg.byteSize() - io.quiver.internal.store.FileFormat.FOOTER_LENGTH,
                p));
    if (m.version() != version) {
      throw new CorruptionException(
          p, "holds version " + m.version() + " under the name " + version);
    }
    return m;
  }

  /**
   * What {@link #loadNewest} found.
   *
   * @param manifest the newest intact manifest
   * @param damaged newer manifests that failed their checks, newest first (each with its error)
   */
  public record Loaded(Manifest manifest, List<CorruptionException> damaged) {}

  /**
   * Reads the newest intact manifest. If the newest one is damaged, the one before it is used (the
   * log and the files it needs are kept for exactly this) and the damage is reported in the result
   * and the log; if no intact manifest remains, the newest error is thrown.
   */
  public Loaded loadNewest() throws IOException {
    List<Long> versions = versions();
    List<CorruptionException> damaged = new ArrayList<>();
    for (int i = versions.size() - 1; i >= 0 && damaged.size() < 2; i--) {
      try {
        Manifest m = read(versions.get(i));
        for (CorruptionException e : damaged) {
          LOG.log(
              Level.WARNING,
              "{0}; opened the previous version {1} instead",
              e.getMessage(),
              m.version());
        }
        return new Loaded(m, damaged);
      } catch (CorruptionException e) {
        damaged.add(e);
      }
    }
    if (!damaged.isEmpty()) {
      throw damaged.getFirst();
    }
    throw new IOException("no manifest in " + dir);
  }

  /** Deletes a version's file. */
  public void delete(long version) throws IOException {
    FileUtil.deleteIfExists(file(version));
  }

  /** Deletes leftover temporary files of interrupted publishes. */
  public void removeTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TMP)) {
      for (Path p : ds) {
        FileUtil.deleteIfExists(p);
      }
    }
  }
}
