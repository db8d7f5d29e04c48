package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;

/**
 * Splits filter text into tokens, one at a time. Whitespace separates tokens; keywords are matched
 * case-insensitively; numbers take their minus sign with them ({@code -5} is one token, so {@code a
 * - 5} is an error rather than arithmetic, which the language does not have).
 */
final class FilterLexer {

  enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    INT,
    FLOAT,
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    AND,
    OR,
    NOT,
    IN,
    LIKE,
    IS,
    NULL,
    TRUE,
    FALSE,
    CONTAIN_ANY,
    CONTAIN_ALL,
    ARRAY_LENGTH,
    EOF
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param offset the index of its first character in the text
   * @param text the source characters
   * @param value the identifier name, decoded string, {@link Long}, {@link Double} or {@link
   *     CompareOp}; null for the others
   */
  record Token(Kind kind, int offset, String text, Object value) {
    /** A phrase for error messages: {@code end of input}, {@code identifier 'x'}, ... */
    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case IDENT -> "identifier '" + value + "'";
        case QUOTED_IDENT -> "identifier " + text;
        case STRING -> new Literal.Str((String) value).describe();
        case INT -> "integer " + text;
        case FLOAT -> "number " + text;
        case OP, LPAREN, RPAREN, COMMA -> "'" + text + "'";
        default -> "keyword '" + text + "'";
      };
    }

    boolean isKeyword() {
      return kind.ordinal() >= Kind.AND.ordinal() && kind != Kind.EOF;
    }
  }

  private static final Map<String, Kind> KEYWORDS =
      Map.ofEntries(
          Map.entry("AND", Kind.AND),
          Map.entry("OR", Kind.OR),
          Map.entry("NOT", Kind.NOT),
          Map.entry("IN", Kind.IN),
          Map.entry("LIKE", Kind.LIKE),
          Map.entry("IS", Kind.IS),
          Map.entry("NULL", Kind.NULL),
          Map.entry("TRUE", Kind.TRUE),
          Map.entry("FALSE", Kind.FALSE),
          Map.entry("CONTAIN_ANY", Kind.CONTAIN_ANY),
          Map.entry("CONTAIN_ALL", Kind.CONTAIN_ALL),
          Map.entry("ARRAY_LENGTH", Kind.ARRAY_LENGTH));

  private final String text;
  private int pos;

  FilterLexer(String text) {
    this.text = text;
  }

  /** The next token; {@link Kind#EOF} at the end, again on every later call. */
  Token next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos == text.length()) {
      return new Token(Kind.EOF, start, "", null);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(' -> {
        return single(Kind.LPAREN, start);
      }
      case ')' -> {
        return single(Kind.RPAREN, start);
      }
      case ',' -> {
        return single(Kind.COMMA, start);
      }
      case '\'' -> {
        return string(start);
      }
      case '"' -> {
        return quotedIdent(start);
      }
      case '=', '!', '<', '>' -> {
        return operator(start);
      }
      default -> {}
    }
    if (c == '-' || c == '.' || isDigit(c)) {
      return number(start);
    }
    if (c == '_' || isAsciiLetter(c)) {
      while (pos < text.length()
          && (isAsciiLetter(text.charAt(pos))
              || isDigit(text.charAt(pos))
              || text.charAt(pos) == '_')) {
        pos++;
      }
      String word = text.substring(start, pos);
      Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
      if (keyword != null) {
        return new Token(keyword, start, word, null);
      }
      return new Token(Kind.IDENT, start, word, checkedName(word, start));
    }
    throw FilterParser.error(
        text, start, "unexpected character '" + Character.toString(text.codePointAt(start)) + "'");
  }

  private Token single(Kind kind, int start) {
    pos++;
    return new Token(kind, start, text.substring(start, pos), null);
  }

  private Token operator(int start) {
    char c = text.charAt(pos++);
    char next = pos < text.length() ? text.charAt(pos) : 0;
    CompareOp op;
    if (c == '=') {
      if (next == '=') {
        pos++;
      }
      op = CompareOp.EQ;
    } else if (c == '!') {
      if (next != '=') {
        throw FilterParser.error(text, start, "unexpected character '!' (did you mean '!='?)");
      }
      pos++;
      op = CompareOp.NE;
    } else if (c == '<') {
      if (next == '=') {
        pos++;
        op = CompareOp.LE;
      } else if (next == '>') {
        pos++;
        op = CompareOp.NE;
      } else {
        op = CompareOp.LT;
      }
    } else {
      if (next == '=') {
        pos++;
        op = CompareOp.GE;
      } else {
        op = CompareOp.GT;
      }
    }
    return new Token(Kind.OP, start, text.substring(start, pos), op);
  }

  private Token string(int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      int quote = text.indexOf('\'', pos);
      if (quote < 0) {
        throw FilterParser.error(
            text, start, "string literal is not closed (a quote inside a string is written '')");
      }
      sb.append(text, pos, quote);
      pos = quote + 1;
      if (pos < text.length() && text.charAt(pos) == '\'') {
        sb.append('\'');
        pos++;
      } else {
        return new Token(Kind.STRING, start, text.substring(start, pos), sb.toString());
      }
    }
  }

  private Token quotedIdent(int start) {
    int close = text.indexOf('"', start + 1);
    if (close < 0) {
      throw FilterParser.error(text, start, "quoted field name is not closed by '\"'");
    }
    String name = text.substring(start + 1, close);
    pos = close + 1;
    return new Token(
        Kind.QUOTED_IDENT, start, text.substring(start, pos), checkedName(name, start));
  }

  /** The name, checked here so that a bad one is reported at its column. */
  private String checkedName(String name, int start) {
    try {
      return FieldNames.check(name);
    } catch (InvalidArgumentException e) {
      throw FilterParser.error(text, start, e.getMessage());
    }
  }

  private Token number(int start) {
    if (text.charAt(pos) == '-') {
      pos++;
      if (pos == text.length() || !(isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        throw FilterParser.error(text, start, "'-' must be followed by a number");
      }
    }
    int digits = pos;
    skipDigits();
    boolean isFloat = false;
    if (pos < text.length() && text.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      skipDigits();
    }
    boolean hasDigits = pos > digits + (isFloat ? 1 : 0);
    if (hasDigits && pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      isFloat = true;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      int exponent = pos;
      skipDigits();
      hasDigits = pos > exponent;
    }
    // A number glued to a letter or a second point ("12abc", "1.2.3") is one malformed token.
    while (pos < text.length()
        && (isAsciiLetter(text.charAt(pos))
            || isDigit(text.charAt(pos))
            || text.charAt(pos) == '_'
            || text.charAt(pos) == '.')) {
      pos++;
      hasDigits = false;
    }
    String source = text.substring(start, pos);
    if (!hasDigits) {
      throw FilterParser.error(text, start, "malformed number '" + source + "'");
    }
    if (!isFloat) {
      try {
        return new Token(Kind.INT, start, source, Long.parseLong(source));
      } catch (NumberFormatException e) {
        throw FilterParser.error(
            text, start, "integer " + source + " is outside the signed 64-bit range");
      }
    }
    double value = Double.parseDouble(source);
    if (Double.isInfinite(value)) {
      throw FilterParser.error(text, start, "number " + source + " is outside the double range");
    }
    return new Token(Kind.FLOAT, start, source, value);
  }

  private void skipDigits() {
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
