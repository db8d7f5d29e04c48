package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.query.filter.RandomFilters;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("once")
class LikeMatcherTest {

  @ParameterizedTest(name = "''{1}'' LIKE ''{0}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          abc      | abc     | true
          abc      | abcd    | false
          ``       | ``      | true
          ``       | a       | false
          pre%     | prefix  | true
          pre%     | pr      | false
          pre%     | pre     | true
          %suf     | a suf   | true
          %suf     | suffix  | false
          %mid%    | a mid b | true
          %mid%    | mi d    | false
          %        | ``      | true
          %%       | x       | true
          a%b      | ab      | true
          a%b      | a       | false
          a%b      | aXbYb   | true
          a%b      | aXbYc   | false
          a%%b     | ab      | true
          %a%b%    | xaybz   | true
          %a%b%    | xbya    | false
          _        | 😀      | true
          __       | 😀      | false
          _b       | 😀b     | true
          %_       | 😀      | true
          a_c      | abc     | true
          a_c      | ac      | false
          %b_      | abc     | true
          %b_      | abcd    | false
          %a_a%    | xaba    | true
          \\%      | %       | true
          \\%      | x       | false
          50\\%%   | 50% off | true
          50\\%%   | 500     | false
          a\\_b    | a_b     | true
          a\\_b    | axb     | false
          \\\\     | \\      | true
          %\\\\    | x\\     | true
          """)
  void matchesCases(String pattern, String text, boolean expected) {
    assertEquals(expected, LikeMatcher.compile(pattern).matches(text));
  }

  @Test
  void agreesWithRegexOnRandomPatterns() {
    long seed = Long.getLong("quiver.test.seed", System.nanoTime());
    Random random = new Random(seed);
    RandomFilters gen = new RandomFilters(random);
    String[] alphabet = {"a", "b", "😀", "%", "_", "\\", "'"};
    int hits = 0;
    for (int i = 0; i < 3_000; i++) {
      String pattern = gen.pattern();
      LikeMatcher m = LikeMatcher.compile(pattern);
      Pattern re = regex(pattern);
      for (int j = 0; j < 30; j++) {
        StringBuilder sb = new StringBuilder();
        for (int k = random.nextInt(7); k > 0; k--) {
          sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String s = sb.toString();
        boolean expected = re.matcher(s).matches();
        assertEquals(
            expected, m.matches(s), "seed " + seed + ": '" + s + "' LIKE '" + pattern + "'");
        hits += expected ? 1 : 0;
      }
    }
    assertEquals(true, hits > 1_000, "seed " + seed + ": too few matches to mean much: " + hits);
  }

  @Test
  void literalPrefixIsWhatEveryMatchStartsWith() {
    assertEquals("Dune", LikeMatcher.compile("Dune%").literalPrefix());
    assertEquals("a%b", LikeMatcher.compile("a\\%b_%").literalPrefix());
    assertEquals("", LikeMatcher.compile("%x").literalPrefix());
    assertEquals("", LikeMatcher.compile("_x").literalPrefix());
    assertEquals("exact", LikeMatcher.compile("exact").literalPrefix());
  }

  private static Pattern regex(String like) {
    StringBuilder re = new StringBuilder();
    int[] cps = like.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == '\\') {
        re.append(Pattern.quote(Character.toString(cps[++i])));
      } else if (cps[i] == '%') {
        re.append(".*");
      } else if (cps[i] == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(Character.toString(cps[i])));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
