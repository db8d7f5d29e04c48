package io.quiver.schema;

/**
 * The hard limits of a collection. Every write or schema that breaks one is refused with an {@link
 * io.quiver.InvalidArgumentException} naming the field, the value and the limit.
 */
public final class Limits {
  /** Longest document id, in Unicode code points. Ids are 1 to 64 code points long. */
  public static final int MAX_ID_LENGTH = 64;

  /** Longest field name, in characters; names match {@code [A-Za-z_][A-Za-z0-9_]*}. */
  public static final int MAX_FIELD_NAME_LENGTH = 64;

  /** Most fields (scalar and vector together) in one schema. */
  public static final int MAX_FIELDS = 1024;

  /** Most vector fields in one schema. */
  public static final int MAX_VECTOR_FIELDS = 32;

  /** Largest dimension of a dense vector field. */
  public static final int MAX_DIMENSION = 16_384;

  /** Most non-zero entries in one sparse vector. */
  public static final int MAX_SPARSE_ENTRIES = 16_384;

  /** Most elements in one value of an {@code ARRAY_} field. */
  public static final int MAX_ARRAY_LENGTH = 4_096;

  /** Longest string value, in UTF-8 bytes (1 MiB). */
  public static final int MAX_STRING_BYTES = 1 << 20;

  /** Most documents in one write call. */
  public static final int MAX_BATCH_SIZE = 100_000;

  /** Largest {@code topK} of a query. */
  public static final int MAX_TOP_K = 16_384;

  /** Longest filter expression, in characters (1 MiB), so that large {@code IN} lists fit. */
  public static final int MAX_FILTER_LENGTH = 1 << 20;

  /**
   * Deepest nesting of a filter: parentheses and {@code NOT} in the text, and {@code AND}, {@code
   * OR}, {@code NOT} nodes on one path of a filter tree. Deeper filters are refused with an error
   * rather than risking a stack overflow.
   */
  public static final int MAX_FILTER_DEPTH = 100;

  private Limits() {}
}
