package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.Limits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Deep or long input gives a clear error, never a stack overflow. */
@Tag("once")
class FilterLimitsTest {
  private static final int DEEP = 100_000;

  @Test
  void deepParenthesesAreRefusedAtTheFirstLevelTooMany() {
    String text = "(".repeat(DEEP) + "x = 1" + ")".repeat(DEEP);
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(text));
    assertEquals(
        "at 101: filter nests deeper than the limit of 100 levels of parentheses and NOT",
        e.getMessage());
  }

  @Test
  void deepNotChainsAreRefused() {
    String text = "NOT ".repeat(DEEP) + "x = 1";
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(text));
    assertEquals(
        "at 401: filter nests deeper than the limit of 100 levels of parentheses and NOT",
        e.getMessage());
  }

  @Test
  void nestingUpToTheLimitParses() {
    int n = Limits.MAX_FILTER_DEPTH;
    assertEquals(Filter.eq("x", 1), Filter.parse("(".repeat(n) + "x = 1" + ")".repeat(n)));
    Filter nots = Filter.parse("NOT ".repeat(n) + "x = 1");
    for (int i = 0; i < n; i++) {
      nots = assertInstanceOf(Not.class, nots).operand();
    }
    assertEquals(Filter.eq("x", 1), nots);
  }

  @Test
  void treesDeeperThanTheLimitAreRefusedEvenWithinTheParenthesisLimit() {
    // Alternating OR and AND do not flatten: 100 parenthesised levels hold 101 connectives.
    assertEquals(Limits.MAX_FILTER_DEPTH, Nesting.depth(Filter.parse(alternating(99))));
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(alternating(100)));
    assertEquals("at 1: filter nests deeper than the limit of 100 levels", e.getMessage());
  }

  private static String alternating(int levels) {
    String inner = "x = 1 AND y = 1";
    for (int i = 0; i < levels; i++) {
      inner = "a = 1 " + (i % 2 == 0 ? "OR" : "AND") + " (" + inner + ")";
    }
    return inner;
  }

  @Test
  void deepTreesBuiltInCodeAreRefused() {
    Filter f = Filter.eq("x", 1);
    for (int i = 0; i < Limits.MAX_FILTER_DEPTH; i++) {
      f = f.negate();
    }
    Filter atLimit = f;
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> atLimit.negate());
    assertEquals("filter nests deeper than the limit of 100 levels", e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> atLimit.and(Filter.eq("y", 1)));
    // The tree at the limit still prints and parses back.
    assertEquals(atLimit, Filter.parse(atLimit.toString()));
  }

  @Test
  void wideConnectivesAreNotDeep() {
    int n = 50_000;
    String text = "x = 1" + " AND x = 1".repeat(n - 1);
    And and = assertInstanceOf(And.class, Filter.parse(text));
    assertEquals(n, and.operands().size());
    assertEquals(text, and.toString());
  }

  @Test
  void textLongerThanTheLimitIsRefused() {
    String text = "x = 1" + " ".repeat(Limits.MAX_FILTER_LENGTH - 4);
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> Filter.parse(text));
    assertEquals("filter has 1048577 characters, more than the limit 1048576", e.getMessage());
    assertEquals(Filter.eq("x", 1), Filter.parse(text.substring(0, text.length() - 1)));
  }
}
