package io.quiver.internal.doc;

import io.quiver.schema.FieldSpec;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link Schema} with the permanent id of each field; immutable. */
public final class BoundSchema {
  private final Schema schema;
  private final List<FieldInfo> fields;
  private final List<FieldInfo> vectorFields;
  private final List<FieldInfo> scalarFields;
  private final Map<String, FieldInfo> byName = new HashMap<>();
  private final Map<Integer, FieldInfo> byId = new HashMap<>();
  private final int nextFieldId;

  /**
   * Binds {@code schema} to {@code ids} (one per field, in order).
   *
   * @param nextFieldId the id the next added field will get; above every id in use
   */
  public BoundSchema(Schema schema, int[] ids, int nextFieldId) {
    if (ids.length != schema.fields().size()) {
      throw new IllegalArgumentException(ids.length + " ids for " + schema.fields().size());
    }
    this.schema = schema;
    List<FieldInfo> all = new ArrayList<>();
    List<FieldInfo> vectors = new ArrayList<>();
    List<FieldInfo> scalars = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      FieldSpec spec = schema.fields().get(i);
      if (ids[i] < 0 || ids[i] >= nextFieldId || byId.containsKey(ids[i])) {
        throw new IllegalArgumentException("bad field id " + ids[i] + " for " + spec.name());
      }
      FieldInfo f = new FieldInfo(ids[i], i, spec);
      all.add(f);
      (f.isVector() ? vectors : scalars).add(f);
      byName.put(spec.name(), f);
      byId.put(ids[i], f);
    }
    this.fields = Collections.unmodifiableList(all);
    this.vectorFields = Collections.unmodifiableList(vectors);
    this.scalarFields = Collections.unmodifiableList(scalars);
    this.nextFieldId = nextFieldId;
  }

  /** A new schema's binding: ids 0..n-1 in declaration order. */
  public static BoundSchema fresh(Schema schema) {
    int n = schema.fields().size();
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return new BoundSchema(schema, ids, n);
  }

  /** The public schema. */
  public Schema schema() {
    return schema;
  }

  /** All fields in order. */
  public List<FieldInfo> fields() {
    return fields;
  }

  /** The vector fields in order. */
  public List<FieldInfo> vectorFields() {
    return vectorFields;
  }

  /** The scalar fields in order. */
  public List<FieldInfo> scalarFields() {
    return scalarFields;
  }

  /** The field with this name, or null. */
  public FieldInfo field(String name) {
    return byName.get(name);
  }

  /** The field with this id, or null (for example a dropped field). */
  public FieldInfo fieldById(int id) {
    return byId.get(id);
  }

  /** The id the next added field gets. */
  public int nextFieldId() {
    return nextFieldId;
  }

  /**
   * This schema with one more scalar field (nullable: documents written before have no value),
   * which gets the next permanent id.
   */
  public BoundSchema withField(io.quiver.schema.ScalarField field) {
    if (byName.containsKey(field.name())) {
      throw new io.quiver.InvalidArgumentException("field '" + field.name() + "' already exists");
    }
    if (!field.nullable()) {
      throw new io.quiver.InvalidArgumentException(
          "field '"
              + field.name()
              + "' must be nullable: the documents already stored have no value for it");
    }
    List<FieldSpec> specs = new ArrayList<>(schema.fields());
    specs.add(field);
    int[] ids = java.util.Arrays.copyOf(ids(), specs.size());
    ids[specs.size() - 1] = nextFieldId;
    return new BoundSchema(new Schema(specs), ids, nextFieldId + 1);
  }

  /** This schema without the scalar field {@code name}; its id is never reused. */
  public BoundSchema withoutField(String name) {
    FieldInfo f = scalarNamed(name, "dropped");
    for (FieldInfo v : vectorFields) {
      if (v.vector().isEmbedded() && v.vector().embedding().sourceField().equals(name)) {
        throw new io.quiver.InvalidArgumentException(
            "field '"
                + name
                + "' cannot be dropped: the vector field '"
                + v.name()
                + "' is embedded from it");
      }
    }
    List<FieldSpec> specs = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (FieldInfo g : fields) {
      if (g != f) {
        specs.add(g.spec());
        ids.add(g.id());
      }
    }
    return new BoundSchema(
        new Schema(specs), ids.stream().mapToInt(Integer::intValue).toArray(), nextFieldId);
  }

  /** This schema with the scalar field {@code name} called {@code newName}; same id. */
  public BoundSchema withRenamedField(String name, String newName) {
    FieldInfo f = scalarNamed(name, "renamed");
    if (byName.containsKey(newName)) {
      throw new io.quiver.InvalidArgumentException("field '" + newName + "' already exists");
    }
    io.quiver.schema.ScalarField s = f.scalar();
    List<FieldSpec> specs = new ArrayList<>(schema.fields());
    specs.set(
        f.ordinal(),
        new io.quiver.schema.ScalarField(newName, s.type(), s.nullable(), s.indexed()));
    // Bindings name their source field, so they follow the rename.
    for (FieldInfo v : vectorFields) {
      io.quiver.schema.VectorField vf = v.vector();
      if (vf.isEmbedded() && vf.embedding().sourceField().equals(name)) {
        specs.set(v.ordinal(), vf.withEmbedding(vf.embedding().withSourceField(newName)));
      }
    }
    return new BoundSchema(new Schema(specs), ids(), nextFieldId);
  }

  /** This schema with the vector field {@code name} indexed by {@code index}. */
  public BoundSchema withVectorIndex(String name, io.quiver.schema.VectorIndex index) {
    FieldInfo f = byName.get(name);
    if (f == null) {
      throw new io.quiver.InvalidArgumentException("field '" + name + "' is not in the schema");
    }
    if (!f.isVector()) {
      throw new io.quiver.InvalidArgumentException(
          "field '" + name + "' is " + f.spec().type() + ", not a vector field");
    }
    List<FieldSpec> specs = new ArrayList<>(schema.fields());
    specs.set(f.ordinal(), f.vector().withIndex(index));
    return new BoundSchema(new Schema(specs), ids(), nextFieldId);
  }

  /** This schema with the scalar field {@code name} indexed (or not). */
  public BoundSchema withScalarIndex(String name, boolean indexed) {
    FieldInfo f = scalarNamed(name, indexed ? "indexed this way" : "unindexed this way");
    io.quiver.schema.ScalarField s = f.scalar();
    List<FieldSpec> specs = new ArrayList<>(schema.fields());
    specs.set(
        f.ordinal(), new io.quiver.schema.ScalarField(s.name(), s.type(), s.nullable(), indexed));
    return new BoundSchema(new Schema(specs), ids(), nextFieldId);
  }

  private FieldInfo scalarNamed(String name, String verb) {
    FieldInfo f = byName.get(name);
    if (f == null) {
      throw new io.quiver.InvalidArgumentException("field '" + name + "' is not in the schema");
    }
    if (f.isVector()) {
      throw new io.quiver.InvalidArgumentException(
          "field '" + name + "' is a vector field; only scalar fields can be " + verb);
    }
    return f;
  }

  /** The field ids in schema order. */
  public int[] ids() {
    int[] ids = new int[fields.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = fields.get(i).id();
    }
    return ids;
  }
}
