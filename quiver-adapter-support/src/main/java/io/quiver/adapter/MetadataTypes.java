package io.quiver.adapter;

import io.quiver.schema.DataType;
import java.util.UUID;

/**
 * The field type each metadata value gets, and the conversions between metadata values, stored
 * values and filter literals.
 *
 * <table>
 *   <caption>Metadata values and field types</caption>
 *   <tr><th>Java value</th><th>field type</th><th>read back as</th></tr>
 *   <tr><td>String, UUID</td><td>STRING</td><td>String</td></tr>
 *   <tr><td>Boolean</td><td>BOOL</td><td>Boolean</td></tr>
 *   <tr><td>Integer, Short, Byte</td><td>INT32</td><td>Integer</td></tr>
 *   <tr><td>Long</td><td>INT64</td><td>Long</td></tr>
 *   <tr><td>Float</td><td>FLOAT</td><td>Float</td></tr>
 *   <tr><td>Double</td><td>DOUBLE</td><td>Double</td></tr>
 * </table>
 *
 * <p>A field also takes values that widen to its type without loss: an integer into an INT64 field
 * (read back as Long) and a Float into a DOUBLE field (read back as the same number, a Double).
 */
final class MetadataTypes {
  private MetadataTypes() {}

  /**
   * The field type of a metadata value.
   *
   * @throws IllegalArgumentException for null and for values of other types
   */
  static DataType typeOf(String key, Object value) {
    return switch (value) {
      case String s -> DataType.STRING;
      case UUID u -> DataType.STRING;
      case Boolean b -> DataType.BOOL;
      case Integer i -> DataType.INT32;
      case Short s -> DataType.INT32;
      case Byte b -> DataType.INT32;
      case Long l -> DataType.INT64;
      case Float f -> DataType.FLOAT;
      case Double d -> DataType.DOUBLE;
      case null ->
          throw new IllegalArgumentException("metadata key '" + key + "' has a null value");
      default ->
          throw new IllegalArgumentException(
              "metadata key '"
                  + key
                  + "' has a value of type "
                  + value.getClass().getName()
                  + " ("
                  + value
                  + "); supported: String, UUID, Boolean, Integer, Short, Byte, Long, Float,"
                  + " Double");
    };
  }

  /** Whether a value of type {@code value} can be stored in a field of type {@code field}. */
  static boolean fits(DataType value, DataType field) {
    return value == field
        || (value == DataType.INT32 && field == DataType.INT64)
        || (value == DataType.FLOAT && field == DataType.DOUBLE);
  }

  /** The type that holds values of both types, or null when there is none. */
  static DataType unify(DataType a, DataType b) {
    if (fits(a, b)) {
      return b;
    }
    return fits(b, a) ? a : null;
  }

  /** The value to store in a field of type {@code field}, which it {@linkplain #fits fits}. */
  static Object stored(Object value, DataType field) {
    return switch (value) {
      case UUID u -> u.toString();
      case Short s -> field == DataType.INT64 ? (Object) s.longValue() : (Object) s.intValue();
      case Byte b -> field == DataType.INT64 ? (Object) b.longValue() : (Object) b.intValue();
      case Integer i -> field == DataType.INT64 ? (Object) i.longValue() : i;
      case Float f -> field == DataType.DOUBLE ? (Object) f.doubleValue() : f;
      default -> value;
    };
  }

  /**
   * The filter literal comparing a field of type {@code field} with {@code value}: a UUID becomes
   * its string form, everything else is kept.
   *
   * @throws IllegalArgumentException when the value cannot be compared with the field's values
   */
  static Object literal(String key, DataType field, Object value) {
    boolean ok =
        switch (field) {
          case STRING -> value instanceof String || value instanceof UUID;
          case BOOL -> value instanceof Boolean;
          case INT32, INT64, FLOAT, DOUBLE ->
              value instanceof Integer
                  || value instanceof Long
                  || value instanceof Short
                  || value instanceof Byte
                  || value instanceof Float
                  || value instanceof Double;
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "metadata key '"
              + key
              + "' holds "
              + field
              + " values and cannot be compared with "
              + (value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'"));
    }
    return value instanceof UUID u ? u.toString() : value;
  }
}
