package io.quiver.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer for building records in memory (log records, manifests). */
public final class BytesOut {
  private byte[] buf;
  private int size;

  /** An empty buffer. */
  public BytesOut() {
    this(256);
  }

  /** An empty buffer with room for {@code capacity} bytes. */
  public BytesOut(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** Bytes written. */
  public int size() {
    return size;
  }

  /** Forgets the contents, keeping the capacity. */
  public void reset() {
    size = 0;
  }

  /** The backing array; valid up to {@link #size()}. */
  public byte[] array() {
    return buf;
  }

  /** A copy of the contents. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Writes one byte. */
  public void writeByte(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  /** Writes a 16-bit value. */
  public void writeShort(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
  }

  /** Writes a 32-bit value. */
  public void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 24);
  }

  /** Writes a 64-bit value. */
  public void writeLong(long v) {
    writeInt((int) v);
    writeInt((int) (v >>> 32));
  }

  /** Writes a float. */
  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  /** Writes a double. */
  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** Writes a variable-length unsigned int (7 bits per byte). */
  public void writeVInt(int v) {
    while ((v & ~0x7F) != 0) {
      writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    writeByte(v);
  }

  /** Writes a vint length and the UTF-8 bytes of {@code s}. */
  public void writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVInt(b.length);
    writeBytes(b, 0, b.length);
  }

  /** Writes bytes. */
  public void writeBytes(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, buf, size, length);
    size += length;
  }

  /** Overwrites a 32-bit value at {@code offset}, inside what was written. */
  public void setInt(int offset, int v) {
    buf[offset] = (byte) v;
    buf[offset + 1] = (byte) (v >>> 8);
    buf[offset + 2] = (byte) (v >>> 16);
    buf[offset + 3] = (byte) (v >>> 24);
  }
}
