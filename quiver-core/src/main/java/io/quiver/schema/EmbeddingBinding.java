package io.quiver.schema;

import io.quiver.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds a vector field to a text field and an embedding function: a write that carries the text but
 * not the vector gets the vector computed from the text, and a text query on the field is embedded
 * the same way. It is stored in the schema, so a reopened collection finds the same function (by
 * {@code function} name, through an {@code io.quiver.embed.EmbeddingProvider}) and embeds the same
 * way.
 *
 * <p>Usually made by {@code EmbeddingFunction.bind(sourceField)} rather than by hand.
 *
 * @param sourceField the {@link DataType#STRING} field whose text is embedded
 * @param function the function's stored name, for example {@code "all-minilm-l6-v2"}
 * @param config what the provider needs to recreate the same function (copied, sorted by key)
 */
public record EmbeddingBinding(String sourceField, String function, Map<String, String> config) {

  /** Longest function name, and longest configuration key or value, in characters. */
  public static final int MAX_TEXT_LENGTH = 4096;

  /** Most configuration entries. */
  public static final int MAX_CONFIG_ENTRIES = 64;

  /** Checks the names and copies the configuration. */
  public EmbeddingBinding {
    FieldSpec.checkName(sourceField);
    if (function == null || function.isBlank() || function.length() > MAX_TEXT_LENGTH) {
      throw new InvalidArgumentException(
          "embedding function name '" + function + "' must have 1.." + MAX_TEXT_LENGTH + " chars");
    }
    if (config == null) {
      config = Map.of();
    }
    if (config.size() > MAX_CONFIG_ENTRIES) {
      throw new InvalidArgumentException(
          "embedding function '"
              + function
              + "' has "
              + config.size()
              + " configuration entries, more than the limit "
              + MAX_CONFIG_ENTRIES);
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    config.forEach(
        (k, v) -> {
          if (k == null || v == null || k.length() > MAX_TEXT_LENGTH) {
            throw new InvalidArgumentException(
                "embedding function '"
                    + function
                    + "': configuration entry "
                    + k
                    + "="
                    + v
                    + " needs a key of 1.."
                    + MAX_TEXT_LENGTH
                    + " chars and a non-null value");
          }
          if (v.length() > MAX_TEXT_LENGTH) {
            throw new InvalidArgumentException(
                "embedding function '"
                    + function
                    + "': configuration value of '"
                    + k
                    + "' is longer than "
                    + MAX_TEXT_LENGTH
                    + " chars");
          }
          sorted.put(k, v);
        });
    // A sorted copy: two bindings with the same entries are equal and serialize identically.
    config = Collections.unmodifiableMap(sorted);
  }

  /** This binding reading its text from another field (used when that field is renamed). */
  public EmbeddingBinding withSourceField(String newSourceField) {
    return new EmbeddingBinding(newSourceField, function, config);
  }

  /** The function and its configuration, as error messages quote them. */
  public String describeFunction() {
    return "'" + function + "'" + (config.isEmpty() ? "" : " " + config);
  }
}
