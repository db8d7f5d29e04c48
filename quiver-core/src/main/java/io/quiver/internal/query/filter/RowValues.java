package io.quiver.internal.query.filter;

/**
 * One row's scalar values, as a {@link CompiledFilter} reads them. The storage engine implements it
 * over its rows (for memtable rows of Java objects, {@link ObjectRowValues} does it already) and
 * over columnar segment data, typically as a cursor that is moved from row to row, so that no
 * object is created per row and no number is boxed.
 *
 * <p>Fields are named by their ordinal: the index of the field in {@link
 * io.quiver.schema.Schema#fields()} (vector fields count too, though filters never read them).
 * {@link #ID} names the document id.
 *
 * <p>The filter only calls a getter after {@link #isNull} returned false for that field in the
 * current row, and only the getter matching the field's type:
 *
 * <table>
 *   <caption>Getters per type</caption>
 *   <tr><th>type</th><th>getter</th></tr>
 *   <tr><td>STRING, {@link #ID}</td><td>{@link #getString(int)}</td></tr>
 *   <tr><td>BOOL</td><td>{@link #getBool(int)}</td></tr>
 *   <tr><td>INT32, INT64</td><td>{@link #getLong(int)} (an INT32 widened)</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@link #getDouble(int)} (a FLOAT widened exactly)</td></tr>
 *   <tr><td>ARRAY_x</td><td>{@link #arrayLength(int)}, then the indexed getter of x for each
 *       index below it</td></tr>
 * </table>
 *
 * <p>Array elements are never null. An implementation need not be thread-safe: each thread
 * evaluates with its own instance.
 */
public interface RowValues {
  /** The ordinal of the document id: never null, read with {@link #getString(int)}. */
  int ID = -1;

  /** Whether the field has no value in the current row. An empty array is not null. */
  boolean isNull(int field);

  /** The value of an INT32 or INT64 field. */
  long getLong(int field);

  /** The value of a FLOAT or DOUBLE field; a FLOAT is widened, which is exact. */
  double getDouble(int field);

  /** The value of a BOOL field. */
  boolean getBool(int field);

  /** The value of a STRING field, or the document id for {@link #ID}. */
  String getString(int field);

  /** The number of elements of an {@code ARRAY_} field (0 for an empty array). */
  int arrayLength(int field);

  /** Element {@code index} of an ARRAY_INT32 or ARRAY_INT64 field. */
  long getLong(int field, int index);

  /** Element {@code index} of an ARRAY_FLOAT or ARRAY_DOUBLE field, widened. */
  double getDouble(int field, int index);

  /** Element {@code index} of an ARRAY_BOOL field. */
  boolean getBool(int field, int index);

  /** Element {@code index} of an ARRAY_STRING field. */
  String getString(int field, int index);
}
