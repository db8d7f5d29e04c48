package io.quiver.embed;

import java.util.Map;
import java.util.Set;

/**
 * Creates embedding functions from their stored name and configuration, so that a reopened
 * collection embeds the same way it did when it was created. Found with {@link
 * java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/io.quiver.embed.EmbeddingProvider} (class path) or with {@code provides} in
 * module-info (module path). It needs a public no-argument constructor.
 */
public interface EmbeddingProvider {

  /** The function names this provider creates, for example {@code all-minilm-l6-v2}. */
  Set<String> names();

  /**
   * A new function with this name (one of {@link #names()}) and configuration, as stored by a
   * function's {@link EmbeddingFunction#name()} and {@link EmbeddingFunction#config()}. The caller
   * closes it.
   *
   * @throws io.quiver.InvalidArgumentException if the configuration is not one this provider
   *     accepts, or what it names (a model file) cannot be found or loaded; the message says which
   */
  EmbeddingFunction create(String name, Map<String, String> config);
}
