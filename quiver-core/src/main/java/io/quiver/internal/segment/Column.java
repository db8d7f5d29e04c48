package io.quiver.internal.segment;

import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.Layouts;
import io.quiver.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one column block of a rows file (layout in {@link RowsWriter}) in place. Offsets are
 * checked against the file when the column is opened, so reads need no further bounds checks beyond
 * the memory segment's own.
 */
public final class Column {
  private final MemorySegment seg;
  private final DataType type;
  private final int rows;
  private final long nulls;
  private final long values;
  private final long bytes;
  private final Column elements;

  private Column(
      MemorySegment seg,
      DataType type,
      int rows,
      long nulls,
      long values,
      long bytes,
      Column elements) {
    this.seg = seg;
    this.type = type;
    this.rows = rows;
    this.nulls = nulls;
    this.values = values;
    this.bytes = bytes;
    this.elements = elements;
  }

  /** Opens a column of {@code rows} rows at the reader's position, optionally with nulls. */
  static Column open(ByteReader in, MemorySegment seg, DataType type, int rows, boolean nullable) {
    long nulls = -1;
    if (nullable) {
      int hasNulls = in.readByte();
      if (hasNulls == 1) {
        in.align(8);
        nulls = in.position();
        in.skip(8L * ((rows + 63) / 64));
      } else if (hasNulls != 0) {
        throw in.corrupt("bad null-bitmap flag " + hasNulls);
      }
    }
    in.align(8);
    long values = in.position();
    if (type.isArray()) {
      in.skip(8L * rows);
      long count = in.readLong();
      checkOffsets(in, seg, values, rows, count);
      in.align(8);
      if (count > Integer.MAX_VALUE) {
        throw in.corrupt("array column has " + count + " elements");
      }
      Column el = open(in, seg, type.elementType(), (int) count, false);
      return new Column(seg, type, rows, nulls, values, -1, el);
    }
    long bytes = -1;
    switch (type) {
      case STRING -> {
        in.skip(8L * rows);
        long total = in.readLong();
        checkOffsets(in, seg, values, rows, total);
        bytes = in.position();
        in.skip(total);
      }
      case BOOL -> in.skip(rows);
      case INT32, FLOAT -> in.skip(4L * rows);
      case INT64, DOUBLE -> in.skip(8L * rows);
      default -> throw in.corrupt("column of non-scalar type " + type);
    }
    return new Column(seg, type, rows, nulls, values, bytes, null);
  }

  private static void checkOffsets(
      ByteReader in, MemorySegment seg, long at, int rows, long total) {
    long prev = 0;
    for (int i = 0; i <= rows; i++) {
      long o = seg.get(Layouts.LONG, at + 8L * i);
      if (o < prev || o > total) {
        throw in.corrupt("offset " + o + " of row " + i + " is out of order or past " + total);
      }
      prev = o;
    }
    if (prev != total) {
      throw in.corrupt("offsets end at " + prev + ", expected " + total);
    }
  }

  /** The column's type. */
  public DataType type() {
    return type;
  }

  /** Whether row {@code row} is null. */
  public boolean isNull(int row) {
    return nulls >= 0 && (seg.get(Layouts.LONG, nulls + 8L * (row >>> 6)) & (1L << row)) != 0;
  }

  /** The value at {@code row} as its normalized Java object, or null. */
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    return switch (type) {
      case STRING -> getString(row);
      case BOOL -> getBool(row);
      case INT32 -> getInt(row);
      case INT64 -> getLong(row);
      case FLOAT -> getFloat(row);
      case DOUBLE -> getDouble(row);
      default -> getList(row);
    };
  }

  /** A STRING value (not null-checked). */
  public String getString(int row) {
    long from = seg.get(Layouts.LONG, values + 8L * row);
    long to = seg.get(Layouts.LONG, values + 8L * row + 8);
    return new String(
        seg.asSlice(bytes + from, to - from).toArray(Layouts.BYTE), StandardCharsets.UTF_8);
  }

  /** The UTF-8 bytes of a STRING value as a slice (not null-checked). */
  public MemorySegment stringBytes(int row) {
    long from = seg.get(Layouts.LONG, values + 8L * row);
    long to = seg.get(Layouts.LONG, values + 8L * row + 8);
    return seg.asSlice(bytes + from, to - from);
  }

  /** A BOOL value (not null-checked). */
  public boolean getBool(int row) {
    return seg.get(Layouts.BYTE, values + row) != 0;
  }

  /** An INT32 value (not null-checked). */
  public int getInt(int row) {
    return seg.get(Layouts.INT, values + 4L * row);
  }

  /** An INT64 value (not null-checked). */
  public long getLong(int row) {
    return seg.get(Layouts.LONG, values + 8L * row);
  }

  /** A FLOAT value (not null-checked). */
  public float getFloat(int row) {
    return seg.get(Layouts.FLOAT, values + 4L * row);
  }

  /** A DOUBLE value (not null-checked). */
  public double getDouble(int row) {
    return seg.get(Layouts.DOUBLE, values + 8L * row);
  }

  /** An ARRAY_ value (not null-checked). */
  public List<Object> getList(int row) {
    long from = seg.get(Layouts.LONG, values + 8L * row);
    long to = seg.get(Layouts.LONG, values + 8L * row + 8);
    List<Object> out = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      out.add(elements.get((int) i));
    }
    return Collections.unmodifiableList(out);
  }

  /** The number of elements of an ARRAY_ value (not null-checked). */
  public int arrayLength(int row) {
    return (int)
        (seg.get(Layouts.LONG, values + 8L * row + 8) - seg.get(Layouts.LONG, values + 8L * row));
  }

  /**
   * The column of an ARRAY_ field's elements; element {@code i} of row r is at {@link
   * #elementIndex}.
   */
  public Column elements() {
    return elements;
  }

  /** The index in {@link #elements()} of element {@code i} of row {@code row}. */
  public int elementIndex(int row, int i) {
    return (int) seg.get(Layouts.LONG, values + 8L * row) + i;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }
}
