package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.query.filter.Filter;
import io.quiver.schema.DataType;
import io.quiver.schema.Limits;
import io.quiver.schema.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("once")
class FilterCompilerTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .nullableScalar("year", DataType.INT32)
          .nullableScalar("title", DataType.STRING)
          .build();
  private static final RowValues ROW =
      ObjectRowValues.of(
          SCHEMA, Document.builder("d").set("year", 2020).set("title", "Dune").build());

  @Test
  void treesAtTheDepthLimitCompileAndRun() {
    Filter f = Filter.eq("year", 2020);
    for (int i = 0; i < Limits.MAX_FILTER_DEPTH - 1; i++) {
      f = i % 2 == 0 ? f.or(Filter.eq("year", i)) : f.and(Filter.isNotNull("title"));
    }
    Filter atLimit = f.negate();
    CompiledFilter compiled = FilterCompiler.compile(atLimit, SCHEMA);
    assertFalse(compiled.test(ROW));
    assertFalse(FilterCompiler.compile(atLimit.toString(), SCHEMA).test(ROW));
    assertTrue(FilterCompiler.compile(f, SCHEMA).test(ROW));
  }

  @Test
  void wideFiltersCompileAndRun() {
    int n = 50_000;
    String text = "year != 1" + " AND year != 1".repeat(n - 1) + " AND title = 'Dune'";
    CompiledFilter compiled = FilterCompiler.compile(text, SCHEMA);
    assertTrue(compiled.test(ROW));
    assertEquals(n + 1, assertInstanceOf(Pred.AllOf.class, compiled.root()).operands().length);
  }

  @Test
  void cheapConditionsRunFirst() {
    CompiledFilter f = FilterCompiler.compile("title LIKE '%u%' AND year = 2020", SCHEMA);
    Pred[] operands = assertInstanceOf(Pred.AllOf.class, f.root()).operands();
    assertInstanceOf(ScalarPred.LongRange.class, operands[0]);
    assertInstanceOf(ScalarPred.LikeMatch.class, operands[1]);
  }

  @Test
  void notIsPushedIntoTheConditions() {
    Pred p = FilterCompiler.compile("NOT (year = 1 OR title IS NULL)", SCHEMA).root();
    Pred[] operands = assertInstanceOf(Pred.AllOf.class, p).operands();
    assertEquals(new ScalarPred.NullCheck(1, false), operands[0]);
    assertEquals(new ScalarPred.LongRange(0, 1, 1, true), operands[1]);
  }

  @Test
  void typeErrorsNameTheConditionOrTheColumn() {
    assertEquals(
        "in [title > 3]: field 'title' is STRING, got integer 3",
        assertThrows(
                InvalidArgumentException.class,
                () -> FilterCompiler.compile(Filter.gt("title", 3), SCHEMA))
            .getMessage());
    assertEquals(
        "at 9: field 'title' is STRING, got integer 3",
        assertThrows(
                InvalidArgumentException.class, () -> FilterCompiler.compile("title > 3", SCHEMA))
            .getMessage());
    assertEquals(
        "filter must not be null",
        assertThrows(
                InvalidArgumentException.class, () -> FilterCompiler.compile((Filter) null, SCHEMA))
            .getMessage());
  }
}
