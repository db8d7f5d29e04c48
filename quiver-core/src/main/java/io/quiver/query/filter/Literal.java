package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;

/**
 * A constant in a filter: a string, an integer, a floating-point number or a boolean. There is no
 * null literal; {@code IS NULL} tests for null.
 *
 * <p>{@code toString()} prints the literal as the filter language writes it, so the text parses
 * back to an equal literal: {@code 'it''s'}, {@code -42}, {@code 2020.5}, {@code 1.0E-7}, {@code
 * true}.
 */
public sealed interface Literal permits Literal.Str, Literal.Int, Literal.Real, Literal.Bool {

  /**
   * The literal for a Java value: a {@link String}, a {@link Boolean}, an integer ({@link Byte},
   * {@link Short}, {@link Integer}, {@link Long}), a floating-point number ({@link Float} is
   * widened exactly, so {@code 0.1f} stays the float nearest to 0.1, {@link Double}) or a {@link
   * Literal}.
   *
   * @throws InvalidArgumentException for null (use {@link Filter#isNull(String)}), a NaN or
   *     infinite number, or another type
   */
  static Literal of(Object value) {
    return switch (value) {
      case null ->
          throw new InvalidArgumentException(
              "a filter value must not be null; test for null with IS NULL");
      case Literal l -> l;
      case String s -> new Str(s);
      case Boolean b -> new Bool(b);
      case Integer i -> new Int(i);
      case Long l -> new Int(l);
      case Short s -> new Int(s);
      case Byte b -> new Int(b);
      case Float f -> new Real(f);
      case Double d -> new Real(d);
      default ->
          throw new InvalidArgumentException(
              "a filter value must be a String, Boolean, integer, Float or Double, got "
                  + value.getClass().getName()
                  + " "
                  + value);
    };
  }

  /**
   * A describing phrase for error messages, such as {@code string 'x'} or {@code integer 5}; long
   * strings are shortened.
   */
  String describe();

  /**
   * A string literal, written in single quotes with a quote inside doubled: {@code 'it''s'}.
   *
   * @param value the string, compared by Unicode code point and case-sensitive
   */
  record Str(String value) implements Literal {
    /** Checks the value is not null. */
    public Str {
      if (value == null) {
        throw new InvalidArgumentException("a string literal must not be null");
      }
    }

    @Override
    public String describe() {
      String text = toString();
      return "string " + (text.length() <= 42 ? text : text.substring(0, 38) + "...'");
    }

    /** The value in single quotes, quotes doubled. */
    @Override
    public String toString() {
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /**
   * An integer literal: optional minus sign and decimal digits, within the signed 64-bit range.
   *
   * @param value the integer
   */
  record Int(long value) implements Literal {
    @Override
    public String describe() {
      return "integer " + value;
    }

    /** The decimal digits, with a minus sign when negative. */
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * A floating-point literal: digits with a decimal point or an exponent ({@code 2.5}, {@code .5},
   * {@code 1e-3}), read as the nearest {@code double}.
   *
   * @param value a finite double
   */
  record Real(double value) implements Literal {
    /** Checks the value is finite. */
    public Real {
      if (!Double.isFinite(value)) {
        throw new InvalidArgumentException("a filter number must be finite, got " + value);
      }
    }

    @Override
    public String describe() {
      return "number " + this;
    }

    /** {@link Double#toString(double)}, which always has a point or exponent and round-trips. */
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /**
   * A boolean literal, {@code true} or {@code false} (any case).
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements Literal {
    @Override
    public String describe() {
      return "boolean " + value;
    }

    /** {@code true} or {@code false}. */
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }
}
