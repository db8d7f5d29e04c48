package io.quiver.internal.segment;

import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.internal.store.MappedFile;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows of a segment deleted as of one version: {@code segments/<id>_<generation>.del}
 * ("quiver.deletes", version 1). A new generation is written whenever a commit changes the
 * segment's deletions; older generations stay for older versions until garbage-collected.
 *
 * <pre>
 * segmentId u64, rows u32, deletedCount u32, bitmapLength u32,
 * bitmap: RoaringBitmap portable serialization (bitmapLength bytes)
 * </pre>
 */
public final class DeletionFile {
  /** Format name. */
  public static final String FORMAT = "quiver.deletes";

  /** Current version. */
  public static final int VERSION = 1;

  private DeletionFile() {}

  /** The file name of a generation. */
  public static String name(long segmentId, long generation) {
    return SegmentFiles.prefix(segmentId) + "_" + generation + ".del";
  }

  /** Writes and fsyncs a deletion file. */
  public static void write(Path path, long segmentId, int rows, RoaringBitmap deleted)
      throws IOException {
    deleted.runOptimize();
    byte[] bytes = new byte[deleted.serializedSizeInBytes()];
    deleted.serialize(ByteBuffer.wrap(bytes));
    try (ChecksumWriter out = ChecksumWriter.create(path, FORMAT, VERSION)) {
      out.writeLong(segmentId);
      out.writeInt(rows);
      out.writeInt(deleted.getCardinality());
      out.writeInt(bytes.length);
      out.writeBytes(bytes);
      out.finish();
    }
  }

  /**
   * Reads and checks a deletion file: checksum, segment, row count, and that every deleted row
   * exists.
   */
  public static RoaringBitmap read(Path path, long segmentId, int rows, int deletedCount)
      throws IOException {
    MemorySegment seg = MappedFile.readVerified(path, FORMAT, VERSION, VERSION);
    ByteReader in = new ByteReader(seg, headerEnd(), seg.byteSize() - 16, path);
    long id = in.readLong();
    int n = in.readInt();
    int count = in.readInt();
    int length = in.readInt();
    if (id != segmentId || n != rows || count != deletedCount) {
      throw in.corrupt(
          String.format(
              "is for segment %d with %d rows and %d deleted; the manifest expects %d, %d, %d",
              id, n, count, segmentId, rows, deletedCount));
    }
    byte[] bytes = in.readBytes(length);
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
    } catch (IOException | RuntimeException e) {
      throw in.corrupt("deletion bitmap does not decode: " + e);
    }
    if (bitmap.getCardinality() != count || (!bitmap.isEmpty() && bitmap.last() >= rows)) {
      throw in.corrupt("deletion bitmap holds rows outside the segment or a wrong count");
    }
    return bitmap;
  }

  private static long headerEnd() {
    return io.quiver.internal.store.FileFormat.headerLength(FORMAT);
  }
}
