package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.DataType;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a filter against a schema: every field exists and is a scalar (or the id), every operator
 * suits the field's type, and every literal can be compared with the field. Errors point at the
 * column when the filter was parsed, and quote the condition otherwise.
 */
final class FilterChecker {
  private final Schema schema;
  private final SourceMap map;

  private FilterChecker(Schema schema, SourceMap map) {
    this.schema = schema;
    this.map = map;
  }

  static void check(Filter filter, Schema schema, SourceMap map) {
    if (schema == null) {
      throw new InvalidArgumentException("a filter is checked against a schema, got null");
    }
    new FilterChecker(schema, map).visit(filter);
  }

  /**
   * The type a filter sees for a field name: the schema's type, or STRING for {@code id}; empty
   * when the schema has no such field.
   */
  static Optional<DataType> typeOf(Schema schema, String field) {
    if (field.equals(FieldNames.ID)) {
      return Optional.of(DataType.STRING);
    }
    return schema.field(field).map(FieldSpec::type);
  }

  // Recursion depth is bounded by Limits.MAX_FILTER_DEPTH, which every node's constructor checks.
  private void visit(Filter filter) {
    switch (filter) {
      case And a -> a.operands().forEach(this::visit);
      case Or o -> o.operands().forEach(this::visit);
      case Not n -> visit(n.operand());
      case Comparison c -> {
        DataType type = scalar(c, c.field());
        if (c.op().isOrdering() && type == DataType.BOOL) {
          throw fail(
              c,
              map.operatorAt(c),
              "'"
                  + c.op().symbol()
                  + "' is not defined on BOOL field '"
                  + c.field()
                  + "' (use = or !=)");
        }
        checkLiteral(c, c.field(), type, c.value());
      }
      case InList in -> {
        DataType type = scalar(in, in.field());
        in.values().forEach(v -> checkLiteral(in, in.field(), type, v));
      }
      case Like l -> {
        DataType type = known(l, l.field());
        if (type != DataType.STRING) {
          throw fail(
              l,
              map.operatorAt(l),
              "LIKE needs a STRING field, field '" + l.field() + "' is " + type);
        }
      }
      case IsNull n -> known(n, n.field());
      case ArrayContains c -> {
        DataType type = known(c, c.field());
        if (!type.isArray()) {
          throw fail(
              c,
              map.operatorAt(c),
              c.match().keyword() + " needs an ARRAY_ field, field '" + c.field() + "' is " + type);
        }
        c.values().forEach(v -> checkLiteral(c, c.field(), type, v));
      }
      case ArrayLength a -> {
        DataType type = known(a, a.field());
        if (!type.isArray()) {
          throw fail(
              a,
              map.fieldAt(a),
              "array_length needs an ARRAY_ field, field '" + a.field() + "' is " + type);
        }
      }
    }
  }

  /** The field's type; fails when it is unknown or a vector. */
  private DataType known(Filter node, String field) {
    Optional<DataType> type = typeOf(schema, field);
    if (type.isEmpty()) {
      throw fail(node, map.fieldAt(node), "unknown field '" + field + "'" + knownFieldsHint());
    }
    if (type.get().isVector()) {
      throw fail(
          node,
          map.fieldAt(node),
          "field '" + field + "' is " + type.get() + "; vector fields cannot be filtered");
    }
    return type.get();
  }

  /** The field's type; fails unless it is a single-valued scalar. */
  private DataType scalar(Filter node, String field) {
    DataType type = known(node, field);
    if (type.isArray()) {
      throw fail(
          node,
          map.fieldAt(node),
          "field '"
              + field
              + "' is "
              + type
              + "; test arrays with CONTAIN_ANY, CONTAIN_ALL or array_length("
              + FieldNames.quote(field)
              + ")");
    }
    return type;
  }

  private void checkLiteral(Filter node, String field, DataType fieldType, Literal value) {
    DataType element = fieldType.elementType();
    boolean ok =
        switch (element) {
          case STRING -> value instanceof Literal.Str;
          case BOOL -> value instanceof Literal.Bool;
          case INT32, INT64, FLOAT, DOUBLE ->
              value instanceof Literal.Int || value instanceof Literal.Real;
          default -> false;
        };
    if (!ok) {
      int at = map.literalAt(value);
      throw fail(
          node,
          at >= 0 ? at : map.fieldAt(node),
          "field '" + field + "' is " + fieldType + ", got " + value.describe());
    }
  }

  private String knownFieldsHint() {
    List<String> names = schema.scalarFields().stream().map(ScalarField::name).limit(20).toList();
    String list = names.stream().collect(Collectors.joining(", "));
    if (schema.scalarFields().size() > names.size()) {
      list += ", ...";
    }
    return " (scalar fields: " + (list.isEmpty() ? "id" : "id, " + list) + ")";
  }

  private InvalidArgumentException fail(Filter node, int offset, String message) {
    if (offset >= 0) {
      return FilterParser.error(map.text(), offset, message);
    }
    return new InvalidArgumentException("in [" + node + "]: " + message);
  }
}
