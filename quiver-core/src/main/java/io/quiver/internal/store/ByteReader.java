package io.quiver.internal.store;

import io.quiver.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a region of a file sequentially, little-endian. Every read is bounds-checked against the
 * region, and a read past its end is reported as corruption of the named file rather than as an
 * {@link IndexOutOfBoundsException}: a checksum can only be skipped, never a length trusted.
 */
public final class ByteReader {
  private final MemorySegment segment;
  private final long end;
  private final Path path;
  private long pos;

  /** A reader of {@code segment} from {@code start} (inclusive) to {@code end} (exclusive). */
  public ByteReader(MemorySegment segment, long start, long end, Path path) {
    this.segment = segment;
    this.pos = start;
    this.end = end;
    this.path = path;
  }

  /** The file being read, for error messages. */
  public Path path() {
    return path;
  }

  /** The current offset in the segment. */
  public long position() {
    return pos;
  }

  /** Moves to an absolute offset inside the region. */
  public void seek(long offset) {
    if (offset < 0 || offset > end) {
      throw corrupt("offset " + offset + " is outside the file's body (ends at " + end + ")");
    }
    pos = offset;
  }

  /** Bytes left in the region. */
  public long remaining() {
    return end - pos;
  }

  private long take(long n) {
    if (n < 0 || n > end - pos) {
      throw corrupt(
          "read of "
              + n
              + " bytes at offset "
              + pos
              + " runs past the end of the body ("
              + end
              + ")");
    }
    long at = pos;
    pos += n;
    return at;
  }

  /** Reads an unsigned byte. */
  public int readByte() {
    return Byte.toUnsignedInt(segment.get(Layouts.BYTE, take(1)));
  }

  /** Reads a 16-bit value. */
  public short readShort() {
    return segment.get(Layouts.SHORT, take(2));
  }

  /** Reads a 32-bit value. */
  public int readInt() {
    return segment.get(Layouts.INT, take(4));
  }

  /** Reads a 64-bit value. */
  public long readLong() {
    return segment.get(Layouts.LONG, take(8));
  }

  /** Reads a float. */
  public float readFloat() {
    return segment.get(Layouts.FLOAT, take(4));
  }

  /** Reads a double. */
  public double readDouble() {
    return segment.get(Layouts.DOUBLE, take(8));
  }

  /** Reads a variable-length unsigned int written by {@link ChecksumWriter#writeVInt}. */
  public int readVInt() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw corrupt("malformed variable-length integer at offset " + (pos - 5));
  }

  /** Reads a non-negative count no larger than {@code max}. */
  public int readCount(int max, String what) {
    int n = readVInt();
    if (n < 0 || n > max) {
      throw corrupt(what + " count " + n + " is outside 0.." + max);
    }
    return n;
  }

  /** Reads a string written by {@link ChecksumWriter#writeString}. */
  public String readString() {
    int n = readVInt();
    if (n < 0 || n > end - pos) {
      throw corrupt("string length " + n + " at offset " + pos + " runs past the end");
    }
    return new String(readBytes(n), StandardCharsets.UTF_8);
  }

  /** Reads {@code n} bytes. */
  public byte[] readBytes(int n) {
    long at = take(n);
    return segment.asSlice(at, n).toArray(Layouts.BYTE);
  }

  /** A slice of the next {@code n} bytes, and moves past them. */
  public MemorySegment slice(long n) {
    long at = take(n);
    return segment.asSlice(at, n);
  }

  /** Skips {@code n} bytes. */
  public void skip(long n) {
    take(n);
  }

  /** Skips to the next multiple of {@code alignment} (relative to the segment start). */
  public void align(int alignment) {
    long next = (pos + alignment - 1) / alignment * alignment;
    take(next - pos);
  }

  /** A corruption error for this file. */
  public CorruptionException corrupt(String problem) {
    return new CorruptionException(path, problem);
  }
}
