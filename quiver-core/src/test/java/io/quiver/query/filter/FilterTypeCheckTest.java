package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("once")
class FilterTypeCheckTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("title", DataType.STRING)
          .nullableScalar("year", DataType.INT32)
          .scalar("price", DataType.FLOAT)
          .scalar("flag", DataType.BOOL)
          .nullableScalar("tags", DataType.ARRAY_STRING)
          .scalar("nums", DataType.ARRAY_INT64)
          .vector("embedding", DataType.VECTOR_FP32, 3, Metric.COSINE)
          .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          year = 'x'                    | at 8: field 'year' is INT32, got string 'x'
          title = 'a' AND year = 'x'    | at 24: field 'year' is INT32, got string 'x'
          title = 5                     | at 9: field 'title' is STRING, got integer 5
          title >= 2.5                  | at 10: field 'title' is STRING, got number 2.5
          title = true                  | at 9: field 'title' is STRING, got boolean true
          flag < true                   | at 6: '<' is not defined on BOOL field 'flag' (use = or !=)
          flag >= false                 | at 6: '>=' is not defined on BOOL field 'flag' (use = or !=)
          flag = 1                      | at 8: field 'flag' is BOOL, got integer 1
          flag IN (true, 'no')          | at 16: field 'flag' is BOOL, got string 'no'
          price = 'cheap'               | at 9: field 'price' is FLOAT, got string 'cheap'
          embedding IS NULL             | at 1: field 'embedding' is VECTOR_FP32; vector fields cannot be filtered
          NOT (embedding = 1)           | at 6: field 'embedding' is VECTOR_FP32; vector fields cannot be filtered
          nope = 1                      | at 1: unknown field 'nope' (scalar fields: id, title, year, price, flag, tags, nums)
          Year = 1                      | at 1: unknown field 'Year' (scalar fields: id, title, year, price, flag, tags, nums)
          tags = 'a'                    | at 1: field 'tags' is ARRAY_STRING; test arrays with CONTAIN_ANY, CONTAIN_ALL or array_length(tags)
          nums IN (1)                   | at 1: field 'nums' is ARRAY_INT64; test arrays with CONTAIN_ANY, CONTAIN_ALL or array_length(nums)
          title CONTAIN_ANY ('a')       | at 7: CONTAIN_ANY needs an ARRAY_ field, field 'title' is STRING
          tags CONTAIN_ALL ('a', 1)     | at 24: field 'tags' is ARRAY_STRING, got integer 1
          nums CONTAIN_ANY (1, 'two')   | at 22: field 'nums' is ARRAY_INT64, got string 'two'
          year LIKE '1%'                | at 6: LIKE needs a STRING field, field 'year' is INT32
          tags NOT LIKE '1%'            | at 6: LIKE needs a STRING field, field 'tags' is ARRAY_STRING
          array_length(title) > 0       | at 14: array_length needs an ARRAY_ field, field 'title' is STRING
          year IN (1, 'b')              | at 13: field 'year' is INT32, got string 'b'
          id = 5                        | at 6: field 'id' is STRING, got integer 5
          """)
  void reportsColumnOfTypeError(String input, String message) {
    Filter syntaxOnly = Filter.parse(input); // the syntax is fine; only the types are wrong
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(input, SCHEMA));
    assertEquals(message, e.getMessage());
    // Without positions the same rule is reported, naming the condition instead.
    InvalidArgumentException unpositioned =
        assertThrows(InvalidArgumentException.class, () -> syntaxOnly.validate(SCHEMA));
    String rule = message.substring(message.indexOf(": ") + 2);
    assertEquals(
        rule, unpositioned.getMessage().substring(unpositioned.getMessage().indexOf("]: ") + 3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "year < 2020.5 AND price = 1 AND price > 0.1 AND year IN (1, 2.5, -3)",
        "id LIKE 'doc%' AND id >= 'a' AND id IS NOT NULL AND id NOT IN ('x')",
        "tags CONTAIN_ALL ('a') OR nums CONTAIN_ANY (1, 2.5) OR array_length(nums) >= 0",
        "flag != false AND flag IN (true) AND title IS NULL AND tags IS NULL",
        "NOT (title < 'b' OR title LIKE '%x_')",
      })
  void acceptsWellTypedFilters(String input) {
    Filter f = Filter.parse(input, SCHEMA);
    f.validate(SCHEMA);
    assertEquals(Filter.parse(input), f);
  }

  @Test
  void programmaticTreeNamesTheCondition() {
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> Filter.ge("year", 2000).and(Filter.eq("year", "x")).validate(SCHEMA));
    assertEquals("in [year = 'x']: field 'year' is INT32, got string 'x'", e.getMessage());
  }

  @Test
  void schemaIsRequired() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse("year = 1", null));
    assertEquals("a filter is checked against a schema, got null", e.getMessage());
  }
}
