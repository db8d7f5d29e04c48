package io.quiver.query.filter;

import io.quiver.InvalidArgumentException;
import java.util.List;

/**
 * {@code field CONTAIN_ANY (v1, ...)} or {@code field CONTAIN_ALL (v1, ...)}: whether an {@code
 * ARRAY_} field holds at least one, or every one, of the values. An empty array contains nothing,
 * so it matches neither; a null array is unknown and matches neither, even under {@code NOT}.
 *
 * @param field an {@code ARRAY_} field name
 * @param match {@link Match#ANY} or {@link Match#ALL}
 * @param values the values, at least one, of the array's element type
 */
public record ArrayContains(String field, Match match, List<Literal> values) implements Filter {

  /** Whether one of the values suffices or all are needed. */
  public enum Match {
    /** {@code CONTAIN_ANY}: the array holds at least one of the values. */
    ANY("CONTAIN_ANY"),
    /** {@code CONTAIN_ALL}: the array holds every one of the values. */
    ALL("CONTAIN_ALL");

    private final String keyword;

    Match(String keyword) {
      this.keyword = keyword;
    }

    /** The keyword, {@code CONTAIN_ANY} or {@code CONTAIN_ALL}. */
    public String keyword() {
      return keyword;
    }
  }

  /** Checks the field name and copies the values, which must not be empty. */
  public ArrayContains {
    FieldNames.check(field);
    if (match == null) {
      throw new InvalidArgumentException("array condition on '" + field + "' needs ANY or ALL");
    }
    if (values == null || values.isEmpty()) {
      throw new InvalidArgumentException(
          match.keyword() + " on '" + field + "' needs at least one value");
    }
    values = List.copyOf(values);
  }

  /** The canonical text, for example {@code tags CONTAIN_ANY ('a', 'b')}. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
