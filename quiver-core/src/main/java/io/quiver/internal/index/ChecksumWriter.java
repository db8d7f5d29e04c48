package io.quiver.internal.index;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian output to a channel that keeps a CRC32C of everything written and its
 * position: what index writers stream their files through. The thin seam between the indexes and
 * the storage layer's checksummed output.
 */
public final class ChecksumWriter {
  private final WritableByteChannel out;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  // A view of the whole buffer, taken while its position is 0.
  private final MemorySegment bufSegment = MemorySegment.ofBuffer(buf);
  private final CRC32C crc = new CRC32C();
  private long position;

  /** Writes to {@code out}, which the caller closes. */
  public ChecksumWriter(WritableByteChannel out) {
    this.out = out;
  }

  /** Bytes written so far. */
  public long position() {
    return position;
  }

  /** CRC32C of the bytes written so far. */
  public long checksum() {
    return crc.getValue();
  }

  private void room(int n) throws IOException {
    if (buf.remaining() < n) {
      flush();
    }
  }

  /** Writes one byte. */
  public void writeByte(int v) throws IOException {
    room(1);
    buf.put((byte) v);
    position++;
  }

  /** Writes a little-endian int32. */
  public void writeInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
    position += 4;
  }

  /** Writes a little-endian int64. */
  public void writeLong(long v) throws IOException {
    room(8);
    buf.putLong(v);
    position += 8;
  }

  /** Writes a little-endian float32. */
  public void writeFloat(float v) throws IOException {
    room(4);
    buf.putFloat(v);
    position += 4;
  }

  /** Writes {@code length} bytes of {@code src} from {@code offset}. */
  public void writeBytes(MemorySegment src, long offset, long length) throws IOException {
    while (length > 0) {
      if (!buf.hasRemaining()) {
        flush();
      }
      int n = (int) Math.min(length, buf.remaining());
      MemorySegment.copy(src, offset, bufSegment, buf.position(), n);
      buf.position(buf.position() + n);
      offset += n;
      length -= n;
      position += n;
    }
  }

  /** Writes zeros up to the next multiple of {@code alignment}. */
  public void align(int alignment) throws IOException {
    while (position % alignment != 0) {
      writeByte(0);
    }
  }

  /** Sends the buffered bytes to the channel. */
  public void flush() throws IOException {
    buf.flip();
    crc.update(buf.duplicate());
    while (buf.hasRemaining()) {
      out.write(buf);
    }
    buf.clear();
  }
}
