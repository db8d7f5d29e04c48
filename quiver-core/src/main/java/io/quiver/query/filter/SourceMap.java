package io.quiver.query.filter;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the parser found each node, so that type errors found later can point at a column. Kept
 * beside the tree, keyed by node identity, because positions must not take part in the nodes'
 * equality: a parsed tree equals the same tree built in code or parsed from other spacing.
 */
final class SourceMap {
  /** For trees built in code: knows no positions. */
  static final SourceMap NONE = new SourceMap("");

  private final String text;
  private final Map<Object, Integer> fields = new IdentityHashMap<>();
  private final Map<Object, Integer> operators = new IdentityHashMap<>();
  private final Map<Object, Integer> literals = new IdentityHashMap<>();

  SourceMap(String text) {
    this.text = text;
  }

  void field(Filter node, int offset) {
    fields.put(node, offset);
  }

  void operator(Filter node, int offset) {
    operators.put(node, offset);
  }

  void literal(Literal literal, int offset) {
    literals.put(literal, offset);
  }

  /** The offset of the node's field name, or -1. */
  int fieldAt(Filter node) {
    return fields.getOrDefault(node, -1);
  }

  /** The offset of the node's operator or keyword, or -1. */
  int operatorAt(Filter node) {
    return operators.getOrDefault(node, -1);
  }

  /** The offset of the literal, or -1. */
  int literalAt(Literal literal) {
    return literals.getOrDefault(literal, -1);
  }

  String text() {
    return text;
  }
}
