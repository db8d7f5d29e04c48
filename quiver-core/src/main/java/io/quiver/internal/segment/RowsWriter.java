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
 * Writes a segment's rows file: ids, the primary-key order, and one column per scalar field.
 *
 * <pre>
 * header   ({@link io.quiver.internal.store.FileFormat}, "quiver.rows", version 1)
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
 * directory: count u32, count x (fieldId u32, type u8, offset u64)
 * directoryOffset u64
 * footer
 * </pre>
 */
public final class RowsWriter {
  private RowsWriter() {}

  /** Writes {@code source} to {@code path} and fsyncs it. */
  public static void write(Path path, BoundSchema schema, RowSource source) throws IOException {
    int n = source.rowCount();
    try (ChecksumWriter out =
        ChecksumWriter.create(path, SegmentFiles.ROWS_FORMAT, SegmentFiles.VERSION)) {
      out.writeInt(n);
      out.align(8);
      writeStrings(out, n, source::id);
      for (int row : primaryKeyOrder(source)) {
        out.writeInt(row);
      }
      List<long[]> directory = new ArrayList<>();
      for (FieldInfo f : schema.scalarFields()) {
        out.align(8);
        directory.add(new long[] {f.id(), f.spec().type().ordinal(), out.position()});
        writeColumn(out, f, source, n);
      }
      out.align(8);
      long directoryOffset = out.position();
      out.writeInt(directory.size());
      for (long[] d : directory) {
        out.writeInt((int) d[0]);
        out.writeByte((int) d[1]);
        out.writeLong(d[2]);
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

  private static void writeColumn(ChecksumWriter out, FieldInfo f, RowSource source, int n)
      throws IOException {
    long[] nulls = new long[(n + 63) / 64];
    boolean hasNulls = false;
    for (int i = 0; i < n; i++) {
      if (source.value(f, i) == null) {
        nulls[i >>> 6] |= 1L << i;
        hasNulls = true;
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
    DataType type = f.spec().type();
    if (type.isArray()) {
      long total = 0;
      out.writeLong(0);
      for (int i = 0; i < n; i++) {
        List<?> l = (List<?>) source.value(f, i);
        total += l == null ? 0 : l.size();
        out.writeLong(total);
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
