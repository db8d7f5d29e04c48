package io.quiver.internal.query.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled LIKE pattern (syntax in {@link io.quiver.query.filter.Like}). The common shapes run as
 * one {@link String} call: no wildcard is {@code equals}, {@code 'pre%'} is {@code startsWith},
 * {@code '%suf'} is {@code endsWith}, {@code '%mid%'} is {@code contains}. Other patterns are split
 * at {@code %} into segments matched left to right, each at its leftmost place, which is enough for
 * {@code %} patterns and never backtracks; {@code _} consumes one code point. No regex, no
 * allocation per call. Immutable and thread-safe.
 */
public final class LikeMatcher {
  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    GENERAL
  }

  /** A run of pattern characters between two {@code %}; {@code any[i]} marks a {@code _}. */
  private record Segment(String text, boolean[] any, boolean hasAny) {}

  private final String pattern;
  private final Shape shape;
  private final String literal;
  private final Segment[] segments;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;

  private LikeMatcher(String pattern) {
    this.pattern = pattern;
    List<Segment> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<Boolean> any = new ArrayList<>();
    boolean startsWithPercent = false;
    boolean endsWithPercent = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean last = i == pattern.length() - 1;
      if (c == '%') {
        if (i == 0) {
          startsWithPercent = true;
        }
        if (last) {
          endsWithPercent = true;
        }
        // Consecutive % are one %: an empty middle segment matches anywhere and is dropped.
        if (!text.isEmpty() || parts.isEmpty()) {
          parts.add(segment(text, any));
        }
        text.setLength(0);
        any.clear();
        continue;
      }
      if (c == '\\') {
        // The public Like record rejects any other escape, so the next character exists.
        c = pattern.charAt(++i);
        text.append(c);
        any.add(false);
      } else {
        text.append(c);
        any.add(c == '_');
      }
    }
    parts.add(segment(text, any));
    this.segments = parts.toArray(Segment[]::new);
    this.anchoredStart = !startsWithPercent;
    this.anchoredEnd = !endsWithPercent;
    boolean wildcardChar = parts.stream().anyMatch(Segment::hasAny);
    // Segments: first (empty when the pattern starts with %), middles, last (empty when it ends
    // with %). One non-empty segment and no _ give the four simple shapes.
    if (!wildcardChar && segments.length == 1) {
      shape = Shape.EXACT;
      literal = segments[0].text();
    } else if (!wildcardChar && segments.length == 2 && anchoredStart && !anchoredEnd) {
      shape = Shape.PREFIX;
      literal = segments[0].text();
    } else if (!wildcardChar && segments.length == 2 && !anchoredStart && anchoredEnd) {
      shape = Shape.SUFFIX;
      literal = segments[1].text();
    } else if (!wildcardChar && segments.length == 3 && !anchoredStart && !anchoredEnd) {
      shape = Shape.CONTAINS;
      literal = segments[1].text();
    } else {
      shape = Shape.GENERAL;
      literal = null;
    }
  }

  private static Segment segment(StringBuilder text, List<Boolean> any) {
    boolean[] mask = new boolean[any.size()];
    boolean hasAny = false;
    for (int i = 0; i < mask.length; i++) {
      mask[i] = any.get(i);
      hasAny |= mask[i];
    }
    return new Segment(text.toString(), mask, hasAny);
  }

  /** Compiles a pattern that {@link io.quiver.query.filter.Like} accepted. */
  public static LikeMatcher compile(String pattern) {
    return new LikeMatcher(pattern);
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /**
   * The text every match starts with (the pattern's part before its first wildcard), so that an
   * index can turn the pattern into a range scan; empty when the pattern starts with a wildcard.
   */
  public String literalPrefix() {
    Segment first = segments[0];
    if (!anchoredStart) {
      return "";
    }
    int n = 0;
    while (n < first.any().length && !first.any()[n]) {
      n++;
    }
    return first.text().substring(0, n);
  }

  /** Whether the pattern has no wildcard: it matches exactly {@link #literalPrefix()}. */
  public boolean isLiteral() {
    return shape == Shape.EXACT;
  }

  /**
   * Whether the pattern is {@code 'text%'}: it matches exactly the strings starting with {@link
   * #literalPrefix()}, so a prefix scan of a sorted index needs no re-check.
   */
  public boolean isPrefixOnly() {
    return shape == Shape.PREFIX;
  }

  /** Whether the whole of {@code s} matches the pattern. */
  public boolean matches(String s) {
    return switch (shape) {
      case EXACT -> s.equals(literal);
      case PREFIX -> s.startsWith(literal);
      case SUFFIX -> s.endsWith(literal);
      case CONTAINS -> s.contains(literal);
      case GENERAL -> matchesGeneral(s);
    };
  }

  private boolean matchesGeneral(String s) {
    int last = segments.length - 1;
    if (last == 0) {
      // No %: the one segment must cover the whole string.
      return matchAt(s, 0, segments[0]) == s.length();
    }
    // segments[0] is anchored at the start (it is empty when the pattern starts with %).
    int pos = matchAt(s, 0, segments[0]);
    if (pos < 0) {
      return false;
    }
    for (int i = 1; i < last; i++) {
      pos = find(s, pos, segments[i]);
      if (pos < 0) {
        return false;
      }
    }
    Segment tail = segments[last];
    if (!anchoredEnd) {
      return true;
    }
    if (!tail.hasAny()) {
      int start = s.length() - tail.text().length();
      return start >= pos && s.startsWith(tail.text(), start);
    }
    // A _ may consume one or two chars, so try every code point boundary from pos.
    for (int start = pos; start <= s.length(); start = nextCodePoint(s, start)) {
      if (matchAt(s, start, tail) == s.length()) {
        return true;
      }
      if (start == s.length()) {
        break;
      }
    }
    return false;
  }

  /** The end of the leftmost match of {@code seg} at or after {@code from}, or -1. */
  private static int find(String s, int from, Segment seg) {
    if (!seg.hasAny()) {
      int at = s.indexOf(seg.text(), from);
      return at < 0 ? -1 : at + seg.text().length();
    }
    for (int start = from; start < s.length(); start = nextCodePoint(s, start)) {
      int end = matchAt(s, start, seg);
      if (end >= 0) {
        return end;
      }
    }
    return -1;
  }

  /** The end of {@code seg} matched exactly at {@code start}, or -1. */
  private static int matchAt(String s, int start, Segment seg) {
    int p = start;
    String text = seg.text();
    boolean[] any = seg.any();
    for (int i = 0; i < any.length; i++) {
      if (p >= s.length()) {
        return -1;
      }
      if (any[i]) {
        p = nextCodePoint(s, p);
      } else if (s.charAt(p) == text.charAt(i)) {
        p++;
      } else {
        return -1;
      }
    }
    return p;
  }

  private static int nextCodePoint(String s, int i) {
    return i
        + (Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))
            ? 2
            : 1);
  }

  @Override
  public String toString() {
    return "LIKE '" + pattern + "'";
  }
}
