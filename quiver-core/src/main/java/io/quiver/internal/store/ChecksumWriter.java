package io.quiver.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a new file sequentially, little-endian, through a buffer, keeping a CRC32C of every byte.
 * {@link #finish} appends the footer ({@link FileFormat}), fsyncs and closes. A writer that is
 * closed without {@code finish} leaves an incomplete file that no manifest references; garbage
 * collection removes it.
 */
public final class ChecksumWriter implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;

  private final Path path;
  private final java.nio.channels.WritableByteChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  // A view of the whole buffer, taken while its position is 0 (ofBuffer starts at the position).
  private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
  private final CRC32C crc = new CRC32C();
  private long flushed;
  private boolean closed;

  private ChecksumWriter(Path path, java.nio.channels.WritableByteChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * A writer streaming to {@code out}, which the caller owns (and closes); for formats written to
   * memory or another channel. Use {@link #flush()} at the end instead of {@link #finish()}.
   */
  public static ChecksumWriter over(java.nio.channels.WritableByteChannel out) {
    return new ChecksumWriter(null, out);
  }

  /** Creates {@code path}, which must not exist, and writes the header. */
  public static ChecksumWriter create(Path path, String formatName, int version)
      throws IOException {
    FileChannel ch =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ChecksumWriter w = new ChecksumWriter(path, ch);
    try {
      FileFormat.writeHeader(w, formatName, version);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  /** The file being written. */
  public Path path() {
    return path;
  }

  /** Bytes written so far, header included. */
  public long position() {
    return flushed + buffer.position();
  }

  /** CRC32C of the bytes written so far. */
  public long checksum() throws IOException {
    drain();
    return crc.getValue();
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      drain();
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    ByteBuffer forCrc = buffer.duplicate();
    crc.update(forCrc);
    while (buffer.hasRemaining()) {
      flushed += channel.write(buffer);
    }
    buffer.clear();
  }

  /** Writes one byte (the low 8 bits). */
  public void writeByte(int v) throws IOException {
    ensure(1);
    buffer.put((byte) v);
  }

  /** Writes a 16-bit value. */
  public void writeShort(int v) throws IOException {
    ensure(2);
    buffer.putShort((short) v);
  }

  /** Writes a 32-bit value. */
  public void writeInt(int v) throws IOException {
    ensure(4);
    buffer.putInt(v);
  }

  /** Writes a 64-bit value. */
  public void writeLong(long v) throws IOException {
    ensure(8);
    buffer.putLong(v);
  }

  /** Writes a float. */
  public void writeFloat(float v) throws IOException {
    ensure(4);
    buffer.putFloat(v);
  }

  /** Writes a double. */
  public void writeDouble(double v) throws IOException {
    ensure(8);
    buffer.putDouble(v);
  }

  /** Writes an unsigned variable-length int: 7 bits per byte, high bit set on all but the last. */
  public void writeVInt(int v) throws IOException {
    while ((v & ~0x7F) != 0) {
      writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    writeByte(v);
  }

  /** Writes a string as a vint byte length and its UTF-8 bytes. */
  public void writeString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVInt(b.length);
    writeBytes(b);
  }

  /** Writes bytes. */
  public void writeBytes(byte[] b) throws IOException {
    writeBytes(b, 0, b.length);
  }

  /** Writes {@code length} bytes of {@code b} from {@code offset}. */
  public void writeBytes(byte[] b, int offset, int length) throws IOException {
    while (length > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(length, buffer.remaining());
      buffer.put(b, offset, n);
      offset += n;
      length -= n;
    }
  }

  /** Writes the bytes of a memory segment (heap or native). */
  public void writeSegment(MemorySegment src) throws IOException {
    long length = src.byteSize();
    long pos = 0;
    while (pos < length) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = (int) Math.min(length - pos, buffer.remaining());
      MemorySegment.copy(src, pos, bufferSegment, buffer.position(), n);
      buffer.position(buffer.position() + n);
      pos += n;
    }
  }

  /** Writes {@code length} bytes of {@code src} from {@code offset}. */
  public void writeBytes(MemorySegment src, long offset, long length) throws IOException {
    writeSegment(src.asSlice(offset, length));
  }

  /** Sends buffered bytes to the channel (the checksum covers them). */
  public void flush() throws IOException {
    drain();
  }

  /** Writes zero bytes until the position is a multiple of {@code alignment}. */
  public void align(int alignment) throws IOException {
    while (position() % alignment != 0) {
      writeByte(0);
    }
  }

  /** Appends the footer, fsyncs the file and closes it. */
  public void finish() throws IOException {
    FileFormat.writeFooter(this);
    drain();
    Failpoints.hit("file.fsync");
    ((FileChannel) channel).force(true);
    close();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }
}
