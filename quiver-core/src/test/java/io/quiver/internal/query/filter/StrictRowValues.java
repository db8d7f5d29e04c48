package io.quiver.internal.query.filter;

import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link RowValues} that enforces the contract the engine relies on: a getter is called only
 * after {@code isNull} said false for that field in the current row, only the getter of the field's
 * type, and only for indexes below the array's length.
 */
final class StrictRowValues implements RowValues {
  private static final Set<DataType> LONGS = EnumSet.of(DataType.INT32, DataType.INT64);
  private static final Set<DataType> DOUBLES = EnumSet.of(DataType.FLOAT, DataType.DOUBLE);

  private final Schema schema;
  private final boolean[] present;
  private RowValues row;

  StrictRowValues(Schema schema) {
    this.schema = schema;
    this.present = new boolean[schema.fields().size() + 1];
  }

  StrictRowValues reset(RowValues next) {
    this.row = next;
    Arrays.fill(present, false);
    return this;
  }

  private DataType check(int field, Set<DataType> allowed) {
    if (!present[field + 1]) {
      throw new AssertionError("field #" + field + " read before isNull said false");
    }
    DataType type = field == ID ? DataType.STRING : schema.fields().get(field).type();
    if (!allowed.contains(type)) {
      throw new AssertionError("field #" + field + " is " + type + ", read as " + allowed);
    }
    return type;
  }

  private void checkIndex(int field, int index) {
    if (index < 0 || index >= row.arrayLength(field)) {
      throw new AssertionError("index " + index + " outside array #" + field);
    }
  }

  @Override
  public boolean isNull(int field) {
    boolean isNull = row.isNull(field);
    present[field + 1] = !isNull;
    return isNull;
  }

  @Override
  public long getLong(int field) {
    check(field, LONGS);
    return row.getLong(field);
  }

  @Override
  public double getDouble(int field) {
    check(field, DOUBLES);
    return row.getDouble(field);
  }

  @Override
  public boolean getBool(int field) {
    check(field, EnumSet.of(DataType.BOOL));
    return row.getBool(field);
  }

  @Override
  public String getString(int field) {
    check(field, EnumSet.of(DataType.STRING));
    return row.getString(field);
  }

  @Override
  public int arrayLength(int field) {
    check(
        field,
        EnumSet.of(
            DataType.ARRAY_STRING,
            DataType.ARRAY_BOOL,
            DataType.ARRAY_INT32,
            DataType.ARRAY_INT64,
            DataType.ARRAY_FLOAT,
            DataType.ARRAY_DOUBLE));
    return row.arrayLength(field);
  }

  @Override
  public long getLong(int field, int index) {
    check(field, EnumSet.of(DataType.ARRAY_INT32, DataType.ARRAY_INT64));
    checkIndex(field, index);
    return row.getLong(field, index);
  }

  @Override
  public double getDouble(int field, int index) {
    check(field, EnumSet.of(DataType.ARRAY_FLOAT, DataType.ARRAY_DOUBLE));
    checkIndex(field, index);
    return row.getDouble(field, index);
  }

  @Override
  public boolean getBool(int field, int index) {
    check(field, EnumSet.of(DataType.ARRAY_BOOL));
    checkIndex(field, index);
    return row.getBool(field, index);
  }

  @Override
  public String getString(int field, int index) {
    check(field, EnumSet.of(DataType.ARRAY_STRING));
    checkIndex(field, index);
    return row.getString(field, index);
  }
}
