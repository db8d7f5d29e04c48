package io.quiver.schema;

import io.quiver.InvalidArgumentException;

/**
 * A vector field: dense ({@code VECTOR_FP32}, {@code VECTOR_FP16}, {@code VECTOR_INT8}) with a
 * fixed dimension, or sparse ({@code SPARSE_VECTOR_FP32}, compared by inner product).
 *
 * @param name the field's name
 * @param type a vector type
 * @param dimension the dense dimension (1..{@link Limits#MAX_DIMENSION}); 0 for sparse fields
 * @param metric how vectors are compared; {@link Metric#IP} for sparse fields
 * @param index the index each flushed segment builds; {@link VectorIndex.Flat} for sparse fields
 * @param nullable whether documents may leave the vector out; such documents are never hits
 * @param embedding the text field and embedding function that fill the vector, or null when the
 *     caller always gives the vector (see {@link #withEmbedding})
 */
public record VectorField(
    String name,
    DataType type,
    int dimension,
    Metric metric,
    VectorIndex index,
    boolean nullable,
    EmbeddingBinding embedding)
    implements FieldSpec {

  /** Checks the name, the type, the dimension and the metric. */
  public VectorField {
    FieldSpec.checkName(name);
    if (type == null || !type.isVector()) {
      throw new InvalidArgumentException(
          "field '" + name + "': type " + type + " is not a vector type");
    }
    if (metric == null) {
      throw new InvalidArgumentException("field '" + name + "': metric must not be null");
    }
    if (index == null) {
      throw new InvalidArgumentException("field '" + name + "': index must not be null");
    }
    if (type.isDenseVector()) {
      if (dimension < 1 || dimension > Limits.MAX_DIMENSION) {
        throw new InvalidArgumentException(
            "field '"
                + name
                + "': dimension "
                + dimension
                + " is outside 1.."
                + Limits.MAX_DIMENSION);
      }
    } else {
      if (dimension != 0) {
        throw new InvalidArgumentException(
            "field '" + name + "': a sparse vector field has dimension 0, got " + dimension);
      }
      if (metric != Metric.IP) {
        throw new InvalidArgumentException(
            "field '" + name + "': sparse vectors are compared by IP, got " + metric);
      }
      if (!(index instanceof VectorIndex.Flat)) {
        throw new InvalidArgumentException(
            "field '" + name + "': sparse vectors take no dense index, got " + index);
      }
    }
    if (embedding != null && type == DataType.VECTOR_INT8) {
      throw new InvalidArgumentException(
          "field '"
              + name
              + "': a VECTOR_INT8 field cannot be filled by an embedding function, which gives"
              + " floats; use VECTOR_FP32 or VECTOR_FP16");
    }
    if (embedding != null && embedding.sourceField().equals(name)) {
      throw new InvalidArgumentException(
          "field '" + name + "' cannot be embedded from itself; name a STRING field");
    }
  }

  /** A field that no embedding function fills: the caller gives every vector. */
  public VectorField(
      String name,
      DataType type,
      int dimension,
      Metric metric,
      VectorIndex index,
      boolean nullable) {
    this(name, type, dimension, metric, index, nullable, null);
  }

  /** A required dense vector field with the default index ({@link VectorIndex#hnsw()}). */
  public static VectorField dense(String name, DataType type, int dimension, Metric metric) {
    return new VectorField(name, type, dimension, metric, VectorIndex.hnsw(), false);
  }

  /** A required sparse vector field. */
  public static VectorField sparse(String name) {
    return new VectorField(
        name, DataType.SPARSE_VECTOR_FP32, 0, Metric.IP, VectorIndex.flat(), false);
  }

  /** This field with another index. */
  public VectorField withIndex(VectorIndex newIndex) {
    return new VectorField(name, type, dimension, metric, newIndex, nullable, embedding);
  }

  /** This field, nullable. */
  public VectorField asNullable() {
    return new VectorField(name, type, dimension, metric, index, true, embedding);
  }

  /**
   * This field, filled from a text field by an embedding function: a write that carries the text
   * but not this field gets the vector computed from the text (a vector the caller gives wins), and
   * a text query on this field is embedded with the same function. Null unbinds it.
   */
  public VectorField withEmbedding(EmbeddingBinding binding) {
    return new VectorField(name, type, dimension, metric, index, nullable, binding);
  }

  /** Whether an embedding function fills this field from a text field. */
  public boolean isEmbedded() {
    return embedding != null;
  }
}
