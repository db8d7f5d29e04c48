package io.quiver.internal.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.query.filter.And;
import io.quiver.query.filter.ArrayContains;
import io.quiver.query.filter.ArrayLength;
import io.quiver.query.filter.CompareOp;
import io.quiver.query.filter.Comparison;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.InList;
import io.quiver.query.filter.IsNull;
import io.quiver.query.filter.Like;
import io.quiver.query.filter.Literal;
import io.quiver.query.filter.Not;
import io.quiver.query.filter.Or;
import io.quiver.schema.DataType;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a filter against a schema into a {@link CompiledFilter}: checks it, resolves field names
 * to ordinals, pushes {@code NOT} down to the conditions ({@link Pred#negate()}), turns every
 * numeric comparison into a primitive range of the field's representation ({@link NumericBounds}),
 * and puts cheap conditions before expensive ones in each {@code AND} and {@code OR}.
 */
public final class FilterCompiler {
  private final Schema schema;
  private final Map<String, Integer> ordinals = new HashMap<>();

  private FilterCompiler(Schema schema) {
    this.schema = schema;
    List<FieldSpec> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      ordinals.put(fields.get(i).name(), i);
    }
  }

  /**
   * Parses, checks and compiles filter text.
   *
   * @throws InvalidArgumentException for a syntax or type error, naming the column
   */
  public static CompiledFilter compile(String text, Schema schema) {
    Filter filter = Filter.parse(text, schema);
    return new FilterCompiler(schema).finish(filter);
  }

  /**
   * Checks and compiles a filter tree.
   *
   * @throws InvalidArgumentException for a type error, quoting the condition
   */
  public static CompiledFilter compile(Filter filter, Schema schema) {
    if (filter == null) {
      throw new InvalidArgumentException("filter must not be null");
    }
    filter.validate(schema);
    return new FilterCompiler(schema).finish(filter);
  }

  private CompiledFilter finish(Filter filter) {
    return new CompiledFilter(filter, schema, build(filter));
  }

  // Recursion depth is bounded by Limits.MAX_FILTER_DEPTH, which every filter node checks.
  private Pred build(Filter filter) {
    return switch (filter) {
      case And a -> ordered(Pred.allOf(a.operands().stream().map(this::build).toList()));
      case Or o -> ordered(Pred.anyOf(o.operands().stream().map(this::build).toList()));
      case Not n -> ordered(build(n.operand()).negate());
      case Comparison c -> comparison(c);
      case InList in -> in.negated() ? inList(in).negate() : inList(in);
      case Like l ->
          new ScalarPred.LikeMatch(
              ordinal(l.field()), LikeMatcher.compile(l.pattern()), l.negated());
      case IsNull n -> new ScalarPred.NullCheck(ordinal(n.field()), !n.negated());
      case ArrayContains c -> contains(c);
      case ArrayLength a -> {
        ScalarPred.LongRange r = NumericBounds.fromLong(0, a.op(), a.length());
        yield new ArrayPred.Length(ordinal(a.field()), r.lo(), r.hi(), r.negated());
      }
    };
  }

  private Pred comparison(Comparison c) {
    int field = ordinal(c.field());
    return switch (type(c.field())) {
      case STRING -> new ScalarPred.StringCompare(field, c.op(), ((Literal.Str) c.value()).value());
      case BOOL -> {
        boolean b = ((Literal.Bool) c.value()).value();
        ScalarPred.BoolIn eq = new ScalarPred.BoolIn(field, b, !b);
        yield c.op() == CompareOp.EQ ? eq : eq.negate();
      }
      case INT32, INT64 -> NumericBounds.longRange(field, c.op(), c.value());
      case FLOAT -> NumericBounds.doubleRange(field, c.op(), c.value(), true);
      case DOUBLE -> NumericBounds.doubleRange(field, c.op(), c.value(), false);
      default -> throw new IllegalStateException("checked filter compares " + c.field());
    };
  }

  /** The IN condition, not negated; the caller negates it for NOT IN. */
  private Pred inList(InList in) {
    int field = ordinal(in.field());
    DataType type = type(in.field());
    List<Literal> values = in.values();
    return switch (type) {
      case STRING -> new ScalarPred.StringIn(field, Set.copyOf(strings(values)), false);
      case BOOL -> new ScalarPred.BoolIn(field, values.contains(TRUE), values.contains(FALSE));
      case INT32, INT64 -> {
        long[] longs = longs(values);
        yield longs.length == 1
            ? new ScalarPred.LongRange(field, longs[0], longs[0], false)
            : new ScalarPred.LongIn(field, longs, false);
      }
      case FLOAT, DOUBLE -> new ScalarPred.DoubleIn(field, doubles(values, type), false);
      default -> throw new IllegalStateException("checked filter has IN on " + in.field());
    };
  }

  private Pred contains(ArrayContains c) {
    int field = ordinal(c.field());
    boolean all = c.match() == ArrayContains.Match.ALL;
    DataType element = type(c.field()).elementType();
    List<Literal> values = c.values();
    return switch (element) {
      case STRING -> {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String s : strings(values)) {
          index.putIfAbsent(s, index.size());
        }
        yield new ArrayPred.StringContains(field, Map.copyOf(index), all, false);
      }
      case BOOL ->
          new ArrayPred.BoolContains(
              field, values.contains(TRUE), values.contains(FALSE), all, false);
      case INT32, INT64 -> {
        long[] longs = longs(values);
        // A value no element can equal (2.5 in an integer array): ALL fails, ANY ignores it.
        boolean unmatchable = values.stream().anyMatch(v -> NumericBounds.exactLong(v).isEmpty());
        yield longs.length == 0 || (all && unmatchable)
            ? new ScalarPred.Known(field, false)
            : new ArrayPred.LongContains(field, longs, all, false);
      }
      case FLOAT, DOUBLE -> {
        double[] doubles = doubles(values, element);
        boolean unmatchable =
            values.stream()
                .anyMatch(v -> Double.isNaN(NumericBounds.target(v, element == DataType.FLOAT)));
        yield doubles.length == 0 || (all && unmatchable)
            ? new ScalarPred.Known(field, false)
            : new ArrayPred.DoubleContains(field, doubles, all, false);
      }
      default -> throw new IllegalStateException("checked filter has array test on " + c.field());
    };
  }

  /** The pseudo-field of the document id (the schema reserves the name). */
  private static final String ID_FIELD = "id";

  private static final Literal TRUE = new Literal.Bool(true);
  private static final Literal FALSE = new Literal.Bool(false);

  private static List<String> strings(List<Literal> values) {
    Set<String> out = new LinkedHashSet<>();
    for (Literal v : values) {
      out.add(((Literal.Str) v).value());
    }
    return new ArrayList<>(out);
  }

  /** The distinct longs equal to the literals, sorted; literals no long equals are left out. */
  private static long[] longs(List<Literal> values) {
    TreeSet<Long> out = new TreeSet<>();
    for (Literal v : values) {
      OptionalLong exact = NumericBounds.exactLong(v);
      if (exact.isPresent()) {
        out.add(exact.getAsLong());
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** The distinct doubles equal to the literals, sorted; literals no double equals are left out. */
  private static double[] doubles(List<Literal> values, DataType type) {
    TreeSet<Double> out = new TreeSet<>();
    for (Literal v : values) {
      double target = NumericBounds.target(v, type.elementType() == DataType.FLOAT);
      if (!Double.isNaN(target)) {
        out.add(target);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private int ordinal(String field) {
    if (field.equals(ID_FIELD)) {
      return RowValues.ID;
    }
    return ordinals.get(field);
  }

  private DataType type(String field) {
    if (field.equals(ID_FIELD)) {
      return DataType.STRING;
    }
    return schema.fields().get(ordinals.get(field)).type();
  }

  /** The node with the operands of a top {@code AND} or {@code OR} sorted cheapest first. */
  private static Pred ordered(Pred p) {
    Comparator<Pred> byCost = Comparator.comparingInt(FilterCompiler::cost);
    return switch (p) {
      case Pred.AllOf a -> new Pred.AllOf(sorted(a.operands(), byCost));
      case Pred.AnyOf o -> new Pred.AnyOf(sorted(o.operands(), byCost));
      default -> p;
    };
  }

  private static Pred[] sorted(Pred[] operands, Comparator<Pred> order) {
    Pred[] copy = operands.clone();
    Arrays.sort(copy, order); // stable: equal costs keep the user's order
    return copy;
  }

  /** A rough relative cost of evaluating a node on one row. */
  static int cost(Pred p) {
    return switch (p) {
      case ScalarPred.NullCheck n -> 1;
      case ScalarPred.Known k -> 1;
      case ScalarPred.LongRange r -> 2;
      case ScalarPred.DoubleRange r -> 2;
      case ScalarPred.BoolIn b -> 2;
      case ScalarPred.LongIn in -> 3;
      case ScalarPred.DoubleIn in -> 3;
      case ArrayPred.Length l -> 3;
      case ScalarPred.StringCompare s -> 4;
      case ScalarPred.StringIn s -> 4;
      case ScalarPred.LikeMatch l -> 6;
      case ArrayPred a -> 8;
      case Pred.AllOf a -> sumCost(a.operands());
      case Pred.AnyOf o -> sumCost(o.operands());
    };
  }

  private static int sumCost(Pred[] operands) {
    int sum = 0;
    for (Pred p : operands) {
      sum = Math.min(1_000_000, sum + cost(p));
    }
    return sum;
  }
}
