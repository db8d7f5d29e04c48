package io.quiver.internal.query.filter;

import io.quiver.Document;
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
import io.quiver.schema.Schema;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A deliberately naive interpreter of the filter language, written from the package documentation
 * and sharing no code with the compiler: it walks the tree with explicit three-valued truth (no NOT
 * push-down), compares numbers as {@link BigDecimal}, strings as arrays of code points, and LIKE
 * through {@link java.util.regex}. Slow and obviously right is the point.
 */
final class ReferenceEvaluator {
  /** Kleene truth values. */
  enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean b) {
      return b ? TRUE : FALSE;
    }

    Truth not() {
      return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
    }
  }

  private final Schema schema;
  private final Map<String, Pattern> patterns = new HashMap<>();
  private final BiConsumer<Filter, Truth> leafObserver;

  ReferenceEvaluator(Schema schema, BiConsumer<Filter, Truth> leafObserver) {
    this.schema = schema;
    this.leafObserver = leafObserver;
  }

  ReferenceEvaluator(Schema schema) {
    this(schema, (f, t) -> {});
  }

  boolean matches(Filter f, Document doc) {
    return eval(f, doc) == Truth.TRUE;
  }

  Truth eval(Filter f, Document doc) {
    switch (f) {
      case And a -> {
        // Evaluate every operand (no short cut) so that the observer sees every condition.
        List<Truth> ts = a.operands().stream().map(o -> eval(o, doc)).toList();
        return ts.contains(Truth.FALSE)
            ? Truth.FALSE
            : ts.contains(Truth.UNKNOWN) ? Truth.UNKNOWN : Truth.TRUE;
      }
      case Or o -> {
        List<Truth> ts = o.operands().stream().map(x -> eval(x, doc)).toList();
        return ts.contains(Truth.TRUE)
            ? Truth.TRUE
            : ts.contains(Truth.UNKNOWN) ? Truth.UNKNOWN : Truth.FALSE;
      }
      case Not n -> {
        return eval(n.operand(), doc).not();
      }
      default -> {
        Truth t = leaf(f, doc);
        leafObserver.accept(f, t);
        return t;
      }
    }
  }

  private Truth leaf(Filter f, Document doc) {
    return switch (f) {
      case IsNull n -> Truth.of((value(doc, n.field()) == null) != n.negated());
      case Comparison c -> {
        Object v = value(doc, c.field());
        if (v == null) {
          yield Truth.UNKNOWN;
        }
        Integer cmp = compare(v, c.value(), type(c.field()));
        if (cmp == null) {
          yield Truth.of(c.op() == CompareOp.NE); // unordered (NaN): only != holds
        }
        yield Truth.of(holds(c.op(), cmp));
      }
      case InList in -> {
        Object v = value(doc, in.field());
        if (v == null) {
          yield Truth.UNKNOWN;
        }
        boolean found = false;
        for (Literal l : in.values()) {
          found |= equal(v, l, type(in.field()));
        }
        yield Truth.of(found != in.negated());
      }
      case Like l -> {
        Object v = value(doc, l.field());
        if (v == null) {
          yield Truth.UNKNOWN;
        }
        Pattern p = patterns.computeIfAbsent(l.pattern(), ReferenceEvaluator::regex);
        yield Truth.of(p.matcher((String) v).matches() != l.negated());
      }
      case ArrayContains c -> {
        List<?> list = (List<?>) value(doc, c.field());
        if (list == null) {
          yield Truth.UNKNOWN;
        }
        DataType element = type(c.field()).elementType();
        int present = 0;
        for (Literal l : c.values()) {
          boolean in = false;
          for (Object e : list) {
            in |= equal(e, l, element);
          }
          present += in ? 1 : 0;
        }
        yield Truth.of(
            c.match() == ArrayContains.Match.ANY ? present > 0 : present == c.values().size());
      }
      case ArrayLength a -> {
        List<?> list = (List<?>) value(doc, a.field());
        if (list == null) {
          yield Truth.UNKNOWN;
        }
        yield Truth.of(holds(a.op(), Long.compare(list.size(), a.length())));
      }
      default -> throw new IllegalArgumentException(f.toString());
    };
  }

  private Object value(Document doc, String field) {
    return field.equals("id") ? doc.id() : doc.get(field);
  }

  private DataType type(String field) {
    return field.equals("id") ? DataType.STRING : schema.field(field).orElseThrow().type();
  }

  private static boolean holds(CompareOp op, int cmp) {
    return switch (op) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }

  private static boolean equal(Object v, Literal l, DataType type) {
    Integer cmp = compare(v, l, type);
    return cmp != null && cmp == 0;
  }

  /** Sign of stored value minus literal; null when unordered (a NaN). */
  static Integer compare(Object v, Literal l, DataType type) {
    switch (type.elementType()) {
      case STRING -> {
        int[] a = ((String) v).codePoints().toArray();
        int[] b = ((Literal.Str) l).value().codePoints().toArray();
        return Integer.signum(Arrays.compare(a, b));
      }
      case BOOL -> {
        return ((Boolean) v).equals(((Literal.Bool) l).value()) ? 0 : 1;
      }
      default -> {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d)) {
          return null;
        }
        if (Double.isInfinite(d)) {
          return d > 0 ? 1 : -1; // literals are finite
        }
        BigDecimal stored =
            v instanceof Float || v instanceof Double
                ? new BigDecimal(d)
                : BigDecimal.valueOf(((Number) v).longValue());
        return Integer.signum(stored.compareTo(literalValue(l, type.elementType())));
      }
    }
  }

  /** The literal's value as the documentation defines it for a field of this type. */
  private static BigDecimal literalValue(Literal l, DataType type) {
    BigDecimal exact =
        l instanceof Literal.Int i
            ? BigDecimal.valueOf(i.value())
            : new BigDecimal(((Literal.Real) l).value());
    if (type == DataType.FLOAT) {
      float rounded =
          l instanceof Literal.Int i ? (float) i.value() : (float) ((Literal.Real) l).value();
      if (Float.isFinite(rounded)) {
        return new BigDecimal(rounded);
      }
    }
    return exact;
  }

  /** The LIKE pattern as a regex: % is .*, _ is ., a backslash quotes the next character. */
  private static Pattern regex(String like) {
    StringBuilder re = new StringBuilder();
    int[] cps = like.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (cp == '\\') {
        re.append(Pattern.quote(Character.toString(cps[++i])));
      } else if (cp == '%') {
        re.append(".*");
      } else if (cp == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(Character.toString(cp)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
