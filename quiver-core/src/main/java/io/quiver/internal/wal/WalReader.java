package io.quiver.internal.wal;

import io.quiver.CorruptionException;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.DocumentCodec;
import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.FileFormat;
import io.quiver.internal.store.Layouts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a log file's write calls back, in order. The end of the file may be torn (a crash while
 * appending): a bad record with nothing valid after it is the end of the log, and the caller cuts
 * the file there. A bad record followed by a valid one is damage in the middle of the log and is
 * reported as {@link CorruptionException}, never skipped.
 */
public final class WalReader {

  /**
   * What a read found.
   *
   * @param firstSeq the first sequence number the file's header announces
   * @param lastSeq the sequence of the last record of the last complete write call, or {@code
   *     firstSeq - 1} if there is none
   * @param validLength bytes up to the end of the last complete write call
   * @param fileLength the file's length; longer than {@code validLength} when the tail is torn
   */
  public record Result(long firstSeq, long lastSeq, long validLength, long fileLength) {
    /** Whether the file has bytes after its last complete write call. */
    public boolean torn() {
      return validLength < fileLength;
    }
  }

  private WalReader() {}

  /**
   * Reads {@code file}, passing each complete write call's records to {@code batches}. A log file
   * is only ever named once its header is durable (see {@link WalWriter}), so a missing or damaged
   * header is damage, not a crash.
   */
  public static Result read(Path file, BoundSchema schema, Consumer<List<WalRecord>> batches)
      throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < WalFormat.HEADER_LENGTH) {
        throw new CorruptionException(file, "log file of " + size + " bytes has no whole header");
      }
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      long firstSeq = checkHeader(seg, file);
      if (WalFormat.firstSeqOf(file.getFileName().toString()) != firstSeq) {
        throw new CorruptionException(
            file, "log header says it starts at sequence " + firstSeq + ", its name disagrees");
      }
      return readRecords(seg, file, schema, firstSeq, batches);
    }
  }

  private static long checkHeader(MemorySegment seg, Path file) {
    int crcOffset = WalFormat.HEADER_LENGTH - 4;
    CRC32C crc = new CRC32C();
    crc.update(seg.asSlice(0, crcOffset).asByteBuffer());
    boolean ok =
        seg.get(Layouts.INT, 0) == FileFormat.HEADER_MAGIC
            && (int) crc.getValue() == seg.get(Layouts.INT, crcOffset);
    if (!ok) {
      throw new CorruptionException(file, "log header is damaged");
    }
    byte[] name = seg.asSlice(5, WalFormat.NAME.length()).toArray(Layouts.BYTE);
    if (!new String(name, StandardCharsets.US_ASCII).equals(WalFormat.NAME)) {
      throw new CorruptionException(file, "not a log file");
    }
    int version = seg.get(Layouts.INT, 5 + WalFormat.NAME.length());
    if (version != WalFormat.VERSION) {
      throw new CorruptionException(file, "log format version " + version + " is not supported");
    }
    return seg.get(Layouts.LONG, 9 + WalFormat.NAME.length());
  }

  private static Result readRecords(
      MemorySegment seg,
      Path file,
      BoundSchema schema,
      long firstSeq,
      Consumer<List<WalRecord>> batches) {
    long size = seg.byteSize();
    long pos = WalFormat.HEADER_LENGTH;
    long validLength = pos;
    long lastSeq = firstSeq - 1;
    long expectSeq = firstSeq;
    List<WalRecord> pending = new ArrayList<>();
    while (pos < size) {
      int length = frameLength(seg, pos);
      if (length < 0) {
        if (validFrameAfter(seg, pos + 1)) {
          throw new CorruptionException(
              file, "damaged record at offset " + pos + " is followed by intact records");
        }
        break;
      }
      ByteReader in = new ByteReader(seg, pos + WalFormat.FRAME_HEADER, pos + 8 + length, file);
      int type = in.readByte();
      int flags = in.readByte();
      long seq = in.readLong();
      if (seq != expectSeq) {
        throw new CorruptionException(
            file, "record at offset " + pos + " has sequence " + seq + ", expected " + expectSeq);
      }
      expectSeq++;
      WalRecord r =
          switch (type) {
            case WalFormat.TYPE_PUT -> new WalRecord.Put(seq, DocumentCodec.decode(in, schema));
            case WalFormat.TYPE_DELETE -> new WalRecord.Delete(seq, in.readString());
            default -> throw in.corrupt("unknown record type " + type + " at offset " + pos);
          };
      pending.add(r);
      pos += WalFormat.FRAME_HEADER + length;
      if ((flags & WalFormat.FLAG_LAST) != 0) {
        batches.accept(List.copyOf(pending));
        pending.clear();
        validLength = pos;
        lastSeq = seq;
      }
    }
    return new Result(firstSeq, lastSeq, validLength, size);
  }

  /** The payload length of an intact frame at {@code pos}, or -1 if none is there. */
  private static int frameLength(MemorySegment seg, long pos) {
    long size = seg.byteSize();
    if (pos + WalFormat.FRAME_HEADER > size) {
      return -1;
    }
    int length = seg.get(Layouts.INT, pos);
    if (length < 10 || length > WalFormat.MAX_RECORD || pos + 8 + length > size) {
      return -1;
    }
    CRC32C crc = new CRC32C();
    crc.update(seg.asSlice(pos, 4).asByteBuffer());
    crc.update(seg.asSlice(pos + 8, length).asByteBuffer());
    return (int) crc.getValue() == seg.get(Layouts.INT, pos + 4) ? length : -1;
  }

  private static boolean validFrameAfter(MemorySegment seg, long from) {
    long size = seg.byteSize();
    for (long p = from; p + WalFormat.FRAME_HEADER <= size; p++) {
      if (frameLength(seg, p) >= 0) {
        return true;
      }
    }
    return false;
  }
}
