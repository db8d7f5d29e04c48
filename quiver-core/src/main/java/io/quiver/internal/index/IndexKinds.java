package io.quiver.internal.index;

import io.quiver.internal.index.hnsw.HnswKind;
import io.quiver.internal.index.ivf.IvfKind;
import io.quiver.schema.VectorField;
import java.util.List;

/** The index kinds this build knows. */
public final class IndexKinds {
  private static final List<IndexKind> KINDS = List.of(new HnswKind(), new IvfKind());

  private IndexKinds() {}

  /**
   * The kind that builds {@code field}'s index, or null when the field is searched exactly (FLAT,
   * or an index this build cannot make for its type).
   */
  public static IndexKind forField(VectorField field) {
    for (IndexKind k : KINDS) {
      if (k.handles(field)) {
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
