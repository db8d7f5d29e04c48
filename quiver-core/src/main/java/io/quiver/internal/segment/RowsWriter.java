package io.quiver.internal.segment;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a segment's rows file: ids, the primary-key order, one column per scalar field, and the
 * planner's statistics of each column ({@link FieldStats}).
 *
 * <pre>
 * header   ({@link io.quiver.internal.store.FileFormat}, "quiver.rows", version 2)
 * rowCount u32
 * ids      block of type STRING (below) without null bitmap
 * pk       rowCount x u32: row numbers sorted by id (UTF-8 byte order)
 * columns  one block per scalar field, each starting at an 8-byte boundary:
 *   nulls  hasNulls u8, then if 1: ceil(rowCount/64) x u64, bit i set = row i is null
 *   BOOL   rowCount x u8 | INT32 rowCount x i32 | INT64 rowCount x i64
 *   FLOAT  rowCount x f32 | DOUBLE rowCount x f64   (nulls hold 0)
 *   STRING (rowCount + 1) x u64 byte offsets (relative to the bytes), then the UTF-8 bytes
 *   ARRAY_ (rowCount + 1) x u64 element offsets, then the elements as a column of the element
 *          type with as many rows as elements and no null bitmap
 *   stats  after each column, at an 8-byte boundary (for arrays, over the elements):
 *          rows u32 | nulls u32 | values u64 | nans u64 | trues u64 | distinct u64 |
 *          min f64 | max f64 | sampleCount u32 | sample, ascending:
 *          numeric types sampleCount x f64; STRING sampleCount x (length vint, UTF-8 bytes);
 *          BOOL nothing
 * directory: count u32, count x (fieldId u32, type u8, offset u64, statsOffset u64)
 * directoryOffset u64
 * footer
 * </pre>
 *
 * Version 1 (still read) has no statistics and no {@code statsOffset} in the directory.
 */
public final class RowsWriter {
  private RowsWriter() {}

  /** Writes {@code source} to {@code path} and fsyncs it. */
  public static void write(Path path, BoundSchema schema, RowSource source) throws IOException {
    int n = source.rowCount();
    try (ChecksumWriter out =
        ChecksumWriter.create(path, SegmentFiles.ROWS_FORMAT, SegmentFiles.ROWS_VERSION)) {
      out.writeInt(n);
      out.align(8);
      writeStrings(out, n, source::id);
      for (int row : primaryKeyOrder(source)) {
        out.writeInt(row);
      }
      List<long[]> directory = new ArrayList<>();
      for (FieldInfo f : schema.scalarFields()) {
        out.align(8);
        long offset = out.position();
        FieldStats stats = writeColumn(out, f, source, n);
        out.align(8);
        directory.add(new long[] {f.id(), f.spec().type().ordinal(), offset, out.position()});
        writeStats(out, stats);
      }
      out.align(8);
      long directoryOffset = out.position();
      out.writeInt(directory.size());
      for (long[] d : directory) {
        out.writeInt((int) d[0]);
        out.writeByte((int) d[1]);
        out.writeLong(d[2]);
        out.writeLong(d[3]);
      }
      out.writeLong(directoryOffset);
      out.finish();
    }
  }

  private static int[] primaryKeyOrder(RowSource source) {
    int n = source.rowCount();
    byte[][] ids = new byte[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      ids[i] = source.id(i).getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(ids[a], ids[b]));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  private static FieldStats writeColumn(ChecksumWriter out, FieldInfo f, RowSource source, int n)
      throws IOException {
    DataType type = f.spec().type();
    long[] nulls = new long[(n + 63) / 64];
    boolean hasNulls = false;
    long total = 0;
    for (int i = 0; i < n; i++) {
      Object v = source.value(f, i);
      if (v == null) {
        nulls[i >>> 6] |= 1L << i;
        hasNulls = true;
      } else if (type.isArray()) {
        total += ((List<?>) v).size();
      }
    }
    // Statistics in one more pass: the element count of arrays is needed to space the sample.
    StatsBuilder stats = new StatsBuilder(type, n, type.isArray() ? total : n);
    for (int i = 0; i < n; i++) {
      Object v = source.value(f, i);
      if (v == null) {
        stats.addNull();
      } else if (v instanceof List<?> l) {
        l.forEach(stats::add);
      } else {
        stats.add(v);
      }
    }
    out.writeByte(hasNulls ? 1 : 0);
    if (hasNulls) {
      out.align(8);
      for (long w : nulls) {
        out.writeLong(w);
      }
    }
    out.align(8);
    if (type.isArray()) {
      long at = 0;
      out.writeLong(0);
      for (int i = 0; i < n; i++) {
        List<?> l = (List<?>) source.value(f, i);
        at += l == null ? 0 : l.size();
        out.writeLong(at);
      }
      List<Object> elements = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<?> l = (List<?>) source.value(f, i);
        if (l != null) {
          elements.addAll(l);
        }
      }
      out.align(8);
      writeValues(out, type.elementType(), elements.size(), elements::get);
    } else {
      writeValues(out, type, n, i -> source.value(f, i));
    }
    return stats.build();
  }

  private static void writeStats(ChecksumWriter out, FieldStats s) throws IOException {
    out.writeInt(s.rows());
    out.writeInt(s.nulls());
    out.writeLong(s.values());
    out.writeLong(s.nans());
    out.writeLong(s.trues());
    out.writeLong(s.distinct());
    out.writeDouble(s.min());
    out.writeDouble(s.max());
    out.writeInt(s.sampleSize());
    if (s.numbers() != null) {
      for (double d : s.numbers()) {
        out.writeDouble(d);
      }
    } else if (s.strings() != null) {
      for (String str : s.strings()) {
        out.writeString(str);
      }
    }
  }

  private interface Values {
    Object get(int i);
  }

  private static void writeValues(ChecksumWriter out, DataType type, int n, Values values)
      throws IOException {
    switch (type) {
      case STRING -> writeStrings(out, n, i -> (String) values.get(i));
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          out.writeByte(Boolean.TRUE.equals(values.get(i)) ? 1 : 0);
        }
      }
      case INT32 -> {
        for (int i = 0; i < n; i++) {
          Object v = values.get(i);
          out.writeInt(v == null ? 0 : (Integer) v);
        }
      }
      case INT64 -> {
        for (int i = 0; i < n; i++) {
          Object v = values.get(i);
          out.writeLong(v == null ? 0 : (Long) v);
        }
      }
      case FLOAT -> {
        for (int i = 0; i < n; i++) {
          Object v = values.get(i);
          out.writeFloat(v == null ? 0 : (Float) v);
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < n; i++) {
          Object v = values.get(i);
          out.writeDouble(v == null ? 0 : (Double) v);
        }
      }
      default -> throw new IllegalStateException("not a scalar element type: " + type);
    }
  }

  private interface Strings {
    String get(int i);
  }

  /** Offsets then bytes; two passes so that no column is held in memory whole. */
  private static void writeStrings(ChecksumWriter out, int n, Strings strings) throws IOException {
    long total = 0;
    out.writeLong(0);
    for (int i = 0; i < n; i++) {
      String s = strings.get(i);
      total += s == null ? 0 : utf8Length(s);
      out.writeLong(total);
    }
    for (int i = 0; i < n; i++) {
      String s = strings.get(i);
      if (s != null) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static int utf8Length(String s) {
    int len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len++;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c)) {
        len += 4;
        i++;
      } else {
        len += 3;
      }
    }
    return len;
  }
}
