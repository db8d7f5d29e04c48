package io.quiver.bench.ann;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one flat JSON object (string, number, boolean and null values): enough to check the
 * harness's lines independently of the code that writes them. Integers come back as Long, other
 * numbers as Double.
 */
final class TinyJson {
  private final String s;
  private int pos;

  private TinyJson(String s) {
    this.s = s.trim();
  }

  static Map<String, Object> parse(String line) {
    return new TinyJson(line).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    expect('{');
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      String key = string();
      expect(':');
      if (m.put(key, value()) != null) {
        throw new IllegalArgumentException("duplicate key " + key + " in " + s);
      }
      char c = s.charAt(pos++);
      if (c == '}') {
        if (pos != s.length()) {
          throw new IllegalArgumentException("trailing text in " + s);
        }
        return m;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at " + pos + " in " + s);
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (s.startsWith(word, pos)) {
        pos += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = pos;
    while (pos < s.length() && "+-.0123456789eE".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    String num = s.substring(start, pos);
    if (num.isEmpty()) {
      throw new IllegalArgumentException("bad value at " + start + " in " + s);
    }
    return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private char peek() {
    return s.charAt(pos);
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + s);
    }
    pos++;
  }
}
