package io.quiver.internal.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that starts at one (the creator's reference) and runs an action when the last
 * reference is dropped. {@link #retain()} fails once the count has reached zero, so an object being
 * released cannot be picked up again.
 */
public final class RefCount {
  private final AtomicInteger refs = new AtomicInteger(1);
  private final Runnable onZero;
  private final String what;

  /** A count for {@code what} (named in errors) that runs {@code onZero} when it reaches zero. */
  public RefCount(String what, Runnable onZero) {
    this.what = what;
    this.onZero = onZero;
  }

  /** Takes a reference; false if the count already reached zero. */
  public boolean retain() {
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

  /** Drops a reference; the last one runs the action. */
  public void release() {
    int r = refs.decrementAndGet();
    if (r == 0) {
      onZero.run();
    } else if (r < 0) {
      throw new IllegalStateException(what + " released too often");
    }
  }

  /** Whether every reference was dropped. */
  public boolean isZero() {
    return refs.get() <= 0;
  }
}
