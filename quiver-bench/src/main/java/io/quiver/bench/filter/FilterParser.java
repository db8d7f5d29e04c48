package io.quiver.bench.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for {@link Filter}: {@code OR} binds loosest, then {@code AND}, then
 * {@code NOT}; keywords are case-insensitive. Errors quote the expression and the position.
 */
final class FilterParser {
  private final String src;
  private int pos;

  FilterParser(String src) {
    this.src = src;
  }

  Filter parse() {
    Filter f = or();
    skipSpace();
    if (pos < src.length()) {
      throw error("unexpected '" + src.substring(pos) + "'");
    }
    return f;
  }

  private Filter or() {
    Filter left = and();
    while (keyword("OR")) {
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = unary();
    while (keyword("AND")) {
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() {
    if (keyword("NOT")) {
      return new Filter.Not(unary());
    }
    skipSpace();
    if (peek() == '(') {
      pos++;
      Filter inner = or();
      expect(')');
      return inner;
    }
    return predicate();
  }

  private Filter predicate() {
    String field = identifier();
    if (keyword("NOT")) {
      if (!keyword("IN")) {
        throw error("expected IN after NOT");
      }
      return new Filter.In(field, list(), true);
    }
    if (keyword("IN")) {
      return new Filter.In(field, list(), false);
    }
    return new Filter.Compare(field, operator(), literal());
  }

  private List<Object> list() {
    expect('(');
    List<Object> values = new ArrayList<>();
    values.add(literal());
    skipSpace();
    while (peek() == ',') {
      pos++;
      values.add(literal());
      skipSpace();
    }
    expect(')');
    return values;
  }

  private Filter.Op operator() {
    skipSpace();
    for (String s : new String[] {"!=", "<>", "<=", ">=", "=", "<", ">"}) {
      if (src.startsWith(s, pos)) {
        pos += s.length();
        return switch (s) {
          case "!=", "<>" -> Filter.Op.NE;
          case "<=" -> Filter.Op.LE;
          case ">=" -> Filter.Op.GE;
          case "=" -> Filter.Op.EQ;
          case "<" -> Filter.Op.LT;
          default -> Filter.Op.GT;
        };
      }
    }
    throw error("expected a comparison operator");
  }

  private Object literal() {
    skipSpace();
    char c = peek();
    if (c == '\'') {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= src.length()) {
          throw error("unterminated string");
        }
        char ch = src.charAt(pos++);
        if (ch == '\'') {
          if (peek() == '\'') {
            sb.append('\'');
            pos++;
            continue;
          }
          return sb.toString();
        }
        sb.append(ch);
      }
    }
    if (keyword("TRUE")) {
      return Boolean.TRUE;
    }
    if (keyword("FALSE")) {
      return Boolean.FALSE;
    }
    int start = pos;
    while (pos < src.length() && "+-.0123456789eE".indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a literal (number, 'string', true or false)");
    }
    try {
      return Double.parseDouble(src.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("'" + src.substring(start) + "' is not a number");
    }
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos || Character.isDigit(src.charAt(start))) {
      pos = start;
      throw error("expected a field name");
    }
    return src.substring(start, pos);
  }

  /** Consumes {@code word} when it stands at the position as a whole word. */
  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (end > src.length()
        || !src.substring(pos, end).toUpperCase(Locale.ROOT).equals(word)
        || (end < src.length()
            && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
      return false;
    }
    pos = end;
    return true;
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "filter \"" + src + "\": " + what + " at position " + (pos + 1));
  }
}
