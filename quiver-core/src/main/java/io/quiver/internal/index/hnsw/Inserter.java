package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.LongHeap;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.VisitedSet;
import io.quiver.internal.index.quant.CodeScorer;
import io.quiver.internal.index.quant.PairDistance;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inserts nodes into an {@link OnHeapGraph}, one at a time, as in the HNSW paper: greedy descent
 * through the levels above the node's own, then on each of its levels a beam search of width {@code
 * efConstruction}, a diverse choice of neighbours (the paper's heuristic, algorithm 4) and
 * back-links, pruning lists that overflow with the same heuristic. One instance per building
 * thread: it owns the scratch state; the graph is shared.
 */
final class Inserter {
  private final OnHeapGraph graph;
  private final VectorSource raw;
  private final CodeScorer scorer;
  private final PairDistance pairs;
  private final ReentrantLock growLock;
  private final int efConstruction;
  private final int selectCount;

  private final VisitedSet visited;
  private final LongHeap candidates;
  private final LongHeap results;
  private final float[] vector;
  private final int[] neighbors;
  private final int[] pending;
  private final float[] pendingDist;
  // Results of the last layer search, nearest first; also the entry points of the next layer.
  private int[] found;
  private float[] foundDist;
  private int foundCount;
  private final int[] selected;
  private final float[] selectedDist;
  private final int[] pruneNodes;
  private final float[] pruneDist;

  Inserter(
      OnHeapGraph graph,
      VectorSource raw,
      CodeScorer scorer,
      PairDistance pairs,
      ReentrantLock growLock,
      int efConstruction,
      int selectCount) {
    this.graph = graph;
    this.raw = raw;
    this.scorer = scorer;
    this.pairs = pairs;
    this.growLock = growLock;
    this.efConstruction = efConstruction;
    this.selectCount = selectCount;
    int cap = graph.maxConn0;
    this.visited = new VisitedSet(graph.size);
    this.candidates = new LongHeap(efConstruction * 4);
    this.results = new LongHeap(efConstruction + 1);
    this.vector = new float[raw.dimension()];
    this.neighbors = new int[cap];
    this.pending = new int[cap];
    this.pendingDist = new float[cap];
    this.found = new int[efConstruction + 1];
    this.foundDist = new float[efConstruction + 1];
    this.selected = new int[cap + 1];
    this.selectedDist = new float[cap + 1];
    this.pruneNodes = new int[cap + 1];
    this.pruneDist = new float[cap + 1];
  }

  /** Adds {@code node} (its level already drawn) to the graph. */
  void insert(int node) {
    int level = graph.levels[node];
    raw.readRow(node, vector);
    scorer.setQuery(vector);
    // Like hnswlib: a node that raises the top level holds the lock until it is linked, so that
    // no thread starts from an entry point that has no links yet.
    growLock.lock();
    boolean holding = true;
    try {
      int top = graph.maxLevel();
      int entry = graph.entry();
      if (entry < 0) {
        graph.setEntry(node, level);
        return;
      }
      if (level <= top) {
        growLock.unlock();
        holding = false;
      }
      int cur = entry;
      float curDist = scorer.distance(cur);
      for (int l = top; l > level; l--) {
        long best = greedy(cur, curDist, l);
        cur = LongHeap.node(best);
        curDist = LongHeap.distance(best);
      }
      found[0] = cur;
      foundDist[0] = curDist;
      foundCount = 1;
      for (int l = Math.min(level, top); l >= 0; l--) {
        searchLayer(l);
        int count =
            selectDiverse(found, foundDist, foundCount, selectCount, selected, selectedDist);
        link(node, l, count);
      }
      if (level > top) {
        graph.setEntry(node, level);
      }
    } finally {
      if (holding) {
        growLock.unlock();
      }
    }
  }

  /** Greedy walk at {@code level}: returns the nearest node found, packed with its distance. */
  private long greedy(int start, float startDist, int level) {
    int cur = start;
    float curDist = startDist;
    boolean moved = true;
    while (moved) {
      moved = false;
      int count = graph.neighbors(cur, level, neighbors);
      scorer.distances(neighbors, count, pendingDist);
      for (int i = 0; i < count; i++) {
        if (pendingDist[i] < curDist) {
          curDist = pendingDist[i];
          cur = neighbors[i];
          moved = true;
        }
      }
    }
    return LongHeap.encode(curDist, cur);
  }

  /** Beam search at {@code level} from the {@code found} nodes; leaves its results in found. */
  private void searchLayer(int level) {
    visited.clear();
    candidates.clear();
    results.clear();
    int ef = efConstruction;
    for (int i = 0; i < foundCount; i++) {
      int n = found[i];
      visited.visit(n);
      long key = LongHeap.encode(foundDist[i], n);
      candidates.push(key);
      results.push(~key);
    }
    while (results.size() > ef) {
      results.pop();
    }
    float worst = LongHeap.distance(~results.peek());
    while (!candidates.isEmpty()) {
      long c = candidates.pop();
      if (LongHeap.distance(c) > worst && results.size() >= ef) {
        break;
      }
      int count = graph.neighbors(LongHeap.node(c), level, neighbors);
      int p = 0;
      for (int i = 0; i < count; i++) {
        int nb = neighbors[i];
        if (visited.visit(nb)) {
          pending[p++] = nb;
        }
      }
      scorer.distances(pending, p, pendingDist);
      for (int i = 0; i < p; i++) {
        float d = pendingDist[i];
        if (d < worst || results.size() < ef) {
          long key = LongHeap.encode(d, pending[i]);
          candidates.push(key);
          results.pushBounded(~key, ef);
          worst = LongHeap.distance(~results.peek());
        }
      }
    }
    int n = results.size();
    foundCount = n;
    for (int i = n - 1; i >= 0; i--) {
      long key = ~results.pop();
      found[i] = LongHeap.node(key);
      foundDist[i] = LongHeap.distance(key);
    }
  }

  /**
   * The HNSW heuristic: walking the candidates nearest first, keep one only if it is closer to the
   * base node than to every neighbour kept so far, so the list points in diverse directions.
   * Candidates must be sorted by distance; returns the number kept.
   */
  private int selectDiverse(
      int[] nodes, float[] dists, int count, int max, int[] out, float[] outDist) {
    if (count <= max) {
      System.arraycopy(nodes, 0, out, 0, count);
      System.arraycopy(dists, 0, outDist, 0, count);
      return count;
    }
    int kept = 0;
    for (int i = 0; i < count && kept < max; i++) {
      int c = nodes[i];
      float d = dists[i];
      boolean diverse = true;
      for (int j = 0; j < kept; j++) {
        if (pairs.between(c, out[j]) < d) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        out[kept] = c;
        outDist[kept] = d;
        kept++;
      }
    }
    return kept;
  }

  /** Gives {@code node} its selected neighbours at {@code level} and links them back. */
  private void link(int node, int level, int count) {
    Object lock = graph.lock(node);
    if (lock == null) {
      graph.setNeighbors(node, level, selected, selectedDist, count);
    } else {
      synchronized (lock) {
        graph.setNeighbors(node, level, selected, selectedDist, count);
      }
    }
    for (int i = 0; i < count; i++) {
      int e = selected[i];
      float d = selectedDist[i];
      Object el = graph.lock(e);
      if (el == null) {
        addBackLink(e, node, d, level);
      } else {
        synchronized (el) {
          addBackLink(e, node, d, level);
        }
      }
    }
  }

  private void addBackLink(int e, int node, float d, int level) {
    if (graph.tryAppend(e, level, node, d)) {
      return;
    }
    int[] nodes = pruneNodes;
    float[] dists = pruneDist;
    int count = graph.copyNeighbors(e, level, nodes, dists);
    // The heuristic wants the candidates nearest first.
    nodes[count] = node;
    dists[count] = d;
    count++;
    HnswSearcher.sortByDistance(nodes, dists, count);
    int kept = selectDiverse(nodes, dists, count, graph.capacity(level), pending, pendingDist);
    graph.setNeighbors(e, level, pending, pendingDist, kept);
  }
}
