package io.quiver.bench.engine;

import java.util.List;
import java.util.Locale;

/** The engines of {@code --engine}, by name. */
public final class Engines {
  private Engines() {}

  /** The names {@link #create} accepts. */
  public static final List<String> NAMES = List.of("quiver", "lucene", "jvector", "hnswlib");

  /**
   * A new engine for this setup.
   *
   * @throws UnsupportedSetupException if the engine cannot run the setup
   * @throws IllegalArgumentException if the name is unknown
   */
  public static AnnEngine create(String name, AnnConfig config) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quiver" -> new QuiverEngine(config);
      case "lucene" -> new LuceneEngine(config);
      case "jvector" -> new JVectorEngine(config);
      case "hnswlib" -> new HnswlibEngine(config);
      default -> throw new IllegalArgumentException("engine '" + name + "' is not one of " + NAMES);
    };
  }
}
