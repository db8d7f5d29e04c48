package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("once")
class StringOrderTest {

  @Test
  void ordersByCodePointLikeUtf8Bytes() {
    long seed = Long.getLong("quiver.test.seed", System.nanoTime());
    Random random = new Random(seed);
    int[] pool = {'a', 'b', 'Z', 0x7F, 0xE9, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    int differsFromUtf16 = 0;
    for (int i = 0; i < 20_000; i++) {
      String a = random(random, pool);
      String b = random(random, pool);
      int expected =
          Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
      int bytes =
          Integer.signum(
              Arrays.compareUnsigned(
                  a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      int actual = Integer.signum(StringOrder.compare(a, b));
      assertEquals(expected, actual, "seed " + seed + ": " + a + " vs " + b);
      assertEquals(bytes, actual, "seed " + seed + ": UTF-8 order of " + a + " vs " + b);
      differsFromUtf16 += Integer.signum(a.compareTo(b)) != actual ? 1 : 0;
    }
    // Otherwise the surrogate fix-up would go untested.
    assertTrue(differsFromUtf16 > 0, "seed " + seed);
  }

  @Test
  void supplementaryCharactersSortAfterTheBmp() {
    assertTrue(StringOrder.compare("😀", "\uFFFF") > 0);
    assertTrue("😀".compareTo("\uFFFF") < 0); // why String.compareTo is not used
    assertTrue(StringOrder.compare("a", "ab") < 0);
    assertEquals(0, StringOrder.compare("😀x", "😀x"));
  }

  private static String random(Random random, int[] pool) {
    StringBuilder sb = new StringBuilder();
    for (int n = random.nextInt(4); n > 0; n--) {
      sb.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}
