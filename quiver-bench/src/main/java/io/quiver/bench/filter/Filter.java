package io.quiver.bench.filter;

import io.quiver.bench.data.AttributeTable;
import java.util.BitSet;
import java.util.List;

/**
 * The harness's reading of a filter expression, the SQL-like subset that Quiver and Zvec take as a
 * string: comparisons ({@code = != < <= > >=}), {@code [NOT] IN (...)}, {@code AND}, {@code OR},
 * {@code NOT} and parentheses. Literals are numbers, single-quoted strings and {@code true/false}.
 * The harness evaluates it to compute filtered ground truth and to hand peers without a filter
 * language a bitmap or a native query; engines that take a string get the original text.
 */
public sealed interface Filter {

  /** Whether row {@code row} of {@code table} satisfies the filter. */
  boolean test(AttributeTable table, int row);

  /** The rows of {@code table} that satisfy the filter. */
  default BitSet matches(AttributeTable table) {
    BitSet bits = new BitSet(table.rows());
    for (int row = 0; row < table.rows(); row++) {
      if (test(table, row)) {
        bits.set(row);
      }
    }
    return bits;
  }

  /** Parses an expression; errors name the position. */
  static Filter parse(String expression) {
    return new FilterParser(expression).parse();
  }

  /** A comparison operator. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }

    boolean holds(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  /**
   * {@code field op literal}.
   *
   * @param field the attribute column
   * @param op the operator
   * @param literal a {@link Double} (numbers), {@link String} or {@link Boolean}
   */
  record Compare(String field, Op op, Object literal) implements Filter {
    @Override
    public boolean test(AttributeTable table, int row) {
      return op.holds(Literals.compare(table.column(field), row, literal));
    }
  }

  /**
   * {@code field [NOT] IN (literals)}.
   *
   * @param field the attribute column
   * @param literals the values
   * @param negated whether it is {@code NOT IN}
   */
  record In(String field, List<Object> literals, boolean negated) implements Filter {
    /** Copies the list. */
    public In {
      literals = List.copyOf(literals);
    }

    @Override
    public boolean test(AttributeTable table, int row) {
      AttributeTable.Column c = table.column(field);
      for (Object lit : literals) {
        if (Literals.compare(c, row, lit) == 0) {
          return !negated;
        }
      }
      return negated;
    }
  }

  /**
   * Both sides hold.
   *
   * @param left the left side
   * @param right the right side
   */
  record And(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(AttributeTable table, int row) {
      return left.test(table, row) && right.test(table, row);
    }
  }

  /**
   * Either side holds.
   *
   * @param left the left side
   * @param right the right side
   */
  record Or(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(AttributeTable table, int row) {
      return left.test(table, row) || right.test(table, row);
    }
  }

  /**
   * The operand does not hold.
   *
   * @param operand the negated filter
   */
  record Not(Filter operand) implements Filter {
    @Override
    public boolean test(AttributeTable table, int row) {
      return !operand.test(table, row);
    }
  }
}
