package io.quiver.internal.index.hnsw;

/**
 * Renumbers nodes in breadth-first order of the bottom level from the entry point, so that a node's
 * neighbours tend to get nearby numbers and their records sit near each other in the file: a search
 * then touches fewer pages and the hardware prefetcher finds more of what it needs.
 */
final class GraphOrder {
  private GraphOrder() {}

  /** {@code order[newNode] = oldNode}; nodes the walk does not reach keep their relative order. */
  static int[] breadthFirst(OnHeapGraph graph) {
    int n = graph.size;
    int[] order = new int[n];
    if (n == 0) {
      return order;
    }
    boolean[] seen = new boolean[n];
    int[] nbrs = new int[graph.maxConn0];
    int head = 0;
    int tail = 0;
    int entry = graph.entry();
    order[tail++] = entry;
    seen[entry] = true;
    int next = 0;
    while (tail < n) {
      if (head == tail) {
        while (seen[next]) {
          next++;
        }
        seen[next] = true;
        order[tail++] = next;
      }
      int node = order[head++];
      int count = graph.neighbors(node, 0, nbrs);
      for (int i = 0; i < count; i++) {
        int x = nbrs[i];
        if (!seen[x]) {
          seen[x] = true;
          order[tail++] = x;
        }
      }
    }
    return order;
  }

  /** The identity order. */
  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** The inverse permutation: {@code inverse[order[i]] = i}. */
  static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inv[order[i]] = i;
    }
    return inv;
  }
}
