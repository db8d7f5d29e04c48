package io.quiver.internal.index.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The graph while it is being built, with the distance to each neighbour kept beside it so that
 * pruning a full list does not recompute them. Nodes are row ordinals. Level 0 holds up to {@code
 * maxConn0} neighbours per node, the upper levels up to {@code m}.
 *
 * <p>Level-0 lists live in native records that also hold the node's build code, {@code [int32
 * count][int32 x maxConn0][code]}, like the records of the file: expanding a node reads a list that
 * sits next to the code scored a moment before, instead of a random place of a separate array.
 * Upper levels, a few percent of the nodes, stay on the heap.
 *
 * <p>Concurrent builds guard each node's lists with a striped lock ({@link #lock}); a single-thread
 * build takes no locks. The entry point is guarded by this object's monitor.
 */
final class OnHeapGraph {
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  final int size;
  final int m;
  final int maxConn0;
  final byte[] levels;
  private final MemorySegment records;
  private final long recordStride;
  private final float[] dists0;
  private final int[][] upperLinks;
  private final float[][] upperDists;
  private final Object[] locks;
  private int entry = -1;
  private int maxLevel = -1;

  OnHeapGraph(
      int size, int m, byte[] levels, boolean concurrent, MemorySegment records, long stride) {
    this.size = size;
    this.m = m;
    this.maxConn0 = 2 * m;
    this.levels = levels;
    this.records = records;
    this.recordStride = stride;
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
    if (level == 0) {
      long rec = node * recordStride;
      int count = records.get(I32, rec);
      MemorySegment.copy(records, I32, rec + 4, out, 0, count);
      if (outDists != null) {
        System.arraycopy(dists0, node * maxConn0, outDists, 0, count);
      }
      return count;
    }
    int[] links = upperLinks[node];
    int at = (level - 1) * (m + 1);
    int count = links[at];
    System.arraycopy(links, at + 1, out, 0, count);
    if (outDists != null) {
      System.arraycopy(upperDists[node], (level - 1) * m, outDists, 0, count);
    }
    return count;
  }

  /** Replaces the list; the caller holds the node's lock (or the build is single-threaded). */
  void setNeighbors(int node, int level, int[] nodes, float[] dists, int count) {
    if (level == 0) {
      long rec = node * recordStride;
      MemorySegment.copy(nodes, 0, records, I32, rec + 4, count);
      System.arraycopy(dists, 0, dists0, node * maxConn0, count);
      records.set(I32, rec, count);
      return;
    }
    int[] links = upperLinks[node];
    int at = (level - 1) * (m + 1);
    System.arraycopy(nodes, 0, links, at + 1, count);
    System.arraycopy(dists, 0, upperDists[node], (level - 1) * m, count);
    links[at] = count;
  }

  /**
   * Appends one neighbour if there is room; returns false when the list is full. The caller holds
   * the node's lock (or the build is single-threaded).
   */
  boolean tryAppend(int node, int level, int neighbor, float dist) {
    if (level == 0) {
      long rec = node * recordStride;
      int count = records.get(I32, rec);
      if (count >= maxConn0) {
        return false;
      }
      records.set(I32, rec + 4 + 4L * count, neighbor);
      dists0[node * maxConn0 + count] = dist;
      records.set(I32, rec, count + 1);
      return true;
    }
    int[] links = upperLinks[node];
    int at = (level - 1) * (m + 1);
    int count = links[at];
    if (count >= m) {
      return false;
    }
    links[at + 1 + count] = neighbor;
    upperDists[node][(level - 1) * m + count] = dist;
    links[at] = count + 1;
    return true;
  }
}
