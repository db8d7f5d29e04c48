package io.quiver.internal.index;

import io.quiver.internal.store.ChecksumWriter;
import io.quiver.internal.store.FileFormat;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The envelope of index files: the storage layer's ({@link FileFormat}: header with magic, format
 * name and version; footer with the CRC32C of everything before it), with the body starting at the
 * next multiple of 8 bytes after the header so that index sections can be aligned.
 */
public final class IndexFiles {
  /** Bytes of the footer. */
  public static final int FOOTER_BYTES = FileFormat.FOOTER_LENGTH;

  private IndexFiles() {}

  /** Writes the header; the body starts at the returned position (a multiple of 8). */
  public static long writeHeader(ChecksumWriter out, String format, int version)
      throws IOException {
    FileFormat.writeHeader(out, format, version);
    out.align(8);
    return out.position();
  }

  /** Writes the footer and flushes; the file is complete afterwards. */
  public static void writeFooter(ChecksumWriter out) throws IOException {
    FileFormat.writeFooter(out);
    out.flush();
  }

  /**
   * Verifies the header (format name, a version in {@code minVersion..maxVersion}), the footer and
   * the checksum of the whole of {@code data}.
   *
   * @param file names the file in errors
   * @return the version found; the body starts at {@link #bodyOffset}
   * @throws io.quiver.CorruptionException naming {@code file} on any mismatch
   */
  public static int check(
      Path file, MemorySegment data, String format, int minVersion, int maxVersion) {
    int version = FileFormat.checkHeader(data, file, format, minVersion, maxVersion);
    FileFormat.verifyChecksum(data, file);
    return version;
  }

  /** Offset of the body for a format name of {@code nameLength} bytes. */
  public static long bodyOffset(int nameLength) {
    return (4 + 1 + nameLength + 4 + 7) & ~7L;
  }

  /**
   * The bytes of an index file in {@code arena}: mapped read-only when {@code mmap}, otherwise read
   * into native memory (64-byte aligned).
   */
  public static MemorySegment bytes(Path file, Arena arena, boolean mmap) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (mmap) {
        return ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      }
      MemorySegment bytes = arena.allocate(Math.max(1, size), 64).asSlice(0, size);
      long pos = 0;
      while (pos < size) {
        int n = ch.read(bytes.asSlice(pos).asByteBuffer(), pos);
        if (n < 0) {
          throw new EOFException(file + " ended at " + pos + " of " + size + " bytes");
        }
        pos += n;
      }
      return bytes;
    }
  }

  /** Opens index bytes that live in {@code arena}. */
  @FunctionalInterface
  public interface Opener<T> {
    /** Opens {@code bytes}; the result owns {@code arena}. */
    T open(MemorySegment bytes, Arena arena) throws IOException;
  }

  /**
   * The {@link #bytes} of {@code file} in a new shared arena, opened by {@code opener}, which owns
   * the arena from then on; when reading or opening fails the arena is closed.
   */
  public static <T> T open(Path file, boolean mmap, Opener<T> opener) throws IOException {
    Arena arena = Arena.ofShared();
    try {
      return opener.open(bytes(file, arena, mmap), arena);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }
}
