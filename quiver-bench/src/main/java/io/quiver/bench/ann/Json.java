package io.quiver.bench.ann;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat JSON object, keys in insertion order: the harness's output lines. Values are strings,
 * numbers, booleans or null; that is all the lines need, so no JSON library is pulled in.
 */
public final class Json {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** Adds (or replaces) a key. */
  public Json put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** Adds every entry of {@code more}. */
  public Json putAll(Map<String, ?> more) {
    fields.putAll(more);
    return this;
  }

  /** A number rounded to {@code digits} decimals, as zvec-bench's {@code toFixed} does. */
  public static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, e.getKey());
      sb.append(':');
      Object v = e.getValue();
      switch (v) {
        case null -> sb.append("null");
        case Boolean b -> sb.append(b);
        case Double d when d.isNaN() || d.isInfinite() -> sb.append("null");
        case Float f when f.isNaN() || f.isInfinite() -> sb.append("null");
        case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> sb.append(d.longValue());
        case Number n -> sb.append(n);
        default -> quote(sb, v.toString());
      }
    }
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
