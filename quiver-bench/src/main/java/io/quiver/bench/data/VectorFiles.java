package io.quiver.bench.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writers for the TEXMEX vector files ({@code .fvecs}, {@code .ivecs}, {@code .bvecs}), streamed so
 * a million-vector file never sits twice in memory. Reading goes through {@link VectorFile}.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /** Loads every vector of an {@code .fvecs} or {@code .bvecs} file onto the heap. */
  public static float[][] readFloats(Path path) throws IOException {
    try (VectorFile f = VectorFile.open(path)) {
      return f.readAll();
    }
  }

  /** Loads every row of an {@code .ivecs} file onto the heap. */
  public static int[][] readInts(Path path) throws IOException {
    try (VectorFile f = VectorFile.open(path, VectorFile.Kind.IVECS)) {
      return f.readAllInts();
    }
  }

  /** Writes float vectors (all of one dimension) as {@code .fvecs}. */
  public static void writeFvecs(Path path, float[][] vectors) throws IOException {
    try (Writer w = new Writer(path)) {
      for (float[] v : vectors) {
        w.write(v);
      }
    }
  }

  /** Writes int rows (all of one length) as {@code .ivecs}. */
  public static void writeIvecs(Path path, int[][] rows) throws IOException {
    try (Writer w = new Writer(path)) {
      for (int[] r : rows) {
        w.write(r);
      }
    }
  }

  /** Writes byte vectors (components 0..255, all of one dimension) as {@code .bvecs}. */
  public static void writeBvecs(Path path, byte[][] vectors) throws IOException {
    try (Writer w = new Writer(path)) {
      for (byte[] v : vectors) {
        w.write(v);
      }
    }
  }

  /** Streams records to a vector file; every record must have the first record's length. */
  public static final class Writer implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private ByteBuffer buf = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    private int dim = -1;

    /** Creates (or truncates) the file. */
    public Writer(Path path) throws IOException {
      this.path = path;
      this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
    }

    /** Appends a float32 record. */
    public void write(float[] v) throws IOException {
      ByteBuffer b = record(v.length, 4);
      for (float x : v) {
        b.putFloat(x);
      }
      out.write(b.array(), 0, b.position());
    }

    /** Appends an int32 record. */
    public void write(int[] v) throws IOException {
      ByteBuffer b = record(v.length, 4);
      for (int x : v) {
        b.putInt(x);
      }
      out.write(b.array(), 0, b.position());
    }

    /** Appends a uint8 record. */
    public void write(byte[] v) throws IOException {
      ByteBuffer b = record(v.length, 1);
      b.put(v);
      out.write(b.array(), 0, b.position());
    }

    private ByteBuffer record(int length, int componentBytes) {
      if (dim < 0) {
        dim = length;
      } else if (length != dim) {
        throw new IllegalArgumentException(
            path + ": record of dimension " + length + " after records of dimension " + dim);
      }
      int size = 4 + length * componentBytes;
      if (buf.capacity() < size) {
        buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      }
      buf.clear();
      buf.putInt(length);
      return buf;
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
