package io.quiver.internal.engine;

import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.index.scalar.ScalarIndex;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final AtomicInteger refs = new AtomicInteger(1);

  IndexRef(SegmentIndex index, String kind) {
    this.index = index;
    this.scalar = null;
    this.kind = kind;
  }

  IndexRef(ScalarIndex scalar) {
    this.index = null;
    this.scalar = scalar;
    this.kind = SCALAR_KIND;
  }

  Path file() {
    return index != null ? index.file() : scalar.path();
  }

  boolean retain() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  void release() {
    int r = refs.decrementAndGet();
    if (r == 0) {
      if (index != null) {
        index.close();
      } else {
        scalar.close();
      }
    } else if (r < 0) {
      throw new IllegalStateException("index " + file() + " released too often");
    }
  }
}
