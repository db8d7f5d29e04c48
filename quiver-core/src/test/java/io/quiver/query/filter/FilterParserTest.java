package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("once")
class FilterParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          year >= 2020                             | year >= 2020
          year>=2020 and title='Dune'              | year >= 2020 AND title = 'Dune'
          a = 1 OR b = 2 AND c = 3                 | a = 1 OR (b = 2 AND c = 3)
          (a = 1 OR b = 2) AND c = 3               | (a = 1 OR b = 2) AND c = 3
          NOT a = 1 AND b = 2                      | NOT a = 1 AND b = 2
          NOT (a = 1) AND b = 2                    | NOT a = 1 AND b = 2
          not not a = 1                            | NOT NOT a = 1
          NOT (NOT (a = 1))                        | NOT NOT a = 1
          NOT (a = 1 OR b = 2)                     | NOT (a = 1 OR b = 2)
          a == 1                                   | a = 1
          a <> 1                                   | a != 1
          a != 1 Or a < 1 oR a <= 1 OR a > 1       | a != 1 OR a < 1 OR a <= 1 OR a > 1
          x IN (1, 2.5, 'a', true)                 | x IN (1, 2.5, 'a', true)
          x not in (-1)                            | x NOT IN (-1)
          title LIKE 'Dune%'                       | title LIKE 'Dune%'
          title not like '%\\%%'                   | title NOT LIKE '%\\%%'
          x is null                                | x IS NULL
          x Is Not Null                            | x IS NOT NULL
          tags contain_any ('a','b')               | tags CONTAIN_ANY ('a', 'b')
          tags CONTAIN_ALL (1)                     | tags CONTAIN_ALL (1)
          ARRAY_LENGTH(tags) > 0                   | array_length(tags) > 0
          array_length( tags )>=-1                 | array_length(tags) >= -1
          s = 'it''s'                              | s = 'it''s'
          s = ''                                   | s = ''
          s = 'a\\b'                               | s = 'a\\b'
          "not" = 1                                | "not" = 1
          "year" = 1                               | year = 1
          x = -9223372036854775808                 | x = -9223372036854775808
          x = 9223372036854775807                  | x = 9223372036854775807
          x = .5                                   | x = 0.5
          x = 5.                                   | x = 5.0
          x = 1e3                                  | x = 1000.0
          x = -2.5E-3                              | x = -0.0025
          x = -0.0                                 | x = -0.0
          x = 1.0E-7                               | x = 1.0E-7
          x = TRUE                                 | x = true
          x=-5                                     | x = -5
          x<-5                                     | x < -5
          ((x = 1))                                | x = 1
          (a = 1 AND b = 2) AND c = 3              | a = 1 AND b = 2 AND c = 3
          a = 1 OR (b = 2 OR c = 3)                | a = 1 OR b = 2 OR c = 3
          id = 'doc-1'                             | id = 'doc-1'
          """)
  void parsesToCanonicalText(String input, String canonical) {
    Filter parsed = Filter.parse(input);
    assertEquals(canonical, parsed.toString());
    assertEquals(parsed, Filter.parse(canonical), "canonical text parses to the same tree");
  }

  @Test
  void whitespaceIsAnySpaceCharacter() {
    assertEquals(Filter.eq("x", 1), Filter.parse("\n\tx\n=\r\n1 "));
  }

  @Test
  void buildsTheExpectedTree() {
    Filter f = Filter.parse("a = 1 OR NOT b IN ('x') AND c IS NOT NULL");
    Filter expected =
        new Or(
            List.of(
                new Comparison("a", CompareOp.EQ, new Literal.Int(1)),
                new And(
                    List.of(
                        new Not(new InList("b", List.of(new Literal.Str("x")), false)),
                        new IsNull("c", true)))));
    assertEquals(expected, f);
  }

  @Test
  void literalsHaveTheirTypes() {
    assertEquals(new Literal.Int(Long.MIN_VALUE), literal("x = -9223372036854775808"));
    assertEquals(new Literal.Real(-0.0), literal("x = -0.0"));
    assertEquals(new Literal.Real(2020.0), literal("x = 2020.0"));
    assertEquals(new Literal.Int(2020), literal("x = 2020"));
    assertEquals(new Literal.Bool(false), literal("x = fAlSe"));
    assertEquals(new Literal.Str("it's"), literal("x = 'it''s'"));
    assertEquals(new Literal.Str("a\nb"), literal("x = 'a\nb'"));
    assertEquals(new Literal.Str("😀"), literal("x = '😀'"));
  }

  @Test
  void likePatternKeepsItsEscapes() {
    Like like = assertInstanceOf(Like.class, Filter.parse("t LIKE '50\\%%'"));
    assertEquals("50\\%%", like.pattern());
    assertEquals(Filter.startsWith("t", "50%"), like);
  }

  @Test
  void keywordFieldNamesAreQuotedWhenPrinted() {
    assertEquals("\"In\" IS NULL", Filter.isNull("In").toString());
    assertEquals("\"array_length\" = 1", Filter.eq("array_length", 1).toString());
    assertEquals(
        "array_length(\"and\") = 1", Filter.arrayLength("and", CompareOp.EQ, 1).toString());
    assertEquals(Filter.isNull("In"), Filter.parse("\"In\" IS NULL"));
  }

  private static Literal literal(String text) {
    return assertInstanceOf(Comparison.class, Filter.parse(text)).value();
  }
}
