package io.quiver.internal.query.filter;

/**
 * The order of strings in filters: by Unicode code point, which is also the unsigned byte order of
 * their UTF-8 encodings, so a segment can compare its UTF-8 column without decoding and sort its
 * index the same way. {@link String#compareTo} differs: it compares UTF-16 units, which puts
 * characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF.
 */
public final class StringOrder {
  private StringOrder() {}

  /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // Both at or above the surrogates: move surrogates above U+E000..U+FFFF, where their
        // code points (U+10000 and up) belong. Below that, UTF-16 order is code point order.
        if (ca >= 0xD800 && cb >= 0xD800) {
          return fixup(ca) - fixup(cb);
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  private static int fixup(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
