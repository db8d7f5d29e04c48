package io.quiver.schema;

import io.quiver.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a collection, in declaration order. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Schema schema = Schema.builder()
 *     .scalar("title", DataType.STRING)
 *     .nullableScalar("year", DataType.INT32)
 *     .vector("embedding", DataType.VECTOR_FP32, 384, Metric.COSINE)
 *     .build();
 * }</pre>
 *
 * @param fields the fields, names unique
 */
public record Schema(List<FieldSpec> fields) {

  /** Copies the list and checks names are unique and the limits hold. */
  public Schema {
    fields = List.copyOf(fields);
    if (fields.size() > Limits.MAX_FIELDS) {
      throw new InvalidArgumentException(
          "schema has " + fields.size() + " fields, more than the limit " + Limits.MAX_FIELDS);
    }
    Map<String, FieldSpec> seen = new LinkedHashMap<>();
    int vectors = 0;
    for (FieldSpec f : fields) {
      if (seen.putIfAbsent(f.name(), f) != null) {
        throw new InvalidArgumentException("field name '" + f.name() + "' appears twice");
      }
      if (f instanceof VectorField) {
        vectors++;
      }
    }
    if (vectors > Limits.MAX_VECTOR_FIELDS) {
      throw new InvalidArgumentException(
          "schema has "
              + vectors
              + " vector fields, more than the limit "
              + Limits.MAX_VECTOR_FIELDS);
    }
    for (FieldSpec f : fields) {
      if (f instanceof VectorField v && v.isEmbedded()) {
        String source = v.embedding().sourceField();
        FieldSpec s = seen.get(source);
        if (s == null) {
          throw new InvalidArgumentException(
              "field '"
                  + v.name()
                  + "' is embedded from '"
                  + source
                  + "', which is not in the schema");
        }
        if (s.type() != DataType.STRING) {
          throw new InvalidArgumentException(
              "field '"
                  + v.name()
                  + "' is embedded from '"
                  + source
                  + "', which is "
                  + s.type()
                  + "; the source of an embedding must be a STRING field");
        }
      }
    }
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The field with this name, if any. */
  public Optional<FieldSpec> field(String name) {
    for (FieldSpec f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The scalar fields, in declaration order. */
  public List<ScalarField> scalarFields() {
    List<ScalarField> out = new ArrayList<>();
    for (FieldSpec f : fields) {
      if (f instanceof ScalarField s) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The vector fields, in declaration order. */
  public List<VectorField> vectorFields() {
    List<VectorField> out = new ArrayList<>();
    for (FieldSpec f : fields) {
      if (f instanceof VectorField v) {
        out.add(v);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A builder of {@link Schema}; fields keep the order in which they are added. */
  public static final class Builder {
    private final List<FieldSpec> fields = new ArrayList<>();

    private Builder() {}

    /** Adds a field. */
    public Builder add(FieldSpec field) {
      fields.add(field);
      return this;
    }

    /** Adds a required scalar field. */
    public Builder scalar(String name, DataType type) {
      return add(ScalarField.of(name, type));
    }

    /** Adds a nullable scalar field. */
    public Builder nullableScalar(String name, DataType type) {
      return add(ScalarField.of(name, type).asNullable());
    }

    /** Adds a required dense vector field with the default HNSW index. */
    public Builder vector(String name, DataType type, int dimension, Metric metric) {
      return add(VectorField.dense(name, type, dimension, metric));
    }

    /** Adds a required dense vector field with the given index. */
    public Builder vector(
        String name, DataType type, int dimension, Metric metric, VectorIndex index) {
      return add(VectorField.dense(name, type, dimension, metric).withIndex(index));
    }

    /** Adds a nullable sparse vector field. */
    public Builder sparseVector(String name) {
      return add(VectorField.sparse(name).asNullable());
    }

    /** The schema; fails if a name repeats or a limit is broken. */
    public Schema build() {
      return new Schema(fields);
    }
  }
}
