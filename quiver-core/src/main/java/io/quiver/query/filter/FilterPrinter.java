package io.quiver.query.filter;

import java.util.List;

/**
 * Prints the canonical text of a filter: keywords in upper case, one space around operators,
 * keyword field names in double quotes, and an {@code AND} or {@code OR} that is an operand in
 * parentheses (even an {@code AND} inside an {@code OR}, where precedence would not need them, for
 * the reader's sake). The text parses back to an equal tree.
 */
final class FilterPrinter {
  private FilterPrinter() {}

  static String print(Filter filter) {
    StringBuilder sb = new StringBuilder();
    append(sb, filter);
    return sb.toString();
  }

  // Recursion depth is bounded by Limits.MAX_FILTER_DEPTH, which every node's constructor checks.
  private static void append(StringBuilder sb, Filter filter) {
    switch (filter) {
      case Comparison c ->
          sb.append(FieldNames.quote(c.field()))
              .append(' ')
              .append(c.op().symbol())
              .append(' ')
              .append(c.value());
      case ArrayLength a ->
          sb.append("array_length(")
              .append(FieldNames.quote(a.field()))
              .append(") ")
              .append(a.op().symbol())
              .append(' ')
              .append(a.length());
      case InList in -> {
        sb.append(FieldNames.quote(in.field())).append(in.negated() ? " NOT IN " : " IN ");
        appendList(sb, in.values());
      }
      case Like l ->
          sb.append(FieldNames.quote(l.field()))
              .append(l.negated() ? " NOT LIKE " : " LIKE ")
              .append(new Literal.Str(l.pattern()));
      case IsNull n ->
          sb.append(FieldNames.quote(n.field())).append(n.negated() ? " IS NOT NULL" : " IS NULL");
      case ArrayContains c -> {
        sb.append(FieldNames.quote(c.field())).append(' ').append(c.match().keyword()).append(' ');
        appendList(sb, c.values());
      }
      case And a -> appendJoined(sb, a.operands(), " AND ");
      case Or o -> appendJoined(sb, o.operands(), " OR ");
      case Not n -> {
        sb.append("NOT ");
        appendOperand(sb, n.operand());
      }
    }
  }

  private static void appendJoined(StringBuilder sb, List<Filter> operands, String keyword) {
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        sb.append(keyword);
      }
      // Operands are flattened, so an And or Or operand is always the other connective.
      appendOperand(sb, operands.get(i));
    }
  }

  /**
   * An operand of NOT, AND or OR: a connective goes in parentheses, anything else does not. So the
   * text never nests deeper (in parentheses and NOT) than the tree does, and a tree at the depth
   * limit prints as text the parser accepts.
   */
  private static void appendOperand(StringBuilder sb, Filter f) {
    boolean group = f instanceof And || f instanceof Or;
    if (group) {
      sb.append('(');
    }
    append(sb, f);
    if (group) {
      sb.append(')');
    }
  }

  private static void appendList(StringBuilder sb, List<Literal> values) {
    sb.append('(');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values.get(i));
    }
    sb.append(')');
  }
}
