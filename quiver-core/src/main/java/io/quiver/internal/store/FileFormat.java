package io.quiver.internal.store;

import io.quiver.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The envelope of every Quiver file: a header naming the format and its version, and a footer
 * holding a CRC32C of everything before it.
 *
 * <pre>
 * header:  magic      u32  0x52565551 ("QUVR" in file order)
 *          nameLength u8
 *          name       nameLength ASCII bytes (e.g. "quiver.rows")
 *          version    u32
 * body:    format-specific
 * footer:  magic      u32  0x544F4F46 ("FOOT" in file order)
 *          algorithm  u32  1 = CRC32C
 *          checksum   u64  CRC32C of every byte before the checksum field
 * </pre>
 *
 * All integers are little-endian. The checksum covers the header, the body and the footer's first
 * eight bytes, so any flipped bit or truncation is detected by {@link #verifyChecksum}.
 */
public final class FileFormat {
  /** First four bytes of every file. */
  public static final int HEADER_MAGIC = 0x52565551;

  /** First four bytes of every footer. */
  public static final int FOOTER_MAGIC = 0x544F4F46;

  /** Footer length in bytes. */
  public static final int FOOTER_LENGTH = 16;

  private static final int CRC32C_ALGORITHM = 1;

  private FileFormat() {}

  /** Length of the header for a format name. */
  public static int headerLength(String formatName) {
    return 4 + 1 + formatName.length() + 4;
  }

  /** Writes the header. */
  public static void writeHeader(ChecksumWriter out, String formatName, int version)
      throws java.io.IOException {
    byte[] name = formatName.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 255) {
      throw new IllegalArgumentException("format name too long: " + formatName);
    }
    out.writeInt(HEADER_MAGIC);
    out.writeByte(name.length);
    out.writeBytes(name);
    out.writeInt(version);
  }

  /** Writes the footer: its magic, the algorithm, and the checksum of everything before. */
  public static void writeFooter(ChecksumWriter out) throws java.io.IOException {
    out.writeInt(FOOTER_MAGIC);
    out.writeInt(CRC32C_ALGORITHM);
    out.writeLong(out.checksum());
  }

  /**
   * Checks the header and returns the version, which must lie in {@code [minVersion, maxVersion]};
   * returns the offset of the body through {@link #headerLength}.
   *
   * @throws CorruptionException naming {@code file} when the header is wrong
   */
  public static int checkHeader(
      MemorySegment file, Path path, String formatName, int minVersion, int maxVersion) {
    int headerLength = headerLength(formatName);
    if (file.byteSize() < headerLength + FOOTER_LENGTH) {
      throw new CorruptionException(
          path, "file of " + file.byteSize() + " bytes is too short to hold a " + formatName);
    }
    int magic = file.get(Layouts.INT, 0);
    if (magic != HEADER_MAGIC) {
      throw new CorruptionException(
          path, String.format("header magic 0x%08x is not a Quiver file's", magic));
    }
    int nameLength = Byte.toUnsignedInt(file.get(Layouts.BYTE, 4));
    byte[] name = file.asSlice(5, Math.min(nameLength, file.byteSize() - 5)).toArray(Layouts.BYTE);
    String found = new String(name, StandardCharsets.US_ASCII);
    if (!found.equals(formatName)) {
      throw new CorruptionException(
          path, "format '" + found + "' where '" + formatName + "' was expected");
    }
    int version = file.get(Layouts.INT, 5 + nameLength);
    if (version < minVersion || version > maxVersion) {
      throw new CorruptionException(
          path,
          "format "
              + formatName
              + " version "
              + version
              + " is not supported (this build reads "
              + minVersion
              + ".."
              + maxVersion
              + ")");
    }
    return version;
  }

  /**
   * Checks the footer's structure (magic, algorithm) without reading the body: cheap, and catches a
   * truncated file.
   */
  public static void checkFooterStructure(MemorySegment file, Path path) {
    long size = file.byteSize();
    if (size < FOOTER_LENGTH) {
      throw new CorruptionException(path, "file of " + size + " bytes has no footer");
    }
    int magic = file.get(Layouts.INT, size - FOOTER_LENGTH);
    if (magic != FOOTER_MAGIC) {
      throw new CorruptionException(
          path, String.format("footer magic 0x%08x is wrong (truncated file?)", magic));
    }
    int algorithm = file.get(Layouts.INT, size - FOOTER_LENGTH + 4);
    if (algorithm != CRC32C_ALGORITHM) {
      throw new CorruptionException(path, "unknown checksum algorithm " + algorithm);
    }
  }

  /** Checks the footer and recomputes the checksum of the whole file. */
  public static void verifyChecksum(MemorySegment file, Path path) {
    checkFooterStructure(file, path);
    long size = file.byteSize();
    long expected = file.get(Layouts.LONG, size - 8);
    long actual = crc32c(file, 0, size - 8);
    if (expected != actual) {
      throw new CorruptionException(
          path,
          String.format(
              "checksum mismatch: footer says 0x%08x, contents give 0x%08x", expected, actual));
    }
  }

  /** CRC32C of {@code length} bytes at {@code offset}. */
  public static long crc32c(MemorySegment segment, long offset, long length) {
    CRC32C crc = new CRC32C();
    long chunk = 1 << 20;
    for (long pos = 0; pos < length; pos += chunk) {
      crc.update(segment.asSlice(offset + pos, Math.min(chunk, length - pos)).asByteBuffer());
    }
    return crc.getValue();
  }

  /** Offset of the first body byte after the header. */
  public static long bodyOffset(String formatName) {
    return headerLength(formatName);
  }

  /** Offset one past the last body byte (where the footer starts). */
  public static long bodyEnd(MemorySegment file) {
    return file.byteSize() - FOOTER_LENGTH;
  }
}
