package io.quiver.internal.doc;

import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.schema.DataType;
import io.quiver.schema.Limits;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.SparseVector;
import io.quiver.schema.VectorField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Checks documents against the schema before anything is written, and normalizes their values to
 * the one Java type per {@link DataType} (an Integer for an INT64 field becomes a Long, a double[]
 * for a vector becomes a float[], FP16 vectors are rounded to half precision). Every rule broken is
 * an {@link InvalidArgumentException} whose message names the field, the value and the rule.
 */
public final class DocumentValidator {
  private final BoundSchema schema;

  /** A validator for this schema. */
  public DocumentValidator(BoundSchema schema) {
    this.schema = schema;
  }

  /** Fails unless {@code id} is a valid document id: 1..64 code points, no control characters. */
  public static void checkId(String id) {
    if (id == null) {
      throw new InvalidArgumentException("document id must not be null");
    }
    int points = id.codePointCount(0, id.length());
    if (points < 1 || points > Limits.MAX_ID_LENGTH) {
      throw new InvalidArgumentException(
          "id '"
              + printable(id)
              + "' has "
              + points
              + " characters; ids have 1.."
              + Limits.MAX_ID_LENGTH);
    }
    for (int i = 0; i < id.length(); ) {
      int cp = id.codePointAt(i);
      if (Character.isISOControl(cp)) {
        throw new InvalidArgumentException(
            String.format(
                "id '%s' contains the control character U+%04X at %d; ids may not contain"
                    + " control characters",
                printable(id), cp, i));
      }
      if (Character.isSurrogate((char) cp)) {
        throw new InvalidArgumentException(
            "id '" + printable(id) + "' contains an unpaired surrogate at " + i);
      }
      i += Character.charCount(cp);
    }
  }

  /**
   * Validates a whole document (insert, upsert): every field known, every value of the right type,
   * every non-nullable field present. Returns the normalized document with a value (possibly null)
   * for every field, in schema order.
   */
  public Document validateFull(Document doc) {
    checkId(doc.id());
    checkKnownFields(doc);
    Document.Builder out = Document.builder(doc.id());
    for (FieldInfo f : schema.fields()) {
      Object v = doc.get(f.name());
      if (v == null && !f.spec().nullable()) {
        throw new InvalidArgumentException(
            "field '"
                + f.name()
                + "' is "
                + (doc.has(f.name()) ? "null" : "missing")
                + " but is not nullable"
                + embeddingHint(f));
      }
      out.set(f.name(), v == null ? null : normalize(f, v));
    }
    return out.build();
  }

  /**
   * Validates the fields an update carries. Returns a normalized document holding only those
   * fields; a field mapped to null must be nullable.
   */
  public Document validatePartial(Document doc) {
    checkId(doc.id());
    checkKnownFields(doc);
    Document.Builder out = Document.builder(doc.id());
    for (Map.Entry<String, Object> e : doc.fields().entrySet()) {
      FieldInfo f = schema.field(e.getKey());
      if (e.getValue() == null) {
        if (!f.spec().nullable()) {
          throw new InvalidArgumentException(
              "field '" + f.name() + "' is not nullable and cannot be set to null");
        }
        out.set(f.name(), null);
      } else {
        out.set(f.name(), normalize(f, e.getValue()));
      }
    }
    return out.build();
  }

  private static String embeddingHint(FieldInfo f) {
    return f.spec() instanceof VectorField vf && vf.isEmbedded()
        ? " (it is embedded from '"
            + vf.embedding().sourceField()
            + "' when the document has that text and no vector)"
        : "";
  }

  private void checkKnownFields(Document doc) {
    for (String name : doc.fields().keySet()) {
      if (schema.field(name) == null) {
        throw new InvalidArgumentException(
            "field '" + name + "' is not in the schema (fields: " + fieldNames() + ")");
      }
    }
  }

  private String fieldNames() {
    List<String> names = new ArrayList<>();
    schema.fields().forEach(f -> names.add(f.name()));
    return String.join(", ", names);
  }

  /** Checks one non-null value for a field and returns its normalized form. */
  public Object normalize(FieldInfo f, Object v) {
    if (f.spec() instanceof VectorField vf) {
      return normalizeVector(vf, v);
    }
    ScalarField sf = f.scalar();
    if (sf.type().isArray()) {
      if (!(v instanceof List<?> list)) {
        throw typeError(f.name(), sf.type(), "a List", v);
      }
      if (list.size() > Limits.MAX_ARRAY_LENGTH) {
        throw new InvalidArgumentException(
            "field '"
                + f.name()
                + "' has "
                + list.size()
                + " elements, more than the limit "
                + Limits.MAX_ARRAY_LENGTH);
      }
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object e = list.get(i);
        if (e == null) {
          throw new InvalidArgumentException(
              "field '"
                  + f.name()
                  + "': element "
                  + i
                  + " is null; array elements may not be null");
        }
        out.add(scalar(f.name() + "[" + i + "]", sf.type().elementType(), e));
      }
      return Collections.unmodifiableList(out);
    }
    return scalar(f.name(), sf.type(), v);
  }

  private static Object scalar(String name, DataType type, Object v) {
    return switch (type) {
      case STRING -> {
        if (!(v instanceof String s)) {
          throw typeError(name, type, "a String", v);
        }
        checkString(name, s);
        yield s;
      }
      case BOOL -> {
        if (!(v instanceof Boolean)) {
          throw typeError(name, type, "a Boolean", v);
        }
        yield v;
      }
      case INT32 -> {
        long l = integral(name, type, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          throw new InvalidArgumentException(
              "field '" + name + "' is INT32 but " + l + " is outside its range");
        }
        yield (int) l;
      }
      case INT64 -> integral(name, type, v);
      case FLOAT -> {
        double d = number(name, type, v);
        if (Math.abs(d) > Float.MAX_VALUE) {
          throw new InvalidArgumentException(
              "field '" + name + "' is FLOAT but " + d + " is outside its range");
        }
        yield (float) d;
      }
      case DOUBLE -> number(name, type, v);
      default -> throw new IllegalStateException("not a scalar element type: " + type);
    };
  }

  private static long integral(String name, DataType type, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw typeError(name, type, "an integer (Integer, Long, Short or Byte)", v);
  }

  private static double number(String name, DataType type, Object v) {
    if (!(v instanceof Number n) || v instanceof java.math.BigDecimal) {
      throw typeError(name, type, "a number", v);
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidArgumentException(
          "field '" + name + "' is " + type + " but the value " + d + " is not finite");
    }
    return d;
  }

  private static void checkString(String name, String s) {
    int unpaired = unpairedSurrogate(s);
    if (unpaired >= 0) {
      throw new InvalidArgumentException(
          "field '" + name + "': the string has an unpaired surrogate at " + unpaired);
    }
    if (s.length() > Limits.MAX_STRING_BYTES / 3) {
      int bytes = s.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > Limits.MAX_STRING_BYTES) {
        throw new InvalidArgumentException(
            "field '"
                + name
                + "': the string has "
                + bytes
                + " UTF-8 bytes, more than the limit "
                + Limits.MAX_STRING_BYTES);
      }
    }
  }

  /**
   * The index of the first unpaired surrogate in {@code s}, or -1 when it has none (its UTF-8 bytes
   * are then its code points). Stored strings never have one: the validator rejects them.
   */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static Object normalizeVector(VectorField vf, Object v) {
    String name = vf.name();
    return switch (vf.type()) {
      case VECTOR_FP32, VECTOR_FP16 -> {
        float[] f = floats(name, vf.type(), v);
        checkDimension(name, vf.dimension(), f.length);
        for (int i = 0; i < f.length; i++) {
          if (!Float.isFinite(f[i])) {
            throw new InvalidArgumentException(
                "field '"
                    + name
                    + "': element "
                    + i
                    + " is "
                    + f[i]
                    + "; vector elements must be finite");
          }
          if (vf.type() == DataType.VECTOR_FP16) {
            if (Math.abs(f[i]) > 65504f) {
              throw new InvalidArgumentException(
                  "field '"
                      + name
                      + "': element "
                      + i
                      + " is "
                      + f[i]
                      + ", outside the FP16 range +-65504");
            }
            f[i] = Float.float16ToFloat(Float.floatToFloat16(f[i]));
          }
        }
        if (vf.metric() == Metric.COSINE && isZero(f)) {
          throw new InvalidArgumentException(
              "field '" + name + "': a zero vector has no direction, so COSINE cannot compare it");
        }
        yield f;
      }
      case VECTOR_INT8 -> {
        byte[] b = int8(name, v);
        checkDimension(name, vf.dimension(), b.length);
        if (vf.metric() == Metric.COSINE && isZero(b)) {
          throw new InvalidArgumentException(
              "field '" + name + "': a zero vector has no direction, so COSINE cannot compare it");
        }
        yield b;
      }
      case SPARSE_VECTOR_FP32 -> {
        if (!(v instanceof SparseVector s)) {
          throw typeError(name, vf.type(), "a SparseVector", v);
        }
        if (s.size() > Limits.MAX_SPARSE_ENTRIES) {
          throw new InvalidArgumentException(
              "field '"
                  + name
                  + "' has "
                  + s.size()
                  + " non-zero entries, more than the limit "
                  + Limits.MAX_SPARSE_ENTRIES);
        }
        float[] values = s.values();
        for (int i = 0; i < values.length; i++) {
          if (!Float.isFinite(values[i])) {
            throw new InvalidArgumentException(
                "field '"
                    + name
                    + "': weight of index "
                    + s.indices()[i]
                    + " is "
                    + values[i]
                    + "; weights must be finite");
          }
        }
        yield s;
      }
      default -> throw new IllegalStateException("not a vector type: " + vf.type());
    };
  }

  private static float[] floats(String name, DataType type, Object v) {
    return switch (v) {
      case float[] f -> f.clone();
      case double[] d -> {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          f[i] = (float) d[i];
        }
        yield f;
      }
      case List<?> l -> {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
          if (!(l.get(i) instanceof Number n)) {
            throw typeError(name + "[" + i + "]", type, "a number", l.get(i));
          }
          f[i] = n.floatValue();
        }
        yield f;
      }
      default -> throw typeError(name, type, "a float[]", v);
    };
  }

  private static byte[] int8(String name, Object v) {
    return switch (v) {
      case byte[] b -> b.clone();
      case List<?> l -> {
        byte[] b = new byte[l.size()];
        for (int i = 0; i < b.length; i++) {
          Object e = l.get(i);
          if (!(e instanceof Integer
                  || e instanceof Short
                  || e instanceof Byte
                  || e instanceof Long)
              || ((Number) e).longValue() < -128
              || ((Number) e).longValue() > 127) {
            throw new InvalidArgumentException(
                "field '"
                    + name
                    + "': element "
                    + i
                    + " = "
                    + e
                    + " is not an integer in -128..127");
          }
          b[i] = ((Number) e).byteValue();
        }
        yield b;
      }
      default -> throw typeError(name, DataType.VECTOR_INT8, "a byte[]", v);
    };
  }

  private static void checkDimension(String name, int expected, int actual) {
    if (actual != expected) {
      throw new InvalidArgumentException(
          "field '" + name + "': dimension " + actual + " != " + expected);
    }
  }

  private static boolean isZero(float[] f) {
    for (float x : f) {
      if (x != 0f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static InvalidArgumentException typeError(
      String name, DataType type, String expected, Object v) {
    return new InvalidArgumentException(
        "field '"
            + name
            + "' is "
            + type
            + " and expects "
            + expected
            + ", got "
            + v.getClass().getSimpleName()
            + " "
            + abbreviate(String.valueOf(v)));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  private static String printable(String id) {
    StringBuilder sb = new StringBuilder();
    id.codePoints()
        .limit(80)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
              } else {
                sb.appendCodePoint(cp);
              }
            });
    return sb.toString();
  }
}
