package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.InvalidArgumentException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every syntax error names its 1-based column and what was expected; messages are exact. */
@Tag("once")
class FilterSyntaxErrorTest {
  private static final String OPERATORS =
      "=, !=, <, <=, >, >=, IN, NOT IN, LIKE, NOT LIKE, IS NULL, IS NOT NULL, CONTAIN_ANY,"
          + " CONTAIN_ALL";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          year =                    | at 7: expected a value after '=', got end of input
          year = 'x                 | at 8: string literal is not closed (a quote inside a string is written '')
          a = 1 b = 2               | at 7: expected AND, OR or the end, got identifier 'b'
          a = 1)                    | at 6: expected AND, OR or the end, got ')' (this ')' closes no '(')
          (a = 1                    | at 7: expected ')' to close the '(' at 1, got end of input
          x = 1 AND ((a = 1) OR b=2 | at 26: expected ')' to close the '(' at 11, got end of input
          a IN ()                   | at 7: expected a value in the IN list, got ')': the list must not be empty
          a NOT IN ()               | at 11: expected a value in the NOT IN list, got ')': the list must not be empty
          tags CONTAIN_ANY ()       | at 19: expected a value in the CONTAIN_ANY list, got ')': the list must not be empty
          tags contain_all ( )      | at 20: expected a value in the CONTAIN_ALL list, got ')': the list must not be empty
          a IN (1,)                 | at 9: expected a value after ',' in the IN list, got ')'
          a IN (1 2)                | at 9: expected ',' or ')' in the IN list, got integer 2
          a IN 1                    | at 6: expected '(' after IN, got integer 1
          a = NULL                  | at 5: NULL is not a value: a comparison never matches a null field; use IS NULL or IS NOT NULL
          a IN ('x', null)          | at 12: NULL is not a value: a comparison never matches a null field; use IS NULL or IS NOT NULL
          a = b                     | at 5: expected a value after '=', got identifier 'b' (a value is a 'string', a number, true or false; fields cannot be compared with fields)
          a >= )                    | at 6: expected a value after '>=', got ')'
          a IS 1                    | at 6: expected NULL after IS, got integer 1
          a IS NOT x                | at 10: expected NULL after IS NOT, got identifier 'x'
          a NOT = 1                 | at 7: expected IN or LIKE after NOT, got '='
          a LIKE 5                  | at 8: expected a 'pattern' string after LIKE, got integer 5
          a LIKE 'x\\y'             | at 8: LIKE pattern 'x\\y' has a backslash at character 2 not followed by %, _ or \\ (write \\\\ for a backslash)
          a NOT LIKE 'ab\\'         | at 12: LIKE pattern 'ab\\' has a backslash at character 3 not followed by %, _ or \\ (write \\\\ for a backslash)
          a # 1                     | at 3: unexpected character '#'
          a ! 1                     | at 3: unexpected character '!' (did you mean '!='?)
          a = - 1                   | at 5: '-' must be followed by a number
          a = 12abc                 | at 5: malformed number '12abc'
          a = 1.2.3                 | at 5: malformed number '1.2.3'
          a = 1e                    | at 5: malformed number '1e'
          a = .                     | at 5: malformed number '.'
          a = 99999999999999999999  | at 5: integer 99999999999999999999 is outside the signed 64-bit range
          a = 9223372036854775808   | at 5: integer 9223372036854775808 is outside the signed 64-bit range
          a = 1e999                 | at 5: number 1e999 is outside the double range
          a                         | at 2: expected an operator after field 'a' (OPS), got end of input
          a 1                       | at 3: expected an operator after field 'a' (OPS), got integer 1
          and = 1                   | at 1: expected a field name, NOT or '(', got keyword 'and' (a field named like a keyword is written in double quotes: "and")
          5 = a                     | at 1: expected a field name, NOT or '(', got integer 5
          "a b" = 1                 | at 1: filter field name 'a b' must match [A-Za-z_][A-Za-z0-9_]*
          "" = 1                    | at 1: a filter field name must not be empty
          "abc = 1                  | at 1: quoted field name is not closed by '"'
          array_length tags > 1     | at 14: expected '(' after array_length, got identifier 'tags'
          array_length(tags) > 1.5  | at 22: array_length(tags) is compared with an integer, got number 1.5
          array_length(tags) > 'a'  | at 22: array_length(tags) is compared with an integer, got string 'a'
          array_length(tags) > x    | at 22: expected an integer after '>', got identifier 'x'
          array_length(tags) 1      | at 20: expected =, !=, <, <=, > or >= after array_length(tags), got integer 1
          array_length(5) = 1       | at 14: expected a field name in array_length(), got integer 5
          array_length(tags         | at 18: expected ')' after array_length(tags, got end of input
          a = 1 AND                 | at 10: expected a field name, NOT or '(', got end of input
          NOT                       | at 4: expected a field name, NOT or '(', got end of input
          ()                        | at 2: expected a field name, NOT or '(', got ')'
          a = 'x' 'y'               | at 9: expected AND, OR or the end, got string 'y'
          ``                        | at 1: expected a field name, NOT or '(', got end of input
          s = '😀😀' AND 5          | at 14: expected a field name, NOT or '(', got integer 5
          """)
  void reportsColumnAndExpectation(String input, String message) {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(input));
    assertEquals(message.replace("OPS", OPERATORS), e.getMessage());
  }

  @Test
  void columnsCountLinesAsCharacters() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse("a = 1\nAND b ="));
    assertEquals("at 14: expected a value after '=', got end of input", e.getMessage());
  }

  @Test
  void overlongNamesAreReportedWhereTheyStand() {
    String name = "f".repeat(65);
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class, () -> Filter.parse("a = 1 OR " + name + " = 2"));
    assertEquals(
        "at 10: filter field name '" + name + "' has 65 characters, more than the limit 64",
        e.getMessage());
  }

  @Test
  void blankTextIsAnErrorAtItsEnd() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse("   "));
    assertEquals("at 4: expected a field name, NOT or '(', got end of input", e.getMessage());
  }

  @Test
  void nullTextIsRefused() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(null));
    assertEquals("filter must not be null", e.getMessage());
  }

  @Test
  void longStringsAreShortenedInMessages() {
    String big = "x".repeat(100);
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse("a = 1 '" + big + "'"));
    assertEquals(
        "at 7: expected AND, OR or the end, got string '" + "x".repeat(37) + "...'",
        e.getMessage());
  }
}
