package io.quiver.internal.wal;

/**
 * The layout of a log file, {@code wal/<firstSeq, 20 digits>.wal}. A log file is append-only and
 * never finished, so instead of a footer every record carries its own checksum.
 *
 * <pre>
 * header:  magic u32 0x52565551, nameLength u8, name "quiver.wal", version u32 = 1,
 *          firstSeq u64, headerCrc u32 (CRC32C of the header bytes before it)
 * record:  length u32 (payload bytes), crc u32 (CRC32C of the length's 4 bytes and the payload),
 *          payload: type u8 (1 put, 2 delete), flags u8 (bit 0: last record of its write call),
 *                   seq u64, then for put a document ({@link io.quiver.internal.doc.DocumentCodec})
 *                   and for delete the id (vint length, UTF-8)
 * </pre>
 *
 * All records of one write call are replayed together or not at all: a call's records are applied
 * only once its record flagged "last" has been read intact.
 */
final class WalFormat {
  static final String NAME = "quiver.wal";
  static final int VERSION = 1;
  static final int HEADER_LENGTH = 4 + 1 + NAME.length() + 4 + 8 + 4;
  static final int FRAME_HEADER = 8;
  static final int TYPE_PUT = 1;
  static final int TYPE_DELETE = 2;
  static final int FLAG_LAST = 1;
  static final int MAX_RECORD = 1 << 30;
  static final String SUFFIX = ".wal";

  private WalFormat() {}

  static String fileName(long firstSeq) {
    return String.format("%020d%s", firstSeq, SUFFIX);
  }

  /** The first sequence number encoded in a log file's name, or -1 if it is not a log name. */
  static long firstSeqOf(String fileName) {
    if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
