package io.quiver.query.filter;

import io.quiver.schema.DataType;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random filter trees for property tests. Without a schema it produces any syntactically valid tree
 * (awkward names, strings and numbers included) for round trips; with a schema it produces only
 * well-typed trees, with literals drawn from small pools so that conditions are often true.
 */
public final class RandomFilters {
  private static final String[] NAMES = {
    "a", "year", "_x9", "id", "not", "In", "array_length", "NULL", "contain_any", "Z", "order"
  };
  private static final String[] STRINGS = {
    "",
    "a",
    "ab",
    "abc",
    "b",
    "ba",
    "A",
    "it's",
    "''",
    "\\",
    "a%b",
    "a_b",
    "%",
    "_",
    "😀",
    "😀a",
    "\uE000",
    "\uFFFF",
    "é",
    "x y",
    "line\nbreak",
    "\"q\""
  };
  private static final long[] LONGS = {
    0,
    1,
    -1,
    2,
    3,
    -3,
    2020,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    (1L << 53) + 1,
    1L << 53,
    16_777_217
  };
  private static final double[] DOUBLES = {
    0.0,
    -0.0,
    0.1,
    1.5,
    2.5,
    -2.5,
    2020.5,
    1e30,
    -1e30,
    16_777_217.0,
    9.3e18,
    -9.3e18,
    0x1p53,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    3.0,
    (double) 0.1f,
    1e-7
  };

  private final Random random;
  private final Schema schema;
  private final List<FieldSpec> scalarFields = new ArrayList<>();

  /** A generator of any syntactically valid tree. */
  public RandomFilters(Random random) {
    this(random, null);
  }

  /** A generator of trees well-typed for {@code schema} (its scalar fields and {@code id}). */
  public RandomFilters(Random random, Schema schema) {
    this.random = random;
    this.schema = schema;
    if (schema != null) {
      scalarFields.addAll(schema.scalarFields());
    }
  }

  /** A tree at most {@code depth} connectives deep. */
  public Filter filter(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return condition();
    }
    return switch (random.nextInt(5)) {
      case 0 -> new Not(filter(depth - 1));
      case 1, 2 -> new And(operands(depth));
      default -> new Or(operands(depth));
    };
  }

  private List<Filter> operands(int depth) {
    int n = 2 + random.nextInt(3);
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(filter(depth - 1));
    }
    return out;
  }

  /** One condition. */
  public Filter condition() {
    return schema == null ? anyCondition() : typedCondition();
  }

  private Filter anyCondition() {
    String field = NAMES[random.nextInt(NAMES.length)];
    return switch (random.nextInt(7)) {
      case 0 -> new Comparison(field, op(), literal());
      case 1 -> new InList(field, literals(this::literal), random.nextBoolean());
      case 2 -> new Like(field, pattern(), random.nextBoolean());
      case 3 -> new IsNull(field, random.nextBoolean());
      case 4 -> new ArrayContains(field, match(), literals(this::literal));
      case 5 -> new ArrayLength(field, op(), random.nextBoolean() ? random.nextInt(5) : anyLong());
      default -> new Comparison(field, op(), new Literal.Real(anyFiniteDouble()));
    };
  }

  private Filter typedCondition() {
    boolean useId = random.nextInt(10) == 0;
    String field = useId ? "id" : scalarFields.get(random.nextInt(scalarFields.size())).name();
    DataType type = useId ? DataType.STRING : schema.field(field).orElseThrow().type();
    if (random.nextInt(8) == 0) {
      return new IsNull(field, random.nextBoolean());
    }
    if (type.isArray()) {
      DataType element = type.elementType();
      if (random.nextInt(4) == 0) {
        return new ArrayLength(field, op(), random.nextInt(6) - 1);
      }
      return new ArrayContains(field, match(), literals(() -> literalFor(element)));
    }
    return switch (random.nextInt(type == DataType.STRING ? 3 : 2)) {
      case 0 -> {
        CompareOp op = op();
        if (type == DataType.BOOL && op.isOrdering()) {
          op = random.nextBoolean() ? CompareOp.EQ : CompareOp.NE;
        }
        yield new Comparison(field, op, literalFor(type));
      }
      case 1 -> new InList(field, literals(() -> literalFor(type)), random.nextBoolean());
      default -> new Like(field, pattern(), random.nextBoolean());
    };
  }

  /** A literal a field of this (element) type accepts. */
  public Literal literalFor(DataType type) {
    return switch (type) {
      case STRING -> new Literal.Str(STRINGS[random.nextInt(STRINGS.length)]);
      case BOOL -> new Literal.Bool(random.nextBoolean());
      default ->
          random.nextBoolean()
              ? new Literal.Int(random.nextInt(3) == 0 ? anyLong() : random.nextInt(7) - 3)
              : new Literal.Real(
                  random.nextInt(3) == 0
                      ? DOUBLES[random.nextInt(DOUBLES.length)]
                      : (random.nextInt(13) - 6) / 2.0);
    };
  }

  private Literal literal() {
    return switch (random.nextInt(5)) {
      case 0 -> new Literal.Str(randomString());
      case 1 -> new Literal.Int(anyLong());
      case 2 -> new Literal.Real(anyFiniteDouble());
      case 3 -> new Literal.Bool(random.nextBoolean());
      default -> literalFor(DataType.values()[random.nextInt(6)]);
    };
  }

  private List<Literal> literals(java.util.function.Supplier<Literal> next) {
    int n = 1 + random.nextInt(4);
    List<Literal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next.get());
    }
    return out;
  }

  private CompareOp op() {
    return CompareOp.values()[random.nextInt(CompareOp.values().length)];
  }

  private ArrayContains.Match match() {
    return random.nextBoolean() ? ArrayContains.Match.ANY : ArrayContains.Match.ALL;
  }

  private long anyLong() {
    return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
  }

  private double anyFiniteDouble() {
    if (random.nextBoolean()) {
      return DOUBLES[random.nextInt(DOUBLES.length)];
    }
    double d;
    do {
      d = Double.longBitsToDouble(random.nextLong());
    } while (!Double.isFinite(d));
    return d;
  }

  private String randomString() {
    if (random.nextBoolean()) {
      return STRINGS[random.nextInt(STRINGS.length)];
    }
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(6);
    String alphabet = "ab'\\%_ \"\n\tZ";
    for (int i = 0; i < n; i++) {
      if (random.nextInt(8) == 0) {
        sb.appendCodePoint(0x1F600 + random.nextInt(16));
      } else {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return sb.toString();
  }

  /** A valid LIKE pattern over a small alphabet, with wildcards and escapes. */
  public String pattern() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(10)) {
        case 0, 1 -> sb.append('%');
        case 2 -> sb.append('_');
        case 3 -> sb.append('\\').append("%_\\".charAt(random.nextInt(3)));
        case 4 -> sb.append("😀");
        case 5 -> sb.append('\'');
        default -> sb.append("ab".charAt(random.nextInt(2)));
      }
    }
    return sb.toString();
  }
}
