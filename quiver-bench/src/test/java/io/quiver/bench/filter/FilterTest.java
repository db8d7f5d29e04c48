package io.quiver.bench.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.bench.data.AttributeTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final AttributeTable T =
      new AttributeTable(
          List.of(
              new AttributeTable.Column("cat", AttributeTable.Type.INT32, new int[] {1, 5, 10, 20}),
              new AttributeTable.Column(
                  "tag", AttributeTable.Type.STRING, new String[] {"x", "y", "x", "it's"}),
              new AttributeTable.Column(
                  "flag", AttributeTable.Type.BOOL, new boolean[] {true, false, true, false}),
              new AttributeTable.Column(
                  "price", AttributeTable.Type.DOUBLE, new double[] {0.5, 1.5, 2.5, 3.5})),
          4);

  private static String rows(String expr) {
    return Filter.parse(expr).matches(T).toString();
  }

  @Test
  void evaluatesTheSqlSubset() {
    assertEquals("{0, 1}", rows("cat < 10"));
    assertEquals("{2}", rows("cat < 20 AND tag = 'x' and not cat = 1"));
    assertEquals("{0, 1, 3}", rows("cat <= 5 OR tag = 'it''s'"));
    assertEquals("{1, 3}", rows("NOT (flag = true)"));
    assertEquals("{0, 2}", rows("cat IN (1, 10, 11)"));
    assertEquals("{1, 3}", rows("cat NOT IN (1, 10)"));
    assertEquals("{2, 3}", rows("price >= 2.5"));
    assertEquals("{1, 2, 3}", rows("cat != 1"));
    assertEquals("{0, 2}", rows("(cat > 0 AND cat < 100) AND (tag = 'x' OR price > 100)"));
  }

  @Test
  void errorsNameThePosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Filter.parse("cat < "));
    assertTrue(e.getMessage().contains("position 7"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Filter.parse("cat < 1 AND"));
    assertThrows(IllegalArgumentException.class, () -> Filter.parse("(cat < 1"));
    assertThrows(IllegalArgumentException.class, () -> rows("tag < 3"));
    assertThrows(IllegalArgumentException.class, () -> rows("nope = 3"));
  }
}
