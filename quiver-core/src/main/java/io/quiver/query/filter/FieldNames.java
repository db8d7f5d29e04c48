package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Limits;
import java.util.Locale;
import java.util.Set;

/** The rules for field names in filters: the schema's rule, plus quoting of keywords. */
final class FieldNames {
  /** The pseudo-field naming the document id; the schema reserves it, so it never clashes. */
  static final String ID = "id";

  /**
   * Words that are keywords of the language. A field with such a name is written in double quotes
   * ({@code "order"} is not needed, {@code "not"} is), which is why the printer quotes them.
   */
  private static final Set<String> KEYWORDS =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "IN",
          "LIKE",
          "IS",
          "NULL",
          "TRUE",
          "FALSE",
          "CONTAIN_ANY",
          "CONTAIN_ALL",
          "ARRAY_LENGTH");

  private FieldNames() {}

  /** Fails unless {@code name} could name a schema field or the document id. */
  static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArgumentException("a filter field name must not be empty");
    }
    if (name.length() > Limits.MAX_FIELD_NAME_LENGTH) {
      throw new InvalidArgumentException(
          "filter field name '"
              + name
              + "' has "
              + name.length()
              + " characters, more than the limit "
              + Limits.MAX_FIELD_NAME_LENGTH);
    }
    if (!FieldSpec.NAME_RULE.matcher(name).matches()) {
      throw new InvalidArgumentException(
          "filter field name '" + name + "' must match " + FieldSpec.NAME_RULE.pattern());
    }
    return name;
  }

  /** Whether the word, in any case, is a keyword of the language. */
  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** The name as the filter language writes it: bare, or in double quotes when a keyword. */
  static String quote(String name) {
    return isKeyword(name) ? '"' + name + '"' : name;
  }
}
