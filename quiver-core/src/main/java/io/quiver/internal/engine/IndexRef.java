package io.quiver.internal.engine;

import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.store.RefCount;
import java.nio.file.Path;

/**
 * A reference-counted opened index of one field of a segment: a vector index ({@link #index}) or a
 * scalar field's inverted index ({@link #scalar}). Every view listing it holds a reference, and the
 * index is closed when the last one is released (as segments are).
 */
final class IndexRef {
  /** The kind of scalar indexes in manifests ({@code SegmentInfo.IndexFile#kind}). */
  static final String SCALAR_KIND = "scalar";

  /** The vector index, or null for a scalar index. */
  final SegmentIndex index;

  /** The scalar index, or null for a vector index. */
  final ScalarIndex scalar;

  final String kind;
  private final RefCount refs;

  IndexRef(SegmentIndex index, String kind) {
    this.index = index;
    this.scalar = null;
    this.kind = kind;
    this.refs = new RefCount("index " + index.file(), index::close);
  }

  IndexRef(ScalarIndex scalar) {
    this.index = null;
    this.scalar = scalar;
    this.kind = SCALAR_KIND;
    this.refs = new RefCount("index " + scalar.path(), scalar::close);
  }

  Path file() {
    return index != null ? index.file() : scalar.path();
  }

  boolean retain() {
    return refs.retain();
  }

  void release() {
    refs.release();
  }
}
