package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.InvalidArgumentException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("once")
class FilterBuilderTest {

  @Test
  void buildersPrintTheLanguage() {
    Filter f =
        Filter.ge("year", 2020)
            .and(Filter.in("category", "robe", "coat"))
            .and(Filter.startsWith("title", "50% off_").negate())
            .or(Filter.isNull("year"));
    assertEquals(
        "(year >= 2020 AND category IN ('robe', 'coat') AND NOT title LIKE '50\\% off\\_%')"
            + " OR year IS NULL",
        f.toString());
    assertEquals(f, Filter.parse(f.toString()));
  }

  @Test
  void everyBuilderMatchesItsText() {
    assertEquals(Filter.parse("a = 'x'"), Filter.eq("a", "x"));
    assertEquals(Filter.parse("a != 1"), Filter.ne("a", 1));
    assertEquals(Filter.parse("a < 1"), Filter.lt("a", 1L));
    assertEquals(Filter.parse("a <= 1.5"), Filter.le("a", 1.5));
    assertEquals(Filter.parse("a > true"), Filter.gt("a", true));
    assertEquals(Filter.parse("a >= -3"), Filter.ge("a", (short) -3));
    assertEquals(Filter.parse("a IN (1, 'b')"), Filter.in("a", 1, "b"));
    assertEquals(Filter.parse("a IN (1, 2)"), Filter.in("a", List.of(1, 2)));
    assertEquals(Filter.parse("a NOT IN (1)"), Filter.notIn("a", 1));
    assertEquals(Filter.parse("a NOT IN (1)"), Filter.notIn("a", List.of(1)));
    assertEquals(Filter.parse("a IS NULL"), Filter.isNull("a"));
    assertEquals(Filter.parse("a IS NOT NULL"), Filter.isNotNull("a"));
    assertEquals(Filter.parse("a LIKE 'x_%'"), Filter.like("a", "x_%"));
    assertEquals(Filter.parse("a NOT LIKE 'x'"), Filter.notLike("a", "x"));
    assertEquals(Filter.parse("a LIKE '%\\\\'"), Filter.endsWith("a", "\\"));
    assertEquals(Filter.parse("a LIKE '%it''s%'"), Filter.containsText("a", "it's"));
    assertEquals(Filter.parse("t CONTAIN_ANY ('a')"), Filter.containAny("t", "a"));
    assertEquals(Filter.parse("t CONTAIN_ANY (1, 2)"), Filter.containAny("t", List.of(1, 2)));
    assertEquals(Filter.parse("t CONTAIN_ALL (true)"), Filter.containAll("t", true));
    assertEquals(Filter.parse("t CONTAIN_ALL (1.5)"), Filter.containAll("t", List.of(1.5)));
    assertEquals(Filter.parse("array_length(t) != 0"), Filter.arrayLength("t", CompareOp.NE, 0));
    assertEquals(
        Filter.parse("a = 1 AND b = 2"), Filter.allOf(Filter.eq("a", 1), Filter.eq("b", 2)));
    assertEquals(
        Filter.parse("a = 1 OR b = 2"), Filter.anyOf(Filter.eq("a", 1), Filter.eq("b", 2)));
    assertEquals(Filter.parse("NOT (a = 1)"), Filter.not(Filter.eq("a", 1)));
  }

  @Test
  void singleOperandConnectivesAreTheOperand() {
    Filter f = Filter.eq("a", 1);
    assertSame(f, Filter.allOf(f));
    assertSame(f, Filter.anyOf(List.of(f)));
    assertThrows(InvalidArgumentException.class, () -> Filter.allOf());
    assertThrows(InvalidArgumentException.class, () -> Filter.anyOf(List.of()));
  }

  @Test
  void nestedConnectivesFlatten() {
    Filter a = Filter.eq("a", 1);
    Filter b = Filter.eq("b", 1);
    Filter c = Filter.eq("c", 1);
    assertEquals(new And(List.of(a, b, c)), a.and(b).and(c));
    assertEquals(new And(List.of(a, b, c)), a.and(b.and(c)));
    assertEquals(new Or(List.of(a, b, c)), a.or(b).or(c));
    assertEquals(3, ((And) a.and(b).and(c)).operands().size());
    // A NOT in between stops the flattening: it is another node.
    assertEquals(2, ((And) a.and(new Not(b.and(c)))).operands().size());
  }

  @Test
  void floatValuesAreWidenedExactly() {
    Literal l = Literal.of(0.1f);
    assertEquals(new Literal.Real((double) 0.1f), l);
    assertEquals(new BigDecimal(0.1f), new BigDecimal(((Literal.Real) l).value()));
    // The printed form keeps every digit needed, so parsing gives the same double back.
    assertEquals("0.10000000149011612", l.toString());
    assertEquals(l, ((Comparison) Filter.parse("x = " + l)).value());
  }

  @Test
  void refusesValuesTheLanguageCannotWrite() {
    assertEquals(
        "a filter value must not be null; test for null with IS NULL",
        assertThrows(InvalidArgumentException.class, () -> Filter.eq("a", null)).getMessage());
    assertEquals(
        "a filter number must be finite, got NaN",
        assertThrows(InvalidArgumentException.class, () -> Filter.eq("a", Double.NaN))
            .getMessage());
    assertThrows(InvalidArgumentException.class, () -> Filter.eq("a", Float.POSITIVE_INFINITY));
    assertEquals(
        "a filter value must be a String, Boolean, integer, Float or Double, got"
            + " java.math.BigDecimal 1",
        assertThrows(InvalidArgumentException.class, () -> Filter.eq("a", BigDecimal.ONE))
            .getMessage());
    assertEquals(
        "filter field name 'a-b' must match [A-Za-z_][A-Za-z0-9_]*",
        assertThrows(InvalidArgumentException.class, () -> Filter.eq("a-b", 1)).getMessage());
    assertEquals(
        "IN on 'a' needs at least one value",
        assertThrows(InvalidArgumentException.class, () -> Filter.in("a", List.of())).getMessage());
    assertEquals(
        "CONTAIN_ANY on 't' needs at least one value",
        assertThrows(InvalidArgumentException.class, () -> Filter.containAny("t")).getMessage());
    assertEquals(
        "LIKE pattern 'a\\' has a backslash at character 2 not followed by %, _ or \\ (write \\\\"
            + " for a backslash)",
        assertThrows(InvalidArgumentException.class, () -> Filter.like("a", "a\\")).getMessage());
  }

  @Test
  void escapeMakesEveryWildcardLiteral() {
    assertEquals("100\\%\\_\\\\x", Like.escape("100%_\\x"));
    assertEquals("plain", Like.escape("plain"));
  }

  @Test
  void recordsAreImmutable() {
    List<Literal> values = new java.util.ArrayList<>(List.of(new Literal.Int(1)));
    InList in = new InList("a", values, false);
    values.add(new Literal.Int(2));
    assertEquals(1, in.values().size());
    assertThrows(UnsupportedOperationException.class, () -> in.values().add(new Literal.Int(3)));
  }
}
