package io.quiver.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** print then parse gives back the same tree, for thousands of random trees. */
@Tag("once")
class FilterRoundTripTest {
  private static final int TREES = 5_000;

  @Test
  void printedTextParsesToAnEqualTree() {
    long seed = Long.getLong("quiver.test.seed", System.nanoTime());
    Random random = new Random(seed);
    RandomFilters gen = new RandomFilters(random);
    Set<Class<?>> kinds = new HashSet<>();
    for (int i = 0; i < TREES; i++) {
      Filter f = gen.filter(1 + random.nextInt(5));
      String text = f.toString();
      Filter back;
      try {
        back = Filter.parse(text);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", tree " + i + ": " + text, e);
      }
      if (!f.equals(back)) {
        fail("seed " + seed + ", tree " + i + ": " + text + " parsed to " + back);
      }
      assertEquals(text, back.toString(), "seed " + seed + ": printing is stable");
      collectKinds(f, kinds);
    }
    // The generator must reach every node kind, or the property says less than it seems.
    assertEquals(Set.of(Filter.class.getPermittedSubclasses()), kinds, "seed " + seed);
  }

  private static void collectKinds(Filter f, Set<Class<?>> out) {
    out.add(f.getClass());
    switch (f) {
      case And a -> a.operands().forEach(o -> collectKinds(o, out));
      case Or o -> o.operands().forEach(x -> collectKinds(x, out));
      case Not n -> collectKinds(n.operand(), out);
      default -> {}
    }
  }

  @Test
  void extremeLiteralsRoundTrip() {
    double[] doubles = {
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      1e-300,
      0.1,
      1.0 / 3,
      123456789.125,
      1e21,
      1e22,
      (double) Float.MAX_VALUE
    };
    for (double d : doubles) {
      Filter f = Filter.eq("x", d);
      assertEquals(f, Filter.parse(f.toString()), f.toString());
    }
    for (long l : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
      Filter f = Filter.eq("x", l);
      assertEquals(f, Filter.parse(f.toString()), f.toString());
    }
    String[] strings = {"", "'", "''", "\\", "\\'", "a\nb", "😀", "\u0000", " ' OR 1 = 1 --"};
    for (String s : strings) {
      Filter f = Filter.in("x", s, s + s);
      assertEquals(f, Filter.parse(f.toString()), f.toString());
      Filter like = Filter.containsText("x", s);
      assertEquals(like, Filter.parse(like.toString()), like.toString());
    }
  }
}
