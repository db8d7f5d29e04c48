package io.quiver.internal.engine;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.schema.Schema;
import java.nio.file.Path;

/** Placeholder while the engine is written. */
public final class LocalCollection {
  private LocalCollection() {}

  public static Collection create(Path dir, Schema schema, CollectionOptions options) {
    throw new UnsupportedOperationException("engine under construction");
  }

  public static Collection open(Path dir, CollectionOptions options) {
    throw new UnsupportedOperationException("engine under construction");
  }

  public static boolean isCollection(Path dir) {
    return false;
  }
}
