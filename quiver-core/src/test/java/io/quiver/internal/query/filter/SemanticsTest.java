package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.Document;
import io.quiver.query.filter.Filter;
import io.quiver.schema.DataType;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documented semantics, case by case: three-valued NOT, nulls versus empty arrays, exact
 * numeric comparison across integer and float, the FLOAT rounding rule, NaN, -0.0, and code point
 * order of strings. Each case is checked on the compiled filter and on the reference interpreter,
 * so a case also guards the oracle the randomized test relies on.
 */
@Tag("once")
class SemanticsTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .add(ScalarField.of("x", DataType.INT32).asNullable())
          .add(ScalarField.of("y", DataType.INT32).asNullable())
          .add(ScalarField.of("s", DataType.STRING).asNullable())
          .add(ScalarField.of("tags", DataType.ARRAY_STRING).asNullable())
          .add(ScalarField.of("i64", DataType.INT64).asNullable())
          .add(ScalarField.of("f32", DataType.FLOAT).asNullable())
          .add(ScalarField.of("f64", DataType.DOUBLE).asNullable())
          .add(ScalarField.of("ai32", DataType.ARRAY_INT32).asNullable())
          .add(ScalarField.of("af32", DataType.ARRAY_FLOAT).asNullable())
          .add(ScalarField.of("ab", DataType.ARRAY_BOOL).asNullable())
          .build();

  /** x and s and tags null, y = 3. */
  private static final Document NULLS = Document.builder("n").set("y", 3).build();

  /** tags empty, x = 1. */
  private static final Document EMPTY =
      Document.builder("e").set("x", 1).set("tags", List.of()).build();

  private static final Document NUMBERS =
      Document.builder("num")
          .set("x", 2020)
          .set("i64", Long.MAX_VALUE)
          .set("f32", 0.1f)
          .set("f64", -0.0)
          .set("ai32", List.of(1, 2))
          .set("af32", List.of(0.1f, 16_777_216f))
          .set("ab", List.of(true))
          .build();

  private static final Document EDGES =
      Document.builder("😀")
          .set("i64", (1L << 53) + 1)
          .set("f32", Float.MAX_VALUE)
          .set("f64", Double.NaN)
          .set("s", "B")
          .build();

  private static final Document BIG =
      Document.builder("big").set("f32", 16_777_216f).set("f64", 0x1p53).set("s", "😀").build();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          NULLS | x = 1                               | false
          NULLS | x != 1                              | false
          NULLS | NOT x = 1                           | false
          NULLS | NOT (x != 1)                        | false
          NULLS | x IN (1)                            | false
          NULLS | x NOT IN (1)                        | false
          NULLS | NOT x IN (1)                        | false
          NULLS | NOT x NOT IN (1)                    | false
          NULLS | x < 1 OR x >= 1                     | false
          NULLS | NOT (x < 1 OR x >= 1)               | false
          NULLS | NOT NOT x = 1                       | false
          NULLS | x IS NULL                           | true
          NULLS | NOT x IS NULL                       | false
          NULLS | x IS NOT NULL                       | false
          NULLS | NOT NOT x IS NULL                   | true
          NULLS | x = 1 OR x IS NULL                  | true
          NULLS | x != 1 OR x IS NULL                 | true
          NULLS | NOT (x = 1 AND y = 2)               | true
          NULLS | NOT (x = 1 AND y = 3)               | false
          NULLS | NOT (x = 1 OR y = 3)                | false
          NULLS | NOT (x = 1 OR y = 2)                | false
          NULLS | x = 1 AND y = 3                     | false
          NULLS | s LIKE '%'                          | false
          NULLS | NOT s LIKE '%'                      | false
          NULLS | s NOT LIKE 'a'                      | false
          NULLS | s < 'a' OR s >= 'a'                 | false
          NULLS | tags CONTAIN_ANY ('a')              | false
          NULLS | NOT tags CONTAIN_ANY ('a')          | false
          NULLS | NOT tags CONTAIN_ALL ('a')          | false
          NULLS | array_length(tags) >= 0             | false
          NULLS | NOT array_length(tags) = 0          | false
          NULLS | tags IS NULL                        | true
          NULLS | id = 'n' AND id IS NOT NULL         | true
          NULLS | id IS NULL                          | false
          EMPTY | tags IS NULL                        | false
          EMPTY | tags IS NOT NULL                    | true
          EMPTY | tags CONTAIN_ANY ('a')              | false
          EMPTY | NOT tags CONTAIN_ANY ('a')          | true
          EMPTY | tags CONTAIN_ALL ('a')              | false
          EMPTY | NOT tags CONTAIN_ALL ('a')          | true
          EMPTY | array_length(tags) = 0              | true
          EMPTY | array_length(tags) > 0              | false
          EMPTY | NOT array_length(tags) > 0          | true
          EMPTY | NOT x != 1                          | true
          NUMBERS | x < 2020.5                        | true
          NUMBERS | x <= 2020.5                       | true
          NUMBERS | x > 2019.5                        | true
          NUMBERS | x >= 2020.5                       | false
          NUMBERS | x = 2020.5                        | false
          NUMBERS | x != 2020.5                       | true
          NUMBERS | x = 2020.0                        | true
          NUMBERS | x IN (2020.5, 2021)               | false
          NUMBERS | x NOT IN (2020.5)                 | true
          NUMBERS | x < 1e30 AND x > -1e30            | true
          NUMBERS | x = 1e30                          | false
          NUMBERS | x < -9.3e18                       | false
          NUMBERS | x < 3000000000                    | true
          NUMBERS | i64 = 9223372036854775807         | true
          NUMBERS | i64 < 9.3e18                      | true
          NUMBERS | i64 = 9.223372036854775807E18     | false
          NUMBERS | i64 < 9.223372036854775807E18     | true
          NUMBERS | i64 > 9223372036854775806.5       | false
          NUMBERS | f32 = 0.1                         | true
          NUMBERS | f32 <= 0.1                        | true
          NUMBERS | f32 > 0.1                         | false
          NUMBERS | f32 IN (0.1, 7)                   | true
          NUMBERS | f32 = 0.10000000149011612         | true
          NUMBERS | f32 != 0.1                        | false
          NUMBERS | f64 = 0                           | true
          NUMBERS | f64 = -0.0                        | true
          NUMBERS | f64 = 0.0                         | true
          NUMBERS | f64 < 0                           | false
          NUMBERS | f64 >= 0.0                        | true
          NUMBERS | f64 IN (0.0)                      | true
          NUMBERS | f64 IN (-0.0)                     | true
          NUMBERS | ai32 CONTAIN_ANY (2.0)             | true
          NUMBERS | ai32 CONTAIN_ANY (1.5)             | false
          NUMBERS | ai32 CONTAIN_ALL (1, 2.0)          | true
          NUMBERS | ai32 CONTAIN_ALL (1, 1.5)          | false
          NUMBERS | NOT ai32 CONTAIN_ALL (1, 1.5)      | true
          NUMBERS | af32 CONTAIN_ANY (0.1)             | true
          NUMBERS | af32 CONTAIN_ALL (0.1, 16777217)   | true
          NUMBERS | ab CONTAIN_ALL (true, false)       | false
          NUMBERS | ab CONTAIN_ANY (false, true)       | true
          NUMBERS | array_length(ai32) = 2            | true
          EDGES | i64 = 9007199254740993              | true
          EDGES | i64 = 9.007199254740993E15          | false
          EDGES | i64 > 9007199254740992.0           | true
          EDGES | f32 < 1e39                          | true
          EDGES | f32 = 1e39                          | false
          EDGES | f32 = 3.4028234663852886E38        | true
          EDGES | f64 = 1                             | false
          EDGES | f64 != 1                            | true
          EDGES | f64 < 1 OR f64 >= 1                 | false
          EDGES | f64 IN (1)                          | false
          EDGES | f64 NOT IN (1)                      | true
          EDGES | NOT f64 = 1                         | true
          EDGES | f64 IS NULL                         | false
          EDGES | s < 'a'                             | true
          EDGES | s LIKE 'b'                          | false
          EDGES | id LIKE '_'                         | true
          EDGES | id LIKE '__'                        | false
          EDGES | id > '\uFFFF'                       | true
          BIG | f32 = 16777217                        | true
          BIG | f32 = 16777216                        | true
          BIG | f64 = 9007199254740993                | false
          BIG | f64 < 9007199254740993                | true
          BIG | f64 >= 9007199254740993               | false
          BIG | f64 != 9007199254740993               | true
          BIG | f64 = 9007199254740992                | true
          BIG | f64 IN (9007199254740993)             | false
          BIG | s > '\uE000'                          | true
          """)
  void matchesAsDocumented(String doc, String filter, boolean expected) {
    Document d =
        switch (doc) {
          case "NULLS" -> NULLS;
          case "EMPTY" -> EMPTY;
          case "NUMBERS" -> NUMBERS;
          case "EDGES" -> EDGES;
          default -> BIG;
        };
    String text = filter.replace("\\uFFFF", "\uFFFF").replace("\\uE000", "\uE000");
    CompiledFilter compiled = FilterCompiler.compile(text, SCHEMA);
    assertEquals(expected, compiled.test(ObjectRowValues.of(SCHEMA, d)), "compiled");
    assertEquals(
        expected,
        new ReferenceEvaluator(SCHEMA).matches(Filter.parse(text, SCHEMA), d),
        "reference");
  }
}
