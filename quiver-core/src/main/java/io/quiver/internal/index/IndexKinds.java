package io.quiver.internal.index;

import io.quiver.schema.VectorIndex;
import java.util.List;

/** The index kinds this build knows. */
public final class IndexKinds {
  private static final List<IndexKind> KINDS = List.of();

  private IndexKinds() {}

  /** The kind that builds {@code spec}, or null for exact search (FLAT) or a kind not built yet. */
  public static IndexKind forSpec(VectorIndex spec) {
    for (IndexKind k : KINDS) {
      if (k.handles(spec)) {
        return k;
      }
    }
    return null;
  }

  /** The kind named {@code name}, or null. */
  public static IndexKind named(String name) {
    for (IndexKind k : KINDS) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
