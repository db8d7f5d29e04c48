package io.quiver.internal.index.hnsw;

/**
 * The graph while it is being built: neighbour lists on the heap, with the distance to each
 * neighbour kept beside it so that pruning a full list does not recompute them. Nodes are row
 * ordinals. Level 0 holds up to {@code maxConn0} neighbours per node, the upper levels up to {@code
 * m}.
 *
 * <p>Concurrent builds guard each node's lists with a striped lock ({@link #lock}); a single-thread
 * build takes no locks. The entry point is guarded by this object's monitor.
 */
final class OnHeapGraph {
  final int size;
  final int m;
  final int maxConn0;
  final byte[] levels;
  private final int[] links0;
  private final float[] dists0;
  private final int[][] upperLinks;
  private final float[][] upperDists;
  private final Object[] locks;
  private int entry = -1;
  private int maxLevel = -1;

  OnHeapGraph(int size, int m, byte[] levels, boolean concurrent) {
    this.size = size;
    this.m = m;
    this.maxConn0 = 2 * m;
    this.levels = levels;
    this.links0 = new int[size * (maxConn0 + 1)];
    this.dists0 = new float[size * maxConn0];
    this.upperLinks = new int[size][];
    this.upperDists = new float[size][];
    for (int i = 0; i < size; i++) {
      if (levels[i] > 0) {
        upperLinks[i] = new int[levels[i] * (m + 1)];
        upperDists[i] = new float[levels[i] * m];
      }
    }
    if (concurrent) {
      int stripes = Integer.highestOneBit(Math.max(1, Math.min(size, 1 << 14)) * 2 - 1);
      locks = new Object[stripes];
      for (int i = 0; i < stripes; i++) {
        locks[i] = new Object();
      }
    } else {
      locks = null;
    }
  }

  /** The lock guarding {@code node}'s lists, or null when the build is single-threaded. */
  Object lock(int node) {
    return locks == null ? null : locks[node & (locks.length - 1)];
  }

  /** Capacity of a list at {@code level}. */
  int capacity(int level) {
    return level == 0 ? maxConn0 : m;
  }

  synchronized int entry() {
    return entry;
  }

  synchronized int maxLevel() {
    return maxLevel;
  }

  synchronized void setEntry(int node, int level) {
    entry = node;
    maxLevel = level;
  }

  /** Copies the neighbours of {@code node} at {@code level} into {@code out}; returns the count. */
  int neighbors(int node, int level, int[] out) {
    Object lock = lock(node);
    if (lock == null) {
      return copyNeighbors(node, level, out, null);
    }
    synchronized (lock) {
      return copyNeighbors(node, level, out, null);
    }
  }

  /**
   * Copies neighbours and their distances; the caller holds the node's lock (or the build is
   * single-threaded).
   */
  int copyNeighbors(int node, int level, int[] out, float[] outDists) {
    int[] links;
    int at;
    float[] dists;
    int dat;
    if (level == 0) {
      links = links0;
      at = node * (maxConn0 + 1);
      dists = dists0;
      dat = node * maxConn0;
    } else {
      links = upperLinks[node];
      at = (level - 1) * (m + 1);
      dists = upperDists[node];
      dat = (level - 1) * m;
    }
    int count = links[at];
    System.arraycopy(links, at + 1, out, 0, count);
    if (outDists != null) {
      System.arraycopy(dists, dat, outDists, 0, count);
    }
    return count;
  }

  /** Replaces the list; the caller holds the node's lock (or the build is single-threaded). */
  void setNeighbors(int node, int level, int[] nodes, float[] dists, int count) {
    int[] links;
    int at;
    float[] ds;
    int dat;
    if (level == 0) {
      links = links0;
      at = node * (maxConn0 + 1);
      ds = dists0;
      dat = node * maxConn0;
    } else {
      links = upperLinks[node];
      at = (level - 1) * (m + 1);
      ds = upperDists[node];
      dat = (level - 1) * m;
    }
    System.arraycopy(nodes, 0, links, at + 1, count);
    System.arraycopy(dists, 0, ds, dat, count);
    links[at] = count;
  }

  /**
   * Appends one neighbour if there is room; returns false when the list is full. The caller holds
   * the node's lock (or the build is single-threaded).
   */
  boolean tryAppend(int node, int level, int neighbor, float dist) {
    int[] links;
    int at;
    float[] ds;
    int dat;
    if (level == 0) {
      links = links0;
      at = node * (maxConn0 + 1);
      ds = dists0;
      dat = node * maxConn0;
    } else {
      links = upperLinks[node];
      at = (level - 1) * (m + 1);
      ds = upperDists[node];
      dat = (level - 1) * m;
    }
    int count = links[at];
    if (count >= capacity(level)) {
      return false;
    }
    links[at + 1 + count] = neighbor;
    ds[dat + count] = dist;
    links[at] = count + 1;
    return true;
  }
}
