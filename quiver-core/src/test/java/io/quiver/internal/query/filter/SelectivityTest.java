package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.query.filter.RandomFilters;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("once")
class SelectivityTest {

  @Test
  void combinesLeafEstimatesAssumingIndependence() {
    CompiledFilter f =
        FilterCompiler.compile("(i32 = 1 AND s = 'a') OR b = true", RandomDocuments.SCHEMA);
    Selectivity.Estimator half = leaf -> 0.5;
    // 1 - (1 - 0.5 * 0.5) * (1 - 0.5)
    assertEquals(0.625, f.selectivity(half), 1e-12);
  }

  @Test
  void unknownLeavesFallBackToGuesses() {
    CompiledFilter eq = FilterCompiler.compile("s = 'a'", RandomDocuments.SCHEMA);
    assertEquals(0.01, eq.selectivity(Selectivity.NONE), 1e-12);
    CompiledFilter mixed = FilterCompiler.compile("s = 'a' AND i32 > 3", RandomDocuments.SCHEMA);
    Selectivity.Estimator onlyRanges =
        leaf -> leaf instanceof ScalarPred.LongRange ? 0.2 : Double.NaN;
    assertEquals(0.01 * 0.2, mixed.selectivity(onlyRanges), 1e-12);
  }

  @Test
  void estimatesStayWithinZeroAndOne() {
    long seed = Long.getLong("quiver.test.seed", System.nanoTime());
    Random random = new Random(seed);
    RandomFilters gen = new RandomFilters(random, RandomDocuments.SCHEMA);
    Selectivity.Estimator wild =
        leaf -> random.nextInt(4) == 0 ? Double.NaN : random.nextDouble(-1, 2);
    for (int i = 0; i < 2_000; i++) {
      CompiledFilter f = FilterCompiler.compile(gen.filter(3), RandomDocuments.SCHEMA);
      for (Selectivity.Estimator e : new Selectivity.Estimator[] {Selectivity.NONE, wild}) {
        double s = f.selectivity(e);
        assertTrue(s >= 0 && s <= 1, "seed " + seed + ": " + f + " estimated " + s);
      }
    }
  }
}
