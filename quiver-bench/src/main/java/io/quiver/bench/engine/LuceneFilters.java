package io.quiver.bench.engine;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.filter.Filter;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermRangeQuery;

/**
 * Attributes as Lucene fields and filters as Lucene queries. Numbers go into {@code IntField},
 * {@code LongField}, {@code FloatField} and {@code DoubleField} (points for ranges plus doc values)
 * and strings and booleans into {@code KeywordField}, the field types Lucene's documentation
 * recommends for exact and range filters. The query for a filter selects exactly the rows the
 * harness's own evaluation selects.
 */
final class LuceneFilters {
  private LuceneFilters() {}

  /** Adds row {@code row}'s attributes to {@code doc}. */
  static void addAttributes(Document doc, AttributeTable table, int row) {
    for (AttributeTable.Column c : table.columns()) {
      switch (c.values()) {
        case int[] a -> doc.add(new IntField(c.name(), a[row], Field.Store.NO));
        case long[] a -> doc.add(new LongField(c.name(), a[row], Field.Store.NO));
        case float[] a -> doc.add(new FloatField(c.name(), a[row], Field.Store.NO));
        case double[] a -> doc.add(new DoubleField(c.name(), a[row], Field.Store.NO));
        case String[] a -> doc.add(new KeywordField(c.name(), a[row], Field.Store.NO));
        case boolean[] a ->
            doc.add(new KeywordField(c.name(), Boolean.toString(a[row]), Field.Store.NO));
        default -> throw new IllegalStateException("column " + c.name());
      }
    }
  }

  /** The Lucene query selecting the rows that satisfy {@code f}. */
  static Query toQuery(Filter f, AttributeTable table) {
    return switch (f) {
      case Filter.And a ->
          new BooleanQuery.Builder()
              .add(toQuery(a.left(), table), Occur.FILTER)
              .add(toQuery(a.right(), table), Occur.FILTER)
              .build();
      case Filter.Or o ->
          new BooleanQuery.Builder()
              .add(toQuery(o.left(), table), Occur.SHOULD)
              .add(toQuery(o.right(), table), Occur.SHOULD)
              .setMinimumNumberShouldMatch(1)
              .build();
      case Filter.Not n -> not(toQuery(n.operand(), table));
      case Filter.In in -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        for (Object lit : in.literals()) {
          b.add(compare(table.column(in.field()), Filter.Op.EQ, lit), Occur.SHOULD);
        }
        Query any = b.build();
        yield in.negated() ? not(any) : any;
      }
      case Filter.Compare c -> compare(table.column(c.field()), c.op(), c.literal());
    };
  }

  private static Query not(Query q) {
    // Lucene matches nothing with a purely negative query, so anchor it on all documents.
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(q, Occur.MUST_NOT)
        .build();
  }

  private static Query compare(AttributeTable.Column c, Filter.Op op, Object lit) {
    if (op == Filter.Op.NE) {
      return not(compare(c, Filter.Op.EQ, lit));
    }
    String name = c.name();
    return switch (c.type()) {
      case INT32 -> {
        long[] r = integerRange(op, number(c, lit), Integer.MIN_VALUE, Integer.MAX_VALUE);
        yield r == null
            ? new MatchNoDocsQuery()
            : IntField.newRangeQuery(name, (int) r[0], (int) r[1]);
      }
      case INT64 -> {
        long[] r = integerRange(op, number(c, lit), Long.MIN_VALUE, Long.MAX_VALUE);
        yield r == null ? new MatchNoDocsQuery() : LongField.newRangeQuery(name, r[0], r[1]);
      }
      case FLOAT -> floatRange(name, op, number(c, lit));
      case DOUBLE -> doubleRange(name, op, number(c, lit));
      case STRING -> stringRange(name, op, (String) typed(c, lit, String.class));
      case BOOL -> {
        boolean b = (Boolean) typed(c, lit, Boolean.class);
        // false < true, as Boolean.compare orders them.
        yield switch (op) {
          case EQ -> KeywordField.newExactQuery(name, Boolean.toString(b));
          case LT -> b ? KeywordField.newExactQuery(name, "false") : new MatchNoDocsQuery();
          case LE -> b ? new MatchAllDocsQuery() : KeywordField.newExactQuery(name, "false");
          case GT -> b ? new MatchNoDocsQuery() : KeywordField.newExactQuery(name, "true");
          case GE -> b ? KeywordField.newExactQuery(name, "true") : new MatchAllDocsQuery();
          case NE -> throw new IllegalStateException();
        };
      }
    };
  }

  /** The inclusive integer range of {@code v op x}, or null when it is empty. */
  private static long[] integerRange(Filter.Op op, double x, long min, long max) {
    double lo;
    double hi;
    switch (op) {
      case EQ -> {
        if (x != Math.rint(x)) {
          return null;
        }
        lo = x;
        hi = x;
      }
      case LT -> {
        lo = min;
        hi = Math.ceil(x) - 1;
      }
      case LE -> {
        lo = min;
        hi = Math.floor(x);
      }
      case GT -> {
        lo = Math.floor(x) + 1;
        hi = max;
      }
      case GE -> {
        lo = Math.ceil(x);
        hi = max;
      }
      default -> throw new IllegalStateException(op.toString());
    }
    lo = Math.max(lo, min);
    hi = Math.min(hi, max);
    return lo > hi ? null : new long[] {(long) lo, (long) hi};
  }

  private static Query floatRange(String name, Filter.Op op, double x) {
    // The harness compares (double) value with x; find the floats on each side of x exactly.
    float below = (float) x;
    if ((double) below >= x) {
      below = Math.nextDown(below);
    }
    float above = (float) x;
    if ((double) above <= x) {
      above = Math.nextUp(above);
    }
    float inf = Float.POSITIVE_INFINITY;
    return switch (op) {
      case EQ -> (double) (float) x == x ? FloatField.newExactQuery(name, (float) x) : none();
      case LT -> FloatField.newRangeQuery(name, -inf, below);
      case LE -> FloatField.newRangeQuery(name, -inf, Math.nextDown(above));
      case GT -> FloatField.newRangeQuery(name, above, inf);
      case GE -> FloatField.newRangeQuery(name, Math.nextUp(below), inf);
      case NE -> throw new IllegalStateException();
    };
  }

  private static Query doubleRange(String name, Filter.Op op, double x) {
    double inf = Double.POSITIVE_INFINITY;
    return switch (op) {
      case EQ -> DoubleField.newExactQuery(name, x);
      case LT -> DoubleField.newRangeQuery(name, -inf, Math.nextDown(x));
      case LE -> DoubleField.newRangeQuery(name, -inf, x);
      case GT -> DoubleField.newRangeQuery(name, Math.nextUp(x), inf);
      case GE -> DoubleField.newRangeQuery(name, x, inf);
      case NE -> throw new IllegalStateException();
    };
  }

  private static Query stringRange(String name, Filter.Op op, String s) {
    return switch (op) {
      case EQ -> KeywordField.newExactQuery(name, s);
      case LT -> TermRangeQuery.newStringRange(name, null, s, true, false);
      case LE -> TermRangeQuery.newStringRange(name, null, s, true, true);
      case GT -> TermRangeQuery.newStringRange(name, s, null, false, true);
      case GE -> TermRangeQuery.newStringRange(name, s, null, true, true);
      case NE -> throw new IllegalStateException();
    };
  }

  private static Query none() {
    return new MatchNoDocsQuery();
  }

  private static double number(AttributeTable.Column c, Object lit) {
    return (Double) typed(c, lit, Double.class);
  }

  private static Object typed(AttributeTable.Column c, Object lit, Class<?> want) {
    if (!want.isInstance(lit)) {
      throw new IllegalArgumentException(
          "filter compares column '"
              + c.name()
              + "' of type "
              + c.type().tsvName()
              + " with "
              + lit
              + " ("
              + lit.getClass().getSimpleName().toLowerCase(Locale.ROOT)
              + ")");
    }
    return lit;
  }
}
