package io.quiver.bench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of Quiver and the peers this jar was built with (from Maven resource filtering). */
public final class Versions {
  private static final Properties PROPS = load();

  private Versions() {}

  /** The version of {@code lucene}, {@code jvector}, {@code hnswlib} or {@code quiver}. */
  public static String of(String engine) {
    return PROPS.getProperty(engine, "unknown");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in =
        Versions.class.getResourceAsStream("/io/quiver/bench/versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
