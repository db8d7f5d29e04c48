package io.quiver.internal.engine;

import io.quiver.internal.index.SegmentIndex;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference-counted opened index: every view listing it holds a reference, and the index is
 * closed when the last one is released (as segments are).
 */
final class IndexRef {
  final SegmentIndex index;
  final String kind;
  private final AtomicInteger refs = new AtomicInteger(1);

  IndexRef(SegmentIndex index, String kind) {
    this.index = index;
    this.kind = kind;
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
      index.close();
    } else if (r < 0) {
      throw new IllegalStateException("index " + index.file() + " released too often");
    }
  }
}
