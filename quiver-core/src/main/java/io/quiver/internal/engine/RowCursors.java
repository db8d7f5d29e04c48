package io.quiver.internal.engine;

import io.quiver.Document;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.query.filter.RowValues;
import io.quiver.internal.segment.Column;
import io.quiver.internal.segment.Segment;
import io.quiver.schema.DataType;
import java.util.List;

/**
 * {@link RowValues} cursors over the engine's rows, moved from row to row by a filter scan: one
 * over memtable documents, one over a segment's columns read in place. Not thread-safe: one per
 * scanning thread.
 */
final class RowCursors {
  private RowCursors() {}

  /** A cursor over memtable rows (documents of normalized Java values). */
  static final class Mem implements RowValues {
    private final MemTable table;
    private final String[] names;
    private Document doc;

    Mem(MemTable table, BoundSchema schema) {
      this.table = table;
      this.names = new String[schema.fields().size()];
      for (FieldInfo f : schema.fields()) {
        names[f.ordinal()] = f.name();
      }
    }

    Mem at(int row) {
      doc = table.stored(row);
      return this;
    }

    private Object v(int field) {
      return doc.get(names[field]);
    }

    @Override
    public boolean isNull(int field) {
      return field != ID && v(field) == null;
    }

    @Override
    public long getLong(int field) {
      return ((Number) v(field)).longValue();
    }

    @Override
    public double getDouble(int field) {
      return ((Number) v(field)).doubleValue();
    }

    @Override
    public boolean getBool(int field) {
      return (Boolean) v(field);
    }

    @Override
    public String getString(int field) {
      return field == ID ? doc.id() : (String) v(field);
    }

    @Override
    public int arrayLength(int field) {
      return ((List<?>) v(field)).size();
    }

    @Override
    public long getLong(int field, int index) {
      return ((Number) ((List<?>) v(field)).get(index)).longValue();
    }

    @Override
    public double getDouble(int field, int index) {
      return ((Number) ((List<?>) v(field)).get(index)).doubleValue();
    }

    @Override
    public boolean getBool(int field, int index) {
      return (Boolean) ((List<?>) v(field)).get(index);
    }

    @Override
    public String getString(int field, int index) {
      return (String) ((List<?>) v(field)).get(index);
    }
  }

  /** A cursor over a segment's rows, reading its columns in place. */
  static final class Seg implements RowValues {
    private final Segment segment;
    private final Column[] columns;
    private final boolean[] wide;
    private int row;

    Seg(Segment segment, BoundSchema schema) {
      this.segment = segment;
      this.columns = new Column[schema.fields().size()];
      this.wide = new boolean[columns.length];
      for (FieldInfo f : schema.scalarFields()) {
        columns[f.ordinal()] = segment.column(f);
        DataType t = f.spec().type().elementType();
        wide[f.ordinal()] = t == DataType.INT64 || t == DataType.DOUBLE;
      }
    }

    Seg at(int r) {
      row = r;
      return this;
    }

    @Override
    public boolean isNull(int field) {
      if (field == ID) {
        return false;
      }
      Column c = columns[field];
      return c == null || c.isNull(row);
    }

    @Override
    public long getLong(int field) {
      return wide[field] ? columns[field].getLong(row) : columns[field].getInt(row);
    }

    @Override
    public double getDouble(int field) {
      return wide[field] ? columns[field].getDouble(row) : columns[field].getFloat(row);
    }

    @Override
    public boolean getBool(int field) {
      return columns[field].getBool(row);
    }

    @Override
    public String getString(int field) {
      return field == ID ? segment.id(row) : columns[field].getString(row);
    }

    @Override
    public int arrayLength(int field) {
      return columns[field].arrayLength(row);
    }

    private int element(int field, int index) {
      return columns[field].elementIndex(row, index);
    }

    @Override
    public long getLong(int field, int index) {
      Column e = columns[field].elements();
      int i = element(field, index);
      return wide[field] ? e.getLong(i) : e.getInt(i);
    }

    @Override
    public double getDouble(int field, int index) {
      Column e = columns[field].elements();
      int i = element(field, index);
      return wide[field] ? e.getDouble(i) : e.getFloat(i);
    }

    @Override
    public boolean getBool(int field, int index) {
      return columns[field].elements().getBool(element(field, index));
    }

    @Override
    public String getString(int field, int index) {
      return columns[field].elements().getString(element(field, index));
    }
  }
}
