package io.quiver.internal.query.filter;

/**
 * Which of {@code k} wanted values a {@code CONTAIN_ALL} scan has seen, each value named by its
 * index. Per row and short-lived: for k up to 64 it is one long, and escape analysis keeps the
 * object itself off the heap.
 */
final class WantedMarks {
  private final int k;
  private final long full;
  private long bits;
  private boolean[] seen;
  private int count;

  WantedMarks(int k, int arrayLength) {
    this.k = k;
    this.full = k >= 64 ? -1L : (1L << k) - 1;
    // Fewer elements than distinct wanted values can never hold them all; skip the scratch.
    if (k > 64 && arrayLength >= k) {
      seen = new boolean[k];
    }
  }

  void mark(int index) {
    if (index < 0) {
      return;
    }
    if (k <= 64) {
      bits |= 1L << index;
    } else if (seen != null && !seen[index]) {
      seen[index] = true;
      count++;
    }
  }

  boolean done() {
    return k <= 64 ? bits == full : count == k;
  }
}
