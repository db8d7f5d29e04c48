package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;

/**
 * {@code field [NOT] LIKE 'pattern'}: matches a STRING field (or {@code id}) against a pattern in
 * which {@code %} stands for any run of characters (possibly none) and {@code _} for exactly one
 * character (one Unicode code point). A backslash makes the next {@code %}, {@code _} or backslash
 * literal: {@code '100\%'} matches the text {@code 100%}. A backslash before any other character,
 * or at the end, is an error. Matching is case-sensitive and covers the whole value: {@code 'pre%'}
 * is a prefix test, {@code '%suf'} a suffix test, {@code '%mid%'} a substring test. A null field
 * matches neither {@code LIKE} nor {@code NOT LIKE}.
 *
 * @param field a STRING field name, or {@code id}
 * @param pattern the pattern, with backslash escapes as written (after the quotes are removed)
 * @param negated true for {@code NOT LIKE}
 */
public record Like(String field, String pattern, boolean negated) implements Filter {
  /** Checks the field name and the pattern's escapes. */
  public Like {
    FieldNames.check(field);
    if (pattern == null) {
      throw new InvalidArgumentException("LIKE on '" + field + "' needs a pattern");
    }
    int bad = badEscape(pattern);
    if (bad >= 0) {
      throw new InvalidArgumentException(badEscapeMessage(pattern, bad));
    }
  }

  /**
   * The pattern that matches exactly {@code text}: each {@code %}, {@code _} and backslash gets a
   * backslash, so that for example {@code startsWith} helpers need no escaping by the caller.
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The canonical text, for example {@code title LIKE 'Dune%'}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }

  /** The index of a backslash not followed by {@code %}, {@code _} or a backslash, or -1. */
  static int badEscape(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '\\') {
        if (i + 1 == pattern.length()) {
          return i;
        }
        char next = pattern.charAt(i + 1);
        if (next != '%' && next != '_' && next != '\\') {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  static String badEscapeMessage(String pattern, int index) {
    return "LIKE pattern "
        + new Literal.Str(pattern).describe().substring("string ".length())
        + " has a backslash at character "
        + (pattern.codePointCount(0, index) + 1)
        + " not followed by %, _ or \\ (write \\\\ for a backslash)";
  }
}
