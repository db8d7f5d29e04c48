package io.quiver.internal.index;

import io.quiver.CorruptionException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Header and footer of index files, and their verification. The seam to the storage layer's shared
 * file helpers: index formats only call {@link #writeHeader}, {@link #writeFooter} and {@link
 * #check}.
 *
 * <p>Header: int32 magic {@code 0x31525651} (the bytes "QVR1"), uint8 length of the format name,
 * the name in ASCII, int32 format version, zeros up to a multiple of 8 bytes.
 *
 * <p>Footer (16 bytes, the end of the file): int32 {@code ~magic}, int32 checksum algorithm (1 =
 * CRC32C), int64 CRC32C of every byte of the file before this field.
 */
public final class IndexFiles {
  /** First four bytes of every index file. */
  public static final int MAGIC = 0x31525651;

  /** Bytes of the footer. */
  public static final int FOOTER_BYTES = 16;

  private static final int CRC32C_ALGORITHM = 1;
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private IndexFiles() {}

  /** Writes the header; the body starts at the returned position (a multiple of 8). */
  public static long writeHeader(ChecksumWriter out, String format, int version)
      throws IOException {
    byte[] name = format.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 255) {
      throw new IllegalArgumentException("format name too long: " + format);
    }
    out.writeInt(MAGIC);
    out.writeByte(name.length);
    for (byte b : name) {
      out.writeByte(b);
    }
    out.writeInt(version);
    out.align(8);
    return out.position();
  }

  /** Writes the footer and flushes; the file is complete afterwards. */
  public static void writeFooter(ChecksumWriter out) throws IOException {
    out.writeInt(~MAGIC);
    out.writeInt(CRC32C_ALGORITHM);
    out.flush();
    out.writeLong(out.checksum());
    out.flush();
  }

  /**
   * Verifies the header (magic, format name, a version in {@code minVersion..maxVersion}), the
   * footer and the checksum of the whole of {@code data}.
   *
   * @param file names the file in errors
   * @return the version found; the body starts at {@link #bodyOffset}
   * @throws CorruptionException naming {@code file} on any mismatch
   */
  public static int check(
      Path file, MemorySegment data, String format, int minVersion, int maxVersion) {
    long size = data.byteSize();
    byte[] name = format.getBytes(StandardCharsets.US_ASCII);
    long headerBytes = bodyOffset(name.length);
    if (size < headerBytes + FOOTER_BYTES) {
      throw new CorruptionException(
          file, "truncated: " + size + " bytes is shorter than a header and footer");
    }
    if (data.get(I32, 0) != MAGIC) {
      throw new CorruptionException(file, String.format("bad magic 0x%08x", data.get(I32, 0)));
    }
    int len = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, 4));
    byte[] found = new byte[len];
    MemorySegment.copy(
        data, ValueLayout.JAVA_BYTE, 5, found, 0, Math.min(len, (int) Math.min(size - 5, 255)));
    if (len != name.length || !java.util.Arrays.equals(found, name)) {
      throw new CorruptionException(
          file,
          "format '" + new String(found, StandardCharsets.US_ASCII) + "' is not '" + format + "'");
    }
    int version = data.get(I32, 5 + len);
    if (version < minVersion || version > maxVersion) {
      throw new CorruptionException(
          file, "format version " + version + " is outside " + minVersion + ".." + maxVersion);
    }
    long footer = size - FOOTER_BYTES;
    if (data.get(I32, footer) != ~MAGIC || data.get(I32, footer + 4) != CRC32C_ALGORITHM) {
      throw new CorruptionException(file, "bad footer (truncated or overwritten)");
    }
    long expected = data.get(I64, footer + 8);
    CRC32C crc = new CRC32C();
    long at = 0;
    while (at < footer + 8) {
      long n = Math.min(1 << 30, footer + 8 - at);
      crc.update(data.asSlice(at, n).asByteBuffer());
      at += n;
    }
    if (crc.getValue() != expected) {
      throw new CorruptionException(
          file,
          String.format("checksum mismatch: stored %08x, computed %08x", expected, crc.getValue()));
    }
    return version;
  }

  /** Offset of the body for a format name of {@code nameLength} bytes. */
  public static long bodyOffset(int nameLength) {
    return (4 + 1 + nameLength + 4 + 7) & ~7L;
  }
}
