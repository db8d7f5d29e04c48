package io.quiver.internal.index;

import java.util.Arrays;

/**
 * A binary min-heap of {@code long}s that grows as needed: the candidate and result queues of graph
 * search. Search packs a distance and a node into one long ({@link #encode}) so that comparing the
 * longs compares distances first and breaks ties by node, with no objects and no comparator calls.
 * A max-heap is the same heap over the bitwise complement ({@code ~key}) of the keys.
 */
public final class LongHeap {
  private long[] heap;
  private int size;

  /** An empty heap with room for {@code initialCapacity} keys before growing. */
  public LongHeap(int initialCapacity) {
    heap = new long[Math.max(2, initialCapacity + 1)];
  }

  /**
   * Packs a distance and a node into a key whose signed order is the order of the distances, then
   * of the nodes.
   */
  public static long encode(float distance, int node) {
    int bits = Float.floatToRawIntBits(distance);
    // Flip the magnitude bits of negative floats so that the int order matches the float order.
    bits ^= (bits >> 31) & 0x7fffffff;
    return ((long) bits << 32) | (node & 0xffffffffL);
  }

  /** The distance packed in {@code key}. */
  public static float distance(long key) {
    int bits = (int) (key >> 32);
    bits ^= (bits >> 31) & 0x7fffffff;
    return Float.intBitsToFloat(bits);
  }

  /** The node packed in {@code key}. */
  public static int node(long key) {
    return (int) key;
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  /** True when there are no keys. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes every key, keeping the storage. */
  public void clear() {
    size = 0;
  }

  /** The smallest key; the heap must not be empty. */
  public long peek() {
    return heap[1];
  }

  /** Adds a key. */
  public void push(long key) {
    int i = ++size;
    if (i == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    long[] h = heap;
    while (i > 1) {
      int parent = i >>> 1;
      long p = h[parent];
      if (key >= p) {
        break;
      }
      h[i] = p;
      i = parent;
    }
    h[i] = key;
  }

  /**
   * Adds a key to a heap kept to at most {@code capacity} keys: pushes it while there is room,
   * otherwise it replaces the smallest key (the caller has checked that it belongs).
   */
  public void pushBounded(long key, int capacity) {
    if (size < capacity) {
      push(key);
    } else {
      replaceTop(key);
    }
  }

  /** Removes and returns the smallest key; the heap must not be empty. */
  public long pop() {
    long top = heap[1];
    // The last key, sifted down from the root of the heap one shorter.
    replaceTop(heap[size--]);
    return top;
  }

  /**
   * Replaces the smallest key by {@code key} (cheaper than pop then push); the heap must not be
   * empty.
   */
  public void replaceTop(long key) {
    long[] h = heap;
    int n = size;
    int i = 1;
    int child;
    while ((child = i << 1) <= n) {
      long c = h[child];
      if (child < n && h[child + 1] < c) {
        c = h[++child];
      }
      if (key <= c) {
        break;
      }
      h[i] = c;
      i = child;
    }
    h[i] = key;
  }
}
