package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("once")
class ConjunctsTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .vector("vec", DataType.VECTOR_FP32, 2, Metric.L2)
          .nullableScalar("year", DataType.INT32)
          .nullableScalar("title", DataType.STRING)
          .nullableScalar("price", DataType.DOUBLE)
          .build();
  private static final int YEAR = 1;
  private static final int TITLE = 2;
  private static final int PRICE = 3;

  @Test
  void groupsTopLevelConjunctsByField() {
    Conjuncts c =
        compile(
            "year >= 2000 AND year < 2010.5 AND NOT year = 2005"
                + " AND (title = 'a' OR title LIKE 'Dune%')"
                + " AND (year = 1 OR title = 'c')");
    assertEquals(2, c.fields().size());
    Conjuncts.FieldConjuncts year = c.field(YEAR).orElseThrow();
    assertEquals(3, year.preds().size());
    ScalarPred.LongRange range = year.longRange().orElseThrow();
    assertEquals(2000, range.lo());
    assertEquals(2010, range.hi());
    assertTrue(year.requiresNonNull());
    Conjuncts.FieldConjuncts title = c.field(TITLE).orElseThrow();
    assertInstanceOf(Pred.AnyOf.class, title.preds().get(0));
    assertEquals(Optional.empty(), title.likePrefix(), "an OR alternative has no common prefix");
    assertEquals(1, c.residual().size());
    assertFalse(c.isComplete());
  }

  @Test
  void notIsPushedDownBeforeGrouping() {
    // NOT (a OR b) is a AND b's negations: two conjuncts on two fields, nothing residual.
    Conjuncts c = compile("NOT (year < 2000 OR price >= 9.5)");
    assertTrue(c.isComplete());
    assertEquals(2000, c.field(YEAR).orElseThrow().longRange().orElseThrow().lo());
    ScalarPred.LongRange year = c.field(YEAR).orElseThrow().longRange().orElseThrow();
    assertEquals(Long.MAX_VALUE, year.hi());
    // NOT price >= 9.5 also holds for a stored NaN, so it is no plain range below 9.5.
    Conjuncts.FieldConjuncts price = c.field(PRICE).orElseThrow();
    assertEquals(Optional.empty(), price.doubleRange());
    assertTrue(((ScalarPred.DoubleRange) price.preds().get(0)).negated());
  }

  @Test
  void nullAcceptingGroupsSayWhetherTheyNeedAValue() {
    assertFalse(compile("year IS NULL OR year = 1").field(YEAR).orElseThrow().requiresNonNull());
    assertFalse(compile("year IS NULL").field(YEAR).orElseThrow().requiresNonNull());
    assertTrue(compile("year IS NOT NULL").field(YEAR).orElseThrow().requiresNonNull());
    assertTrue(compile("NOT year = 1").field(YEAR).orElseThrow().requiresNonNull());
    assertTrue(
        compile("(year IS NULL OR year = 1) AND year != 2")
            .field(YEAR)
            .orElseThrow()
            .requiresNonNull());
  }

  @Test
  void likePrefixAndIdGroup() {
    Conjuncts c = compile("title LIKE 'Du%' AND title LIKE 'Dune_%' AND id LIKE 'doc-%'");
    assertEquals(Optional.of("Dune"), c.field(TITLE).orElseThrow().likePrefix());
    assertEquals(Optional.of("doc-"), c.field(RowValues.ID).orElseThrow().likePrefix());
    assertEquals(RowValues.ID, c.fields().iterator().next().field(), "id sorts first");
  }

  @Test
  void compiledFilterListsTheFieldsItReads() {
    CompiledFilter f = FilterCompiler.compile("price > 1 OR id = 'x' OR year IS NULL", SCHEMA);
    assertArrayEquals(new int[] {RowValues.ID, YEAR, PRICE}, f.fields());
    assertEquals("price > 1 OR id = 'x' OR year IS NULL", f.toString());
  }

  private static Conjuncts compile(String text) {
    return FilterCompiler.compile(text, SCHEMA).conjuncts();
  }
}
