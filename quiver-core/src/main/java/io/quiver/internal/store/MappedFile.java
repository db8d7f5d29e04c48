package io.quiver.internal.store;

import io.quiver.CorruptionException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole Quiver file, read-only, as one {@link MemorySegment}: memory-mapped (the default, so data
 * larger than RAM still opens) or read into memory. The header and footer are checked at open, the
 * full checksum too when asked. This object owns the segment's {@link Arena}; readers are views and
 * never close it. Closing it unmaps the file; a reader racing with the close gets an {@link
 * IllegalStateException}, never a crash, but the engine's reference counts keep that from
 * happening.
 */
public final class MappedFile implements Closeable {
  private final Path path;
  private final Arena arena;
  private final MemorySegment segment;
  private final int version;
  private final long bodyOffset;

  private MappedFile(Path path, Arena arena, MemorySegment segment, int version, long bodyOffset) {
    this.path = path;
    this.arena = arena;
    this.segment = segment;
    this.version = version;
    this.bodyOffset = bodyOffset;
  }

  /**
   * Opens {@code path} and checks it is a {@code formatName} file of a supported version.
   *
   * @param mmap map the file (true) or read it into off-heap memory (false)
   * @param verify recompute the whole checksum now (true) or only check the footer's structure
   * @throws CorruptionException naming the file when the header, footer or checksum is wrong
   * @throws IOException when the file cannot be read
   */
  public static MappedFile open(
      Path path, String formatName, int minVersion, int maxVersion, boolean mmap, boolean verify)
      throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      MemorySegment seg;
      if (mmap && size > 0) {
        seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      } else {
        seg = arena.allocate(Math.max(1, size), 64).asSlice(0, size);
        readFully(ch, seg);
      }
      int version = FileFormat.checkHeader(seg, path, formatName, minVersion, maxVersion);
      if (verify) {
        FileFormat.verifyChecksum(seg, path);
      } else {
        FileFormat.checkFooterStructure(seg, path);
      }
      return new MappedFile(path, arena, seg, version, FileFormat.bodyOffset(formatName));
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** Reads a small file fully onto the heap and verifies its checksum. */
  public static MemorySegment readVerified(
      Path path, String formatName, int minVersion, int maxVersion) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    MemorySegment seg = MemorySegment.ofArray(bytes);
    FileFormat.checkHeader(seg, path, formatName, minVersion, maxVersion);
    FileFormat.verifyChecksum(seg, path);
    return seg;
  }

  private static void readFully(FileChannel ch, MemorySegment dst) throws IOException {
    long pos = 0;
    long size = dst.byteSize();
    while (pos < size) {
      int n = (int) Math.min(1 << 24, size - pos);
      ByteBuffer bb = dst.asSlice(pos, n).asByteBuffer();
      while (bb.hasRemaining()) {
        int r = ch.read(bb, pos + bb.position());
        if (r < 0) {
          throw new IOException("unexpected end of file " + ch);
        }
      }
      pos += n;
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The whole file, header and footer included. */
  public MemorySegment segment() {
    return segment;
  }

  /** The format version found in the header. */
  public int version() {
    return version;
  }

  /** A reader over the body (between header and footer). */
  public ByteReader body() {
    return new ByteReader(segment, bodyOffset, FileFormat.bodyEnd(segment), path);
  }

  /** Size of the file in bytes. */
  public long size() {
    return segment.byteSize();
  }

  @Override
  public void close() {
    arena.close();
  }
}
