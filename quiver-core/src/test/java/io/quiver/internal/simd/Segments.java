package io.quiver.internal.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Places test vectors in every kind of segment the kernels may be given. Each vector starts at the
 * requested byte offset and ends exactly at the end of its segment, so a kernel that reads one byte
 * too far fails its bounds check instead of passing by luck.
 */
enum Segments {
  /** Off-heap memory from an {@code Arena}. */
  NATIVE,
  /** A read-only view of off-heap memory. */
  NATIVE_READ_ONLY,
  /** A memory-mapped file. */
  MAPPED,
  /** A heap segment over a {@code byte[]} of exactly its size. */
  HEAP_BYTES,
  /** A slice of a larger {@code byte[]}: the segment's address inside the array is not 0. */
  HEAP_BYTES_SLICE,
  /** A heap segment over a {@code float[]}. */
  HEAP_FLOATS,
  /** A read-only heap segment. */
  HEAP_READ_ONLY;

  /** A segment holding {@code bytes} from {@code offset} to its end, owned by {@code arena}. */
  MemorySegment place(byte[] bytes, long offset, Arena arena, Path dir) {
    long size = offset + bytes.length;
    MemorySegment s =
        switch (this) {
          case NATIVE, NATIVE_READ_ONLY -> arena.allocate(size, 1);
          case MAPPED -> map(size, arena, dir);
          case HEAP_BYTES, HEAP_READ_ONLY -> MemorySegment.ofArray(new byte[(int) size]);
          case HEAP_BYTES_SLICE ->
              MemorySegment.ofArray(new byte[(int) size + 24]).asSlice(13, size);
          case HEAP_FLOATS -> MemorySegment.ofArray(new float[(int) size / 4 + 1]).asSlice(0, size);
        };
    MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, offset, bytes.length);
    return this == NATIVE_READ_ONLY || this == HEAP_READ_ONLY ? s.asReadOnly() : s;
  }

  private static MemorySegment map(long size, Arena arena, Path dir) {
    try {
      Path file = Files.createTempFile(dir, "vectors", ".bin");
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.allocate((int) size), 0);
        return ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Little-endian bytes of fp32 values. */
  static byte[] f32Bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  /** Little-endian bytes of fp16 bit patterns. */
  static byte[] f16Bytes(short[] v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(v);
    return b.array();
  }
}
