package io.quiver.internal.segment;

import io.quiver.internal.doc.FieldInfo;

/**
 * The rows a new segment is written from: a frozen in-memory segment (flush) or the live rows of
 * older segments (merge). Rows are numbered 0..{@link #rowCount()}-1 in the order they are written.
 */
public interface RowSource {

  /** Number of rows. */
  int rowCount();

  /** The id of row {@code i}. */
  String id(int i);

  /**
   * The normalized value of a field at row {@code i} (see {@link io.quiver.schema.DataType} for the
   * Java types; {@code float[]} for FP32 and FP16 vectors), or null.
   */
  Object value(FieldInfo field, int i);
}
