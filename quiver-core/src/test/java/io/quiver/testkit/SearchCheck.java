package io.quiver.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.query.Hit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a search result against the {@link Oracle}'s ranking, allowing ties to break freely. */
public final class SearchCheck {
  private SearchCheck() {}

  /**
   * Asserts {@code hits} are a valid approximate answer: {@code min(k, ranking.size())} of them, no
   * id twice, each a live document with its true score, best first.
   */
  public static void assertValidHits(
      List<Hit> hits, List<Oracle.Scored> ranking, int k, boolean higherIsBetter, String context) {
    assertEquals(
        Math.min(k, ranking.size()),
        hits.size(),
        () -> context + ": number of hits " + ids(hits) + ", expected among " + ranking);
    Map<String, Double> truth = new HashMap<>();
    for (Oracle.Scored s : ranking) {
      truth.put(s.id(), s.score());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      assertTrue(seen.add(h.id()), context + ": id " + h.id() + " returned twice");
      Double t = truth.get(h.id());
      if (t == null) {
        fail(context + ": hit " + h.id() + " is not a live document with that vector");
      }
      assertTrue(
          Oracle.close(t, h.score()),
          context + ": hit " + h.id() + " has score " + h.score() + ", true score " + t);
      if (i > 0) {
        float prev = hits.get(i - 1).score();
        assertTrue(
            higherIsBetter ? prev >= h.score() : prev <= h.score(),
            context + ": hits are not best first at " + i);
      }
    }
  }

  /** The share of the true best {@code k} ids that {@code hits} holds (ties count either way). */
  public static double recall(List<Hit> hits, List<Oracle.Scored> ranking, int k) {
    int n = Math.min(k, ranking.size());
    if (n == 0) {
      return 1.0;
    }
    double cut = ranking.get(n - 1).score();
    int found = 0;
    Map<String, Double> truth = new HashMap<>();
    ranking.forEach(s -> truth.put(s.id(), s.score()));
    for (Hit h : hits) {
      Double t = truth.get(h.id());
      boolean inTop = false;
      for (int i = 0; i < n && !inTop; i++) {
        inTop = ranking.get(i).id().equals(h.id());
      }
      if (inTop || (t != null && Oracle.close(cut, t))) {
        found++;
      }
    }
    return Math.min(1.0, (double) found / n);
  }

  /**
   * Asserts {@code hits} are an exact top-{@code k} of {@code ranking}: the right number, no id
   * twice, each with its true score, and the same score sequence as the true best {@code k}.
   */
  public static void assertExactTopK(
      List<Hit> hits, List<Oracle.Scored> ranking, int k, String context) {
    int expected = Math.min(k, ranking.size());
    assertEquals(
        expected,
        hits.size(),
        () -> context + ": number of hits " + ids(hits) + ", expected among " + ranking);
    Map<String, Double> truth = new HashMap<>();
    for (Oracle.Scored s : ranking) {
      truth.put(s.id(), s.score());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      assertTrue(seen.add(h.id()), context + ": id " + h.id() + " returned twice");
      Double t = truth.get(h.id());
      if (t == null) {
        fail(context + ": hit " + h.id() + " is not a live document with that vector");
      }
      assertTrue(
          Oracle.close(t, h.score()),
          context + ": hit " + h.id() + " has score " + h.score() + ", true score " + t);
      double best = ranking.get(i).score();
      assertTrue(
          Oracle.close(best, h.score()),
          context
              + ": hit "
              + i
              + " ("
              + h.id()
              + ") scores "
              + h.score()
              + " but the true "
              + i
              + "-th best scores "
              + best
              + " ("
              + ranking.get(i).id()
              + ")");
    }
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.id() + "=" + h.score()).toList();
  }
}
