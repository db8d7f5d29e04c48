package io.quiver.schema;

import io.quiver.InvalidArgumentException;

/**
 * The type of a field. Scalar types hold one value (or, for the {@code ARRAY_} types, a list of
 * values); vector types hold a dense vector of fixed dimension or a sparse vector.
 *
 * <p>Java values accepted and returned per type:
 *
 * <table>
 *   <caption>Java representation</caption>
 *   <tr><th>type</th><th>Java value</th></tr>
 *   <tr><td>STRING</td><td>{@link String}</td></tr>
 *   <tr><td>BOOL</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT32</td><td>{@link Integer}</td></tr>
 *   <tr><td>INT64</td><td>{@link Long} (an {@link Integer} is widened)</td></tr>
 *   <tr><td>FLOAT</td><td>{@link Float}</td></tr>
 *   <tr><td>DOUBLE</td><td>{@link Double} (a {@link Float} is widened)</td></tr>
 *   <tr><td>ARRAY_x</td><td>{@link java.util.List} of the element's Java value</td></tr>
 *   <tr><td>VECTOR_FP32, VECTOR_FP16</td><td>{@code float[]}</td></tr>
 *   <tr><td>VECTOR_INT8</td><td>{@code byte[]}</td></tr>
 *   <tr><td>SPARSE_VECTOR_FP32</td><td>{@link SparseVector}</td></tr>
 * </table>
 */
public enum DataType {
  STRING,
  BOOL,
  INT32,
  INT64,
  FLOAT,
  DOUBLE,
  ARRAY_STRING,
  ARRAY_BOOL,
  ARRAY_INT32,
  ARRAY_INT64,
  ARRAY_FLOAT,
  ARRAY_DOUBLE,
  /** Dense vector of 32-bit floats. */
  VECTOR_FP32,
  /** Dense vector stored as IEEE half-precision floats; given and returned as {@code float[]}. */
  VECTOR_FP16,
  /** Dense vector of signed bytes; given and returned as {@code byte[]}. */
  VECTOR_INT8,
  /** Sparse vector: a map from dimension index to a 32-bit float weight. */
  SPARSE_VECTOR_FP32;

  /** True for the {@code ARRAY_} types. */
  public boolean isArray() {
    return ordinal() >= ARRAY_STRING.ordinal() && ordinal() <= ARRAY_DOUBLE.ordinal();
  }

  /** True for the dense and sparse vector types. */
  public boolean isVector() {
    return ordinal() >= VECTOR_FP32.ordinal();
  }

  /** True for the dense vector types (fixed dimension). */
  public boolean isDenseVector() {
    return this == VECTOR_FP32 || this == VECTOR_FP16 || this == VECTOR_INT8;
  }

  /** True for the scalar types, arrays included. */
  public boolean isScalar() {
    return !isVector();
  }

  /** For an {@code ARRAY_} type, the type of its elements; otherwise the type itself. */
  public DataType elementType() {
    return switch (this) {
      case ARRAY_STRING -> STRING;
      case ARRAY_BOOL -> BOOL;
      case ARRAY_INT32 -> INT32;
      case ARRAY_INT64 -> INT64;
      case ARRAY_FLOAT -> FLOAT;
      case ARRAY_DOUBLE -> DOUBLE;
      default -> this;
    };
  }

  /** For a scalar type, the {@code ARRAY_} type of it; fails for arrays and vectors. */
  public DataType arrayOf() {
    return switch (this) {
      case STRING -> ARRAY_STRING;
      case BOOL -> ARRAY_BOOL;
      case INT32 -> ARRAY_INT32;
      case INT64 -> ARRAY_INT64;
      case FLOAT -> ARRAY_FLOAT;
      case DOUBLE -> ARRAY_DOUBLE;
      default -> throw new InvalidArgumentException("no array type of " + this);
    };
  }

  /** Bytes per element of a dense vector type; 0 for the other types. */
  public int vectorElementBytes() {
    return switch (this) {
      case VECTOR_FP32 -> 4;
      case VECTOR_FP16 -> 2;
      case VECTOR_INT8 -> 1;
      default -> 0;
    };
  }
}
