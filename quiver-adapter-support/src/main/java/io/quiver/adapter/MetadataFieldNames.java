package io.quiver.adapter;

import io.quiver.schema.Limits;
import java.util.Set;

/**
 * How metadata keys become Quiver field names, and back. Field names must match {@code
 * [A-Za-z_][A-Za-z0-9_]*}, must not be {@code id} and must not start with {@code __}; metadata keys
 * are any strings. The mapping is one-to-one:
 *
 * <ul>
 *   <li>A <em>plain</em> key, one that starts with an ASCII letter, continues with ASCII letters,
 *       digits and underscores, and is neither {@code id} nor one of the store's own field names
 *       (the text and the embedding field), is its own field name: {@code author} → {@code author}.
 *   <li>Any other key is escaped: {@code _m}, then the key with every character that is not an
 *       ASCII letter or digit written as {@code _}, its Unicode code point in lower-case hex,
 *       {@code _}. So {@code page-number} → {@code _mpage_2d_number}, {@code _private} → {@code
 *       _m_5f_private}, {@code id} → {@code _mid}, {@code größe} → {@code _mgr_f6__df_e}.
 * </ul>
 *
 * Plain keys start with a letter and escaped ones with {@code _m}, and the escape is decodable, so
 * two keys never share a field. The store's own field names must start with a letter, so no key
 * maps onto them. A field name is at most {@link Limits#MAX_FIELD_NAME_LENGTH} characters; a key
 * whose name would be longer is refused.
 */
public final class MetadataFieldNames {
  /** What every escaped field name starts with. */
  public static final String ESCAPE_PREFIX = "_m";

  private final Set<String> ownFields;

  /**
   * The mapping for a store whose own fields (text, embedding) have these names.
   *
   * @throws IllegalArgumentException when an own field name does not start with an ASCII letter or
   *     has characters other than ASCII letters, digits and underscores
   */
  public MetadataFieldNames(Set<String> ownFields) {
    for (String f : ownFields) {
      if (!isPlainName(f) || f.equals("id")) {
        throw new IllegalArgumentException(
            "field name '"
                + f
                + "' must start with an ASCII letter and hold only ASCII letters, digits and"
                + " underscores (names starting with '_' are kept for escaped metadata keys)");
      }
    }
    this.ownFields = Set.copyOf(ownFields);
  }

  /**
   * The field name of a metadata key.
   *
   * @throws IllegalArgumentException when the key is null or its field name would be longer than
   *     {@link Limits#MAX_FIELD_NAME_LENGTH}
   */
  public String fieldName(String key) {
    if (key == null) {
      throw new IllegalArgumentException("a metadata key must not be null");
    }
    String name = encode(key);
    if (name.length() > Limits.MAX_FIELD_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "metadata key '"
              + key
              + "' becomes the field name '"
              + name
              + "' of "
              + name.length()
              + " characters, more than the limit "
              + Limits.MAX_FIELD_NAME_LENGTH);
    }
    return name;
  }

  /** The field name of a metadata key, or null when the key cannot have one (too long). */
  public String fieldNameOrNull(String key) {
    String name = key == null ? null : encode(key);
    return name == null || name.length() > Limits.MAX_FIELD_NAME_LENGTH ? null : name;
  }

  /**
   * The metadata key a field holds, or null when the field is not a metadata field: one of the
   * store's own fields, or a name this mapping never produces (such as {@code _x}).
   */
  public String keyOf(String fieldName) {
    if (ownFields.contains(fieldName)) {
      return null;
    }
    String key = fieldName.startsWith(ESCAPE_PREFIX) ? decode(fieldName) : fieldName;
    return key != null && fieldName.equals(fieldNameOrNull(key)) ? key : null;
  }

  private String encode(String key) {
    if (isPlainName(key) && !key.equals("id") && !ownFields.contains(key)) {
      return key;
    }
    StringBuilder sb = new StringBuilder(ESCAPE_PREFIX.length() + key.length() + 8);
    sb.append(ESCAPE_PREFIX);
    key.codePoints()
        .forEach(
            cp -> {
              if (isAsciiLetter(cp) || (cp >= '0' && cp <= '9')) {
                sb.append((char) cp);
              } else {
                sb.append('_').append(Integer.toHexString(cp)).append('_');
              }
            });
    return sb.toString();
  }

  /** The key of an escaped name, or null when the name is not a well-formed escape. */
  private static String decode(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    int i = ESCAPE_PREFIX.length();
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c != '_') {
        sb.append(c);
        i++;
        continue;
      }
      int end = name.indexOf('_', i + 1);
      if (end < 0 || end == i + 1 || end - i - 1 > 6) {
        return null;
      }
      int cp;
      try {
        cp = Integer.parseInt(name, i + 1, end, 16);
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Character.isValidCodePoint(cp)) {
        return null;
      }
      sb.appendCodePoint(cp);
      i = end + 1;
    }
    return sb.toString();
  }

  private static boolean isPlainName(String s) {
    if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
