package io.quiver.bench.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A memory-mapped {@code .fvecs}, {@code .ivecs} or {@code .bvecs} file: the TEXMEX format, where
 * each record is a little-endian int32 dimension followed by that many components (float32, int32
 * or uint8). Every record must have the same dimension; a file whose size is not a whole number of
 * records is refused with a message naming it.
 *
 * <p>The mapping stays valid until {@link #close()}; reads copy out of it, so a 188 MB base file is
 * not duplicated on the heap unless the caller asks for {@link #readAll()}.
 */
public final class VectorFile implements AutoCloseable {

  /** The component type of a vector file, picked from its extension. */
  public enum Kind {
    /** {@code .fvecs}: float32 components. */
    FVECS(4),
    /** {@code .ivecs}: int32 components (ground-truth ids). */
    IVECS(4),
    /** {@code .bvecs}: uint8 components, read as floats 0..255. */
    BVECS(1);

    private final int componentBytes;

    Kind(int componentBytes) {
      this.componentBytes = componentBytes;
    }

    /** Bytes per component. */
    public int componentBytes() {
      return componentBytes;
    }

    /** The kind for a file name, by its extension. */
    public static Kind of(Path path) {
      String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".fvecs")) {
        return FVECS;
      }
      if (name.endsWith(".ivecs")) {
        return IVECS;
      }
      if (name.endsWith(".bvecs")) {
        return BVECS;
      }
      throw new IllegalArgumentException(
          path + ": unknown vector file extension (expected .fvecs, .ivecs or .bvecs)");
    }
  }

  private static final ValueLayout.OfInt INT_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final Kind kind;
  private final Arena arena;
  private final MemorySegment data;
  private final int dim;
  private final int count;
  private final long recordBytes;

  private VectorFile(Path path, Kind kind, Arena arena, MemorySegment data) {
    this.path = path;
    this.kind = kind;
    this.arena = arena;
    this.data = data;
    if (data.byteSize() == 0) {
      this.dim = 0;
      this.count = 0;
      this.recordBytes = 4;
      return;
    }
    if (data.byteSize() < 4) {
      throw new IllegalArgumentException(path + ": " + data.byteSize() + " bytes is no record");
    }
    this.dim = data.get(INT_LE, 0);
    if (dim < 1 || dim > 1 << 20) {
      throw new IllegalArgumentException(path + ": dimension " + dim + " is outside 1..1048576");
    }
    this.recordBytes = 4L + (long) dim * kind.componentBytes();
    if (data.byteSize() % recordBytes != 0) {
      throw new IllegalArgumentException(
          path
              + ": size "
              + data.byteSize()
              + " is not a multiple of the record size "
              + recordBytes
              + " (dimension "
              + dim
              + ")");
    }
    long n = data.byteSize() / recordBytes;
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(path + ": " + n + " records is too many");
    }
    this.count = (int) n;
  }

  /** Maps a vector file read-only; the kind comes from the extension. */
  public static VectorFile open(Path path) throws IOException {
    return open(path, Kind.of(path));
  }

  /** Maps a vector file read-only as the given kind. */
  public static VectorFile open(Path path, Kind kind) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new VectorFile(path, kind, arena, seg);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The component type. */
  public Kind kind() {
    return kind;
  }

  /** Components per record; 0 for an empty file. */
  public int dim() {
    return dim;
  }

  /** Number of records. */
  public int count() {
    return count;
  }

  /** Copies record {@code i} into {@code dst} as floats (int32 components are converted). */
  public void read(int i, float[] dst) {
    long off = offset(i);
    switch (kind) {
      case FVECS -> MemorySegment.copy(data, FLOAT_LE, off, dst, 0, dim);
      case IVECS -> {
        for (int j = 0; j < dim; j++) {
          dst[j] = data.get(INT_LE, off + 4L * j);
        }
      }
      case BVECS -> {
        for (int j = 0; j < dim; j++) {
          dst[j] = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, off + j));
        }
      }
    }
  }

  /** Record {@code i} as a new float array. */
  public float[] read(int i) {
    float[] v = new float[dim];
    read(i, v);
    return v;
  }

  /** Record {@code i} of an {@code .ivecs} file as a new int array. */
  public int[] readInts(int i) {
    if (kind != Kind.IVECS) {
      throw new IllegalStateException(path + " is " + kind + ", not IVECS");
    }
    int[] v = new int[dim];
    MemorySegment.copy(data, INT_LE, offset(i), v, 0, dim);
    return v;
  }

  /** Every record as float arrays on the heap (what the engines index). */
  public float[][] readAll() {
    float[][] all = new float[count][];
    for (int i = 0; i < count; i++) {
      all[i] = read(i);
    }
    return all;
  }

  /** Every record of an {@code .ivecs} file as int arrays. */
  public int[][] readAllInts() {
    int[][] all = new int[count][];
    for (int i = 0; i < count; i++) {
      all[i] = readInts(i);
    }
    return all;
  }

  private long offset(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException(path + ": record " + i + " is outside 0.." + count);
    }
    return i * recordBytes + 4;
  }

  /** Unmaps the file. */
  @Override
  public void close() {
    arena.close();
  }
}
