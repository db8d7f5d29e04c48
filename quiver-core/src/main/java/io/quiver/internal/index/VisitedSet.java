package io.quiver.internal.index;

/**
 * The nodes one search has reached: a bit set over 0..n-1 that remembers which words it dirtied, so
 * that clearing it for the next search costs the nodes visited, not n. Reused by one thread for
 * many searches; not thread-safe.
 */
public final class VisitedSet {
  private final long[] words;
  private final int[] dirty;
  private int dirtyCount;

  /** A set over nodes 0..{@code n}-1. */
  public VisitedSet(int n) {
    words = new long[Math.max(1, (n + 63) >>> 6)];
    dirty = new int[words.length];
  }

  /** Number of nodes this set covers, rounded up to a multiple of 64. */
  public int capacity() {
    return words.length << 6;
  }

  /** Marks {@code node}; returns true if it was not marked before. */
  public boolean visit(int node) {
    int w = node >>> 6;
    long bit = 1L << node;
    long old = words[w];
    if ((old & bit) != 0) {
      return false;
    }
    if (old == 0) {
      dirty[dirtyCount++] = w;
    }
    words[w] = old | bit;
    return true;
  }

  /** True if {@code node} is marked. */
  public boolean contains(int node) {
    return (words[node >>> 6] & (1L << node)) != 0;
  }

  /** Unmarks every node. */
  public void clear() {
    if (dirtyCount > words.length >>> 3) {
      java.util.Arrays.fill(words, 0L);
    } else {
      for (int i = 0; i < dirtyCount; i++) {
        words[dirty[i]] = 0L;
      }
    }
    dirtyCount = 0;
  }
}
