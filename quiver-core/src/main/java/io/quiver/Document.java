package io.quiver;

import io.quiver.schema.SparseVector;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A document: an id and a value per field. Immutable; arrays given to the builder are copied.
 *
 * <p>Values use the Java types listed in {@link io.quiver.schema.DataType}. A field mapped to
 * {@code null} is explicitly null (for {@link Collection#update}, it clears the field); a field
 * left out is absent (for {@code update}, it stays as it was).
 *
 * <pre>{@code
 * Document doc = Document.builder("doc-1")
 *     .set("title", "A Study in Scarlet")
 *     .set("year", 1887)
 *     .set("embedding", new float[] {0.1f, 0.2f, 0.3f})
 *     .build();
 * }</pre>
 */
public final class Document {
  private final String id;
  private final Map<String, Object> fields;

  private Document(String id, Map<String, Object> fields) {
    this.id = Objects.requireNonNull(id, "id");
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** A builder for a document with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A document with this id and these field values (copied). */
  public static Document of(String id, Map<String, ?> fields) {
    Builder b = new Builder(id);
    fields.forEach(b::set);
    return b.build();
  }

  /** The document's id. */
  public String id() {
    return id;
  }

  /** The field values, in the order they were set; vectors are shared, do not modify them. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** Whether the document has a value (possibly an explicit null) for this field. */
  public boolean has(String field) {
    return fields.containsKey(field);
  }

  /** The value of the field, or null when absent or null. */
  public Object get(String field) {
    return fields.get(field);
  }

  /** The value of a STRING field. */
  public String getString(String field) {
    return (String) fields.get(field);
  }

  /** The value of an INT32 field. */
  public Integer getInt(String field) {
    return (Integer) fields.get(field);
  }

  /** The value of an INT64 field. */
  public Long getLong(String field) {
    return (Long) fields.get(field);
  }

  /** The value of a FLOAT field. */
  public Float getFloat(String field) {
    return (Float) fields.get(field);
  }

  /** The value of a DOUBLE field. */
  public Double getDouble(String field) {
    return (Double) fields.get(field);
  }

  /** The value of a BOOL field. */
  public Boolean getBool(String field) {
    return (Boolean) fields.get(field);
  }

  /** The value of an ARRAY_ field. */
  @SuppressWarnings("unchecked")
  public <T> List<T> getList(String field) {
    return (List<T>) fields.get(field);
  }

  /** A copy of the value of a VECTOR_FP32 or VECTOR_FP16 field. */
  public float[] getVector(String field) {
    float[] v = (float[]) fields.get(field);
    return v == null ? null : v.clone();
  }

  /** A copy of the value of a VECTOR_INT8 field. */
  public byte[] getInt8Vector(String field) {
    byte[] v = (byte[]) fields.get(field);
    return v == null ? null : v.clone();
  }

  /** The value of a SPARSE_VECTOR_FP32 field. */
  public SparseVector getSparseVector(String field) {
    return (SparseVector) fields.get(field);
  }

  /** A builder with this document's id and values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.values.putAll(fields);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Document d) || !id.equals(d.id) || fields.size() != d.fields.size()) {
      return false;
    }
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!d.fields.containsKey(e.getKey())
          || !Objects.deepEquals(e.getValue(), d.fields.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = id.hashCode();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.deepHashCode(new Object[] {e.getValue()});
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Document{id=").append(id);
    fields.forEach(
        (k, v) -> {
          sb.append(", ").append(k).append('=');
          switch (v) {
            case float[] f -> sb.append(abbreviate(Arrays.toString(f)));
            case byte[] b -> sb.append(abbreviate(Arrays.toString(b)));
            case null, default -> sb.append(v);
          }
        });
    return sb.append('}').toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 56) + " ...]";
  }

  /** Builds a {@link Document}. */
  public static final class Builder {
    private final String id;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets a field. Arrays and lists are copied; the value's type is checked against the schema
     * when the document is written.
     */
    public Builder set(String field, Object value) {
      Objects.requireNonNull(field, "field");
      Object v =
          switch (value) {
            case float[] f -> f.clone();
            case byte[] b -> b.clone();
            case List<?> l -> Collections.unmodifiableList(Arrays.asList(l.toArray()));
            case null, default -> value;
          };
      values.put(field, v);
      return this;
    }

    /** Removes a field set earlier, so that it is absent. */
    public Builder remove(String field) {
      values.remove(field);
      return this;
    }

    /** The document. */
    public Document build() {
      return new Document(id, new LinkedHashMap<>(values));
    }
  }
}
