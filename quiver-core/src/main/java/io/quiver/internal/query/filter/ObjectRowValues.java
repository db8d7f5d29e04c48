package io.quiver.internal.query.filter;

import io.quiver.Document;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Schema;
import java.util.List;

/**
 * {@link RowValues} over a row held as Java objects, one per field ordinal, of the types listed in
 * {@link io.quiver.schema.DataType} ({@code String}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double}, {@code Boolean}, {@code List} of those; null for no value). A cursor: {@link
 * #reset} points it at the next row without allocating.
 */
public final class ObjectRowValues implements RowValues {
  private String id;
  private Object[] values;

  /** Points at a row: its id and its values indexed by field ordinal (kept, not copied). */
  public ObjectRowValues reset(String rowId, Object[] rowValues) {
    this.id = rowId;
    this.values = rowValues;
    return this;
  }

  /** A document's values by field ordinal of {@code schema}; absent fields are null. */
  public static Object[] valuesOf(Schema schema, Document document) {
    List<FieldSpec> fields = schema.fields();
    Object[] out = new Object[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = document.get(fields.get(i).name());
    }
    return out;
  }

  /** A cursor on one document. */
  public static ObjectRowValues of(Schema schema, Document document) {
    return new ObjectRowValues().reset(document.id(), valuesOf(schema, document));
  }

  @Override
  public boolean isNull(int field) {
    return field != ID && values[field] == null;
  }

  @Override
  public long getLong(int field) {
    return ((Number) values[field]).longValue();
  }

  @Override
  public double getDouble(int field) {
    return ((Number) values[field]).doubleValue();
  }

  @Override
  public boolean getBool(int field) {
    return (Boolean) values[field];
  }

  @Override
  public String getString(int field) {
    return field == ID ? id : (String) values[field];
  }

  @Override
  public int arrayLength(int field) {
    return ((List<?>) values[field]).size();
  }

  @Override
  public long getLong(int field, int index) {
    return ((Number) ((List<?>) values[field]).get(index)).longValue();
  }

  @Override
  public double getDouble(int field, int index) {
    return ((Number) ((List<?>) values[field]).get(index)).doubleValue();
  }

  @Override
  public boolean getBool(int field, int index) {
    return (Boolean) ((List<?>) values[field]).get(index);
  }

  @Override
  public String getString(int field, int index) {
    return (String) ((List<?>) values[field]).get(index);
  }
}
