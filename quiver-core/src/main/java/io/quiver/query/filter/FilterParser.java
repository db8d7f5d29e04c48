package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.query.filter.FilterLexer.Kind;
import io.quiver.query.filter.FilterLexer.Token;
import io.quiver.schema.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A recursive-descent parser for the grammar in the package documentation. Each rule is one method;
 * the nesting counter stops the recursion at {@link Limits#MAX_FILTER_DEPTH} so that deep input
 * gives an error, not a stack overflow.
 */
final class FilterParser {
  private static final String OPERATORS =
      "=, !=, <, <=, >, >=, IN, NOT IN, LIKE, NOT LIKE, IS NULL, IS NOT NULL, CONTAIN_ANY,"
          + " CONTAIN_ALL";

  private final String text;
  private final FilterLexer lexer;
  private final SourceMap map;
  private Token tok;
  private int depth;

  private FilterParser(String text) {
    this.text = text;
    this.lexer = new FilterLexer(text);
    this.map = new SourceMap(text);
  }

  /** A parsed filter and where its parts were in the text. */
  record Parsed(Filter filter, SourceMap map) {}

  static Parsed parse(String text) {
    if (text == null) {
      throw new InvalidArgumentException("filter must not be null");
    }
    if (text.length() > Limits.MAX_FILTER_LENGTH) {
      throw new InvalidArgumentException(
          "filter has "
              + text.length()
              + " characters, more than the limit "
              + Limits.MAX_FILTER_LENGTH);
    }
    FilterParser p = new FilterParser(text);
    p.advance();
    Filter filter = p.parseOr();
    if (p.tok.kind() != Kind.EOF) {
      String hint = p.tok.kind() == Kind.RPAREN ? " (this ')' closes no '(')" : "";
      throw p.error(p.tok, "expected AND, OR or the end, got " + p.tok.describe() + hint);
    }
    return new Parsed(filter, p.map);
  }

  /** An error at a character offset, reported as a 1-based column counted in code points. */
  static InvalidArgumentException error(String text, int offset, String message) {
    return new InvalidArgumentException("at " + column(text, offset) + ": " + message);
  }

  static int column(String text, int offset) {
    return text.codePointCount(0, Math.min(offset, text.length())) + 1;
  }

  private InvalidArgumentException error(Token at, String message) {
    return error(text, at.offset(), message);
  }

  private void advance() {
    tok = lexer.next();
  }

  private void enter(Token at) {
    if (++depth > Limits.MAX_FILTER_DEPTH) {
      throw error(
          at,
          "filter nests deeper than the limit of "
              + Limits.MAX_FILTER_DEPTH
              + " levels of parentheses and NOT");
    }
  }

  /** Builds a node, turning a limit broken in its constructor into an error at {@code at}. */
  private <T extends Filter> T build(int offset, Supplier<T> node) {
    try {
      return node.get();
    } catch (InvalidArgumentException e) {
      throw error(text, offset, e.getMessage());
    }
  }

  // or_expr = and_expr { "OR" and_expr }
  private Filter parseOr() {
    int start = tok.offset();
    List<Filter> operands = new ArrayList<>();
    operands.add(parseAnd());
    while (tok.kind() == Kind.OR) {
      advance();
      operands.add(parseAnd());
    }
    return operands.size() == 1 ? operands.get(0) : build(start, () -> new Or(operands));
  }

  // and_expr = not_expr { "AND" not_expr }
  private Filter parseAnd() {
    int start = tok.offset();
    List<Filter> operands = new ArrayList<>();
    operands.add(parseNot());
    while (tok.kind() == Kind.AND) {
      advance();
      operands.add(parseNot());
    }
    return operands.size() == 1 ? operands.get(0) : build(start, () -> new And(operands));
  }

  // not_expr = "NOT" not_expr | primary
  private Filter parseNot() {
    if (tok.kind() != Kind.NOT) {
      return parsePrimary();
    }
    Token not = tok;
    enter(not);
    advance();
    Filter operand = parseNot();
    depth--;
    return build(not.offset(), () -> new Not(operand));
  }

  // primary = "(" or_expr ")" | condition
  private Filter parsePrimary() {
    switch (tok.kind()) {
      case LPAREN -> {
        Token open = tok;
        enter(open);
        advance();
        Filter inner = parseOr();
        if (tok.kind() != Kind.RPAREN) {
          throw error(
              tok,
              "expected ')' to close the '(' at "
                  + column(text, open.offset())
                  + ", got "
                  + tok.describe());
        }
        advance();
        depth--;
        return inner;
      }
      case ARRAY_LENGTH -> {
        return parseArrayLength();
      }
      case IDENT, QUOTED_IDENT -> {
        return parseCondition();
      }
      default -> throw error(tok, "expected a field name, NOT or '(', got " + describeAsName(tok));
    }
  }

  private static String describeAsName(Token t) {
    if (t.isKeyword()) {
      return t.describe()
          + " (a field named like a keyword is written in double quotes: \""
          + t.text()
          + "\")";
    }
    return t.describe();
  }

  // condition = field ( compare_op literal | ["NOT"] "IN" list | ["NOT"] "LIKE" string
  //           | "IS" ["NOT"] "NULL" | ("CONTAIN_ANY" | "CONTAIN_ALL") list )
  private Filter parseCondition() {
    Token fieldTok = tok;
    String field = (String) fieldTok.value();
    advance();
    Token opTok = tok;
    Filter node =
        switch (tok.kind()) {
          case OP -> {
            advance();
            Literal value = parseValue("after '" + opTok.text() + "'");
            yield new Comparison(field, (CompareOp) opTok.value(), value);
          }
          case IN -> new InList(field, parseList("IN"), false);
          case LIKE -> parseLike(field, false);
          case NOT -> {
            advance();
            if (tok.kind() == Kind.IN) {
              yield new InList(field, parseList("NOT IN"), true);
            }
            if (tok.kind() == Kind.LIKE) {
              yield parseLike(field, true);
            }
            throw error(tok, "expected IN or LIKE after NOT, got " + tok.describe());
          }
          case IS -> {
            advance();
            boolean negated = tok.kind() == Kind.NOT;
            if (negated) {
              advance();
            }
            if (tok.kind() != Kind.NULL) {
              throw error(
                  tok,
                  "expected NULL after IS" + (negated ? " NOT" : "") + ", got " + tok.describe());
            }
            advance();
            yield new IsNull(field, negated);
          }
          case CONTAIN_ANY ->
              new ArrayContains(field, ArrayContains.Match.ANY, parseList("CONTAIN_ANY"));
          case CONTAIN_ALL ->
              new ArrayContains(field, ArrayContains.Match.ALL, parseList("CONTAIN_ALL"));
          default ->
              throw error(
                  tok,
                  "expected an operator after field '"
                      + field
                      + "' ("
                      + OPERATORS
                      + "), got "
                      + tok.describe());
        };
    map.field(node, fieldTok.offset());
    map.operator(node, opTok.offset());
    return node;
  }

  private Like parseLike(String field, boolean negated) {
    advance();
    Token pattern = tok;
    if (pattern.kind() != Kind.STRING) {
      throw error(pattern, "expected a 'pattern' string after LIKE, got " + pattern.describe());
    }
    String value = (String) pattern.value();
    int bad = Like.badEscape(value);
    if (bad >= 0) {
      throw error(pattern, Like.badEscapeMessage(value, bad));
    }
    advance();
    return new Like(field, value, negated);
  }

  // list = "(" literal { "," literal } ")"; the current token is the keyword before it.
  private List<Literal> parseList(String keyword) {
    advance();
    if (tok.kind() != Kind.LPAREN) {
      throw error(tok, "expected '(' after " + keyword + ", got " + tok.describe());
    }
    advance();
    if (tok.kind() == Kind.RPAREN) {
      throw error(
          tok, "expected a value in the " + keyword + " list, got ')': the list must not be empty");
    }
    List<Literal> values = new ArrayList<>();
    values.add(parseValue("in the " + keyword + " list"));
    while (tok.kind() == Kind.COMMA) {
      advance();
      values.add(parseValue("after ',' in the " + keyword + " list"));
    }
    if (tok.kind() != Kind.RPAREN) {
      throw error(tok, "expected ',' or ')' in the " + keyword + " list, got " + tok.describe());
    }
    advance();
    return values;
  }

  // literal = string | number | "TRUE" | "FALSE"
  private Literal parseValue(String context) {
    Token t = tok;
    Literal literal =
        switch (t.kind()) {
          case STRING -> new Literal.Str((String) t.value());
          case INT -> new Literal.Int((Long) t.value());
          case FLOAT -> new Literal.Real((Double) t.value());
          case TRUE -> new Literal.Bool(true);
          case FALSE -> new Literal.Bool(false);
          case NULL ->
              throw error(
                  t,
                  "NULL is not a value: a comparison never matches a null field;"
                      + " use IS NULL or IS NOT NULL");
          case IDENT, QUOTED_IDENT ->
              throw error(
                  t,
                  "expected a value "
                      + context
                      + ", got "
                      + t.describe()
                      + " (a value is a 'string', a number, true or false;"
                      + " fields cannot be compared with fields)");
          default -> throw error(t, "expected a value " + context + ", got " + t.describe());
        };
    map.literal(literal, t.offset());
    advance();
    return literal;
  }

  // "ARRAY_LENGTH" "(" field ")" compare_op integer
  private Filter parseArrayLength() {
    advance();
    if (tok.kind() != Kind.LPAREN) {
      throw error(tok, "expected '(' after array_length, got " + tok.describe());
    }
    advance();
    Token fieldTok = tok;
    if (fieldTok.kind() != Kind.IDENT && fieldTok.kind() != Kind.QUOTED_IDENT) {
      throw error(fieldTok, "expected a field name in array_length(), got " + describeAsName(tok));
    }
    String field = (String) fieldTok.value();
    advance();
    if (tok.kind() != Kind.RPAREN) {
      throw error(tok, "expected ')' after array_length(" + field + ", got " + tok.describe());
    }
    advance();
    Token opTok = tok;
    if (opTok.kind() != Kind.OP) {
      throw error(
          opTok,
          "expected =, !=, <, <=, > or >= after array_length("
              + field
              + "), got "
              + opTok.describe());
    }
    advance();
    Token value = tok;
    if (value.kind() != Kind.INT) {
      String what =
          switch (value.kind()) {
            case STRING, FLOAT, TRUE, FALSE, NULL ->
                "array_length(" + field + ") is compared with an integer, got ";
            default -> "expected an integer after '" + opTok.text() + "', got ";
          };
      throw error(value, what + value.describe());
    }
    advance();
    ArrayLength node = new ArrayLength(field, (CompareOp) opTok.value(), (Long) value.value());
    map.field(node, fieldTok.offset());
    map.operator(node, opTok.offset());
    return node;
  }
}
