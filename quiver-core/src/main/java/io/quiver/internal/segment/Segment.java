package io.quiver.internal.segment;

import io.quiver.CorruptionException;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.FileFormat;
import io.quiver.internal.store.Layouts;
import io.quiver.internal.store.MappedFile;
import io.quiver.internal.store.RefCount;
import io.quiver.schema.DataType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable segment opened from its files, searched in place: nothing but small per-column
 * descriptors is read onto the heap. Reference-counted: every snapshot that lists the segment holds
 * a reference, and the files are unmapped when the last one is released.
 */
public final class Segment {
  private final SegmentInfo info;
  private final List<MappedFile> files;
  private final Column ids;
  private final long pk;
  private final MemorySegment rowsSeg;
  private final Map<Integer, Column> columns;
  private final Map<Integer, DenseVectors> dense;
  private final Map<Integer, SparseVectors> sparse;
  private final Map<Integer, FieldStats> stats;
  private final RefCount refs;

  private Segment(
      SegmentInfo info,
      List<MappedFile> files,
      Column ids,
      long pk,
      MemorySegment rowsSeg,
      Map<Integer, Column> columns,
      Map<Integer, DenseVectors> dense,
      Map<Integer, SparseVectors> sparse,
      Map<Integer, FieldStats> stats) {
    this.info = info;
    this.files = files;
    this.ids = ids;
    this.pk = pk;
    this.rowsSeg = rowsSeg;
    this.columns = columns;
    this.dense = dense;
    this.sparse = sparse;
    this.stats = stats;
    this.refs = new RefCount("segment " + info.id(), this::closeFiles);
  }

  /**
   * Opens the files of segment {@code info} in {@code dir}.
   *
   * @throws CorruptionException naming the file when one is damaged or inconsistent
   */
  public static Segment open(
      Path dir, SegmentInfo info, BoundSchema schema, boolean mmap, boolean verify)
      throws IOException {
    List<MappedFile> files = new ArrayList<>();
    try {
      MappedFile rows =
          MappedFile.open(
              dir.resolve(SegmentFiles.rows(info.id())),
              SegmentFiles.ROWS_FORMAT,
              1,
              SegmentFiles.ROWS_VERSION,
              mmap,
              verify);
      files.add(rows);
      ByteReader in = rows.body();
      int n = in.readInt();
      if (n != info.rows()) {
        throw in.corrupt("holds " + n + " rows but the manifest says " + info.rows());
      }
      in.align(8);
      Column ids = Column.open(in, rows.segment(), DataType.STRING, n, false);
      long pk = in.position();
      in.skip(4L * n);
      Map<Integer, Column> columns = new HashMap<>();
      Map<Integer, FieldStats> stats = new HashMap<>();
      readDirectory(rows, in, schema, n, columns, stats);
      Map<Integer, DenseVectors> dense = new HashMap<>();
      Map<Integer, SparseVectors> sparse = new HashMap<>();
      for (int fieldId : info.vectorFieldIds()) {
        FieldInfo f = schema.fieldById(fieldId);
        if (f == null) {
          continue;
        }
        if (f.spec().type().isDenseVector()) {
          MappedFile mf =
              MappedFile.open(
                  dir.resolve(SegmentFiles.vectors(info.id(), fieldId)),
                  SegmentFiles.VECTORS_FORMAT,
                  SegmentFiles.VERSION,
                  SegmentFiles.VERSION,
                  mmap,
                  verify);
          files.add(mf);
          dense.put(fieldId, openDense(mf, f, n));
        } else {
          MappedFile mf =
              MappedFile.open(
                  dir.resolve(SegmentFiles.sparse(info.id(), fieldId)),
                  SegmentFiles.SPARSE_FORMAT,
                  SegmentFiles.VERSION,
                  SegmentFiles.VERSION,
                  mmap,
                  verify);
          files.add(mf);
          sparse.put(fieldId, openSparse(mf, fieldId, n));
        }
      }
      Segment s = new Segment(info, files, ids, pk, rows.segment(), columns, dense, sparse, stats);
      s.checkPrimaryKey(rows.path());
      return s;
    } catch (IOException | RuntimeException e) {
      for (MappedFile f : files) {
        try {
          f.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static void readDirectory(
      MappedFile rows,
      ByteReader in,
      BoundSchema schema,
      int n,
      Map<Integer, Column> columns,
      Map<Integer, FieldStats> stats) {
    boolean hasStats = rows.version() >= 2;
    long end = FileFormat.bodyEnd(rows.segment());
    in.seek(end - 8);
    long dirOffset = in.readLong();
    in.seek(dirOffset);
    int count = in.readInt();
    if (count < 0 || count > 1 << 16) {
      throw in.corrupt("column directory count " + count);
    }
    long[][] entries = new long[count][];
    for (int i = 0; i < count; i++) {
      entries[i] =
          new long[] {in.readInt(), in.readByte(), in.readLong(), hasStats ? in.readLong() : -1};
    }
    DataType[] types = DataType.values();
    for (long[] e : entries) {
      int fieldId = (int) e[0];
      if (e[1] < 0 || e[1] >= types.length || !types[(int) e[1]].isScalar()) {
        throw in.corrupt("column of field " + fieldId + " has bad type " + e[1]);
      }
      DataType type = types[(int) e[1]];
      FieldInfo f = schema.fieldById(fieldId);
      if (f == null) {
        continue;
      }
      if (f.spec().type() != type) {
        throw in.corrupt(
            "column of field '"
                + f.name()
                + "' is "
                + type
                + " but the schema says "
                + f.spec().type());
      }
      in.seek(e[2]);
      columns.put(fieldId, Column.open(in, rows.segment(), type, n, true));
      if (hasStats) {
        in.seek(e[3]);
        stats.put(fieldId, readStats(in, type, n));
      }
    }
  }

  private static FieldStats readStats(ByteReader in, DataType type, int n) {
    int rows = in.readInt();
    int nulls = in.readInt();
    long values = in.readLong();
    long nans = in.readLong();
    long trues = in.readLong();
    long distinct = in.readLong();
    double min = in.readDouble();
    double max = in.readDouble();
    int sample = in.readInt();
    if (rows != n || nulls < 0 || nulls > n || values < 0 || sample < 0 || sample > values) {
      throw in.corrupt(
          "bad statistics (rows " + rows + ", nulls " + nulls + ", sample " + sample + ")");
    }
    DataType element = type.elementType();
    double[] numbers = null;
    String[] strings = null;
    if (element == DataType.STRING) {
      strings = new String[sample];
      for (int i = 0; i < sample; i++) {
        strings[i] = in.readString();
      }
    } else if (element != DataType.BOOL) {
      numbers = new double[sample];
      for (int i = 0; i < sample; i++) {
        numbers[i] = in.readDouble();
      }
    }
    return new FieldStats(rows, nulls, values, nans, trues, distinct, min, max, numbers, strings);
  }

  private static DenseVectors openDense(MappedFile mf, FieldInfo f, int n) {
    ByteReader in = mf.body();
    int fieldId = in.readInt();
    int type = in.readByte();
    int dim = in.readInt();
    int rows = in.readInt();
    int stride = in.readInt();
    DataType t = f.spec().type();
    if (fieldId != f.id()
        || type != t.ordinal()
        || dim != f.vector().dimension()
        || rows != n
        || stride != dim * t.vectorElementBytes()) {
      throw in.corrupt(
          String.format(
              "vector header (field %d, type %d, dim %d, rows %d, stride %d) does not match"
                  + " field '%s' (%s, dim %d) with %d rows",
              fieldId, type, dim, rows, stride, f.name(), t, f.vector().dimension(), n));
    }
    long absent = readAbsent(in, n);
    long norms = in.position();
    in.skip(4L * n);
    in.align(VectorsWriter.DATA_ALIGNMENT);
    long base = in.position();
    in.skip((long) n * stride);
    return new DenseVectors(mf.segment(), t, dim, n, stride, absent, norms, base);
  }

  private static SparseVectors openSparse(MappedFile mf, int expectedField, int n) {
    ByteReader in = mf.body();
    int fieldId = in.readInt();
    int rows = in.readInt();
    if (fieldId != expectedField || rows != n) {
      throw in.corrupt("sparse header (field " + fieldId + ", rows " + rows + ") does not match");
    }
    long offsets = in.position();
    long prev = 0;
    for (int i = 0; i <= n; i++) {
      long o = in.readLong();
      if (o < prev) {
        throw in.corrupt("sparse offsets decrease at row " + i);
      }
      prev = o;
    }
    long absent = readAbsent(in, n);
    in.align(8);
    long indices = in.position();
    in.skip(4 * prev);
    long weights = in.position();
    in.skip(4 * prev);
    return new SparseVectors(mf.segment(), n, offsets, absent, indices, weights);
  }

  private static long readAbsent(ByteReader in, int n) {
    int flag = in.readByte();
    if (flag == 0) {
      return -1;
    }
    if (flag != 1) {
      throw in.corrupt("bad absent-bitmap flag " + flag);
    }
    long at = in.position();
    in.skip(8L * ((n + 63) / 64));
    return at;
  }

  private void checkPrimaryKey(Path path) {
    int n = info.rows();
    for (int i = 0; i < n; i++) {
      int row = rowsSeg.get(Layouts.INT, pk + 4L * i);
      if (row < 0 || row >= n) {
        throw new CorruptionException(path, "primary-key entry " + i + " names row " + row);
      }
    }
  }

  /** What the manifest records about this segment. */
  public SegmentInfo info() {
    return info;
  }

  /** Number of rows, deleted ones included. */
  public int rows() {
    return info.rows();
  }

  /** The id of {@code row}. */
  public String id(int row) {
    return ids.getString(row);
  }

  /** The row holding {@code id}, or -1 (deleted rows are found too; check the snapshot). */
  public int findRow(String id) {
    MemorySegment key = MemorySegment.ofArray(id.getBytes(StandardCharsets.UTF_8));
    int lo = 0;
    int hi = info.rows() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int row = rowsSeg.get(Layouts.INT, pk + 4L * mid);
      int c = Layouts.compareUnsigned(ids.stringBytes(row), key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return row;
      }
    }
    return -1;
  }

  /** The row at position {@code i} of the primary-key order (ids ascending by UTF-8 bytes). */
  public int rowInKeyOrder(int i) {
    return rowsSeg.get(Layouts.INT, pk + 4L * i);
  }

  /** The first position of the primary-key order whose id sorts after {@code id}. */
  public int positionAfter(String id) {
    MemorySegment key = MemorySegment.ofArray(id.getBytes(StandardCharsets.UTF_8));
    int lo = 0;
    int hi = info.rows();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Layouts.compareUnsigned(ids.stringBytes(rowInKeyOrder(mid)), key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The column of a scalar field, or null if the segment predates the field. */
  public Column column(FieldInfo field) {
    return columns.get(field.id());
  }

  /**
   * The statistics of a scalar field's column, or null when the segment predates the field (every
   * row is null) or was written before statistics existed (rows file version 1).
   */
  public FieldStats stats(FieldInfo field) {
    return stats.get(field.id());
  }

  /** Whether the segment has a column for {@code field} (false: it predates the field). */
  public boolean hasColumn(FieldInfo field) {
    return columns.containsKey(field.id());
  }

  /** The dense vectors of a field, or null if the segment predates the field. */
  public DenseVectors dense(FieldInfo field) {
    return dense.get(field.id());
  }

  /** The sparse vectors of a field, or null if the segment predates the field. */
  public SparseVectors sparse(FieldInfo field) {
    return sparse.get(field.id());
  }

  /** The value of {@code field} at {@code row}, as a normalized Java object, or null. */
  public Object value(FieldInfo field, int row) {
    if (field.isVector()) {
      if (field.spec().type().isDenseVector()) {
        DenseVectors v = dense.get(field.id());
        return v == null || !v.present(row) ? null : v.copy(row);
      }
      SparseVectors s = sparse.get(field.id());
      return s == null ? null : s.get(row);
    }
    Column c = columns.get(field.id());
    return c == null ? null : c.get(row);
  }

  /** Bytes of the segment's files. */
  public long sizeBytes() {
    long b = 0;
    for (MappedFile f : files) {
      b += f.size();
    }
    return b;
  }

  /** Takes a reference; false if the segment is already closed. */
  public boolean retain() {
    return refs.retain();
  }

  /** Drops a reference; the last one unmaps the files. */
  public void release() {
    refs.release();
  }

  private void closeFiles() {
    for (MappedFile f : files) {
      f.close();
    }
  }

  /** Whether every reference was released. */
  public boolean isClosed() {
    return refs.isZero();
  }
}
