package io.quiver.internal.engine;

import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.store.RefCount;

/**
 * A reference-counted opened index: every view listing it holds a reference, and the index is
 * closed when the last one is released (as segments are).
 */
final class IndexRef {
  final SegmentIndex index;
  final String kind;
  private final RefCount refs;

  IndexRef(SegmentIndex index, String kind) {
    this.index = index;
    this.kind = kind;
    this.refs = new RefCount("index " + index.file(), index::close);
  }

  boolean retain() {
    return refs.retain();
  }

  void release() {
    refs.release();
  }
}
