package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.Distances;
import io.quiver.internal.index.LongHeap;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VisitedSet;
import io.quiver.internal.index.quant.CodeScorer;
import io.quiver.internal.index.quant.RawCodes;
import io.quiver.internal.index.quant.ScalarCodes;
import java.lang.foreign.MemorySegment;
import java.util.function.IntPredicate;

/**
 * Searches one {@link HnswIndex}: greedy descent through the upper levels, then a beam search of
 * width ef on level 0 over the traversal codes, then re-ranking of the best candidates with the raw
 * vectors. Holds the per-thread state (visited set, heaps, prepared query) so that the search loop
 * allocates nothing; reuse one per thread, never share one between threads.
 *
 * <p>Rows the accept predicate rejects (deleted or filtered out) are traversed like any other, so
 * that the graph stays connected, but never enter the results: candidates are checked as they are
 * found. For selective filters {@link #search(float[], int, int, int, IntPredicate, boolean)} can
 * instead traverse only accepted nodes, reaching past a rejected neighbour to its own neighbours
 * (two hops, as ACORN-1 does), so that no distance is computed for a rejected node and the walk
 * does not get stuck where accepted nodes are sparse.
 */
public final class HnswSearcher {
  /** ef used when the caller gives 0. */
  public static final int DEFAULT_EF = 100;

  private final HnswIndex index;
  private final MemorySegment data;
  private final CodeScorer scorer;
  private final CodeScorer exact;
  private final boolean needsRefine;
  private final boolean lossless;
  private final int defaultRefine;
  private final VisitedSet visited;
  private final LongHeap candidates = new LongHeap(256);
  private final LongHeap results = new LongHeap(256);
  private final int[] pending;
  private final float[] pendingDist;
  private final int[] explore;
  private int[] found = new int[64];
  private float[] foundDist = new float[64];
  private long scored;

  HnswSearcher(HnswIndex index) {
    this.index = index;
    this.data = index.data;
    long codeBase = index.level0Offset + index.codeOffset;
    this.needsRefine = !index.codes.exact();
    // Lossless codes give the raw distances already: the final hits are re-scored from the codes
    // (precisely), never from the raw vectors, which would cost a random fetch per hit.
    this.lossless = index.codes instanceof ScalarCodes sq && sq.lossless();
    if (lossless) {
      this.exact = ((ScalarCodes) index.codes).preciseScorer(data, codeBase, index.stride);
    } else {
      this.exact =
          new RawCodes(index.metric, index.dimension).scorer(index.raw, data, index.rowMapOffset);
    }
    this.scorer =
        index.codes instanceof RawCodes ? exact : index.codes.scorer(data, codeBase, index.stride);
    this.defaultRefine =
        switch (index.codes.quantization()) {
          case INT8 -> 2;
          case INT4 -> 4;
          case PQ -> 4;
          // One bit per dimension estimates too coarsely to trust a short list: every candidate
          // the beam kept is re-scored.
          case RABITQ -> Integer.MAX_VALUE / 2;
          default -> 1;
        };
    this.visited = new VisitedSet(index.size);
    this.pending = new int[index.maxConn0];
    this.pendingDist = new float[index.maxConn0];
    this.explore = new int[index.maxConn0];
  }

  /** Number of codes scored by this searcher so far (for tuning). */
  public long scoredCount() {
    return scored;
  }

  /**
   * The {@code k} nearest accepted rows to {@code query}.
   *
   * @param query the query vector, of the index's dimension
   * @param k number of hits wanted
   * @param ef beam width on level 0; at least {@code k} is used; 0 means {@link #DEFAULT_EF}
   * @param refineFactor re-rank {@code refineFactor * k} candidates with the raw vectors; 0 uses
   *     the quantization's default; ignored for unquantized indexes
   * @param accept rows that may be returned, or null for all
   * @return at most {@code k} hits, best first, with exact scores in the metric's convention
   */
  public TopHits search(float[] query, int k, int ef, int refineFactor, IntPredicate accept) {
    return search(query, k, ef, refineFactor, accept, false);
  }

  /**
   * {@link #search(float[], int, int, int, IntPredicate)}, optionally traversing two hops past
   * rejected nodes instead of through them.
   *
   * @param twoHop with a predicate: score and traverse only accepted nodes, reaching the accepted
   *     neighbours of rejected neighbours; for filters that accept a small share of the rows
   */
  public TopHits search(
      float[] query, int k, int ef, int refineFactor, IntPredicate accept, boolean twoHop) {
    if (query.length != index.dimension) {
      throw new IllegalArgumentException(
          "query dimension " + query.length + " != " + index.dimension);
    }
    if (index.size == 0 || k <= 0) {
      return TopHits.EMPTY;
    }
    int width = Math.max(k, ef == 0 ? DEFAULT_EF : ef);
    scorer.setQuery(query);
    int cur = index.entry;
    float curDist = scorer.distance(cur);
    scored++;
    for (int l = index.levelCount - 1; l >= 1; l--) {
      long best = greedy(cur, curDist, l);
      cur = LongHeap.node(best);
      curDist = LongHeap.distance(best);
    }
    int n =
        twoHop && accept != null
            ? searchLevel0TwoHop(cur, curDist, width, accept)
            : searchLevel0(cur, curDist, width, accept);
    if (n == 0) {
      return TopHits.EMPTY;
    }
    if (!needsRefine) {
      return hits(n, k);
    }
    int factor = lossless ? 1 : refineFactor == 0 ? defaultRefine : refineFactor;
    int r = (int) Math.min(n, Math.max(k, (long) k * factor));
    if (exact != scorer) {
      exact.setQuery(query);
    }
    exact.distances(found, r, foundDist);
    sortByDistance(found, foundDist, r);
    return hits(r, k);
  }

  private TopHits hits(int n, int k) {
    int c = Math.min(n, k);
    int[] rows = new int[c];
    float[] scores = new float[c];
    for (int i = 0; i < c; i++) {
      rows[i] = index.row(found[i]);
      scores[i] = Distances.toScore(index.metric, foundDist[i]);
    }
    return new TopHits(rows, scores);
  }

  /** Greedy walk on an upper level: the nearest node reached, packed with its distance. */
  private long greedy(int start, float startDist, int level) {
    int cur = start;
    float curDist = startDist;
    boolean moved = true;
    while (moved) {
      moved = false;
      long block = index.upperBlock(level, index.upperSlot(level, cur));
      int count = data.get(HnswIndex.I32, block);
      for (int i = 0; i < count; i++) {
        pending[i] = data.get(HnswIndex.I32, block + 4 + 4L * i);
      }
      scorer.distances(pending, count, pendingDist);
      scored += count;
      for (int i = 0; i < count; i++) {
        if (pendingDist[i] < curDist) {
          curDist = pendingDist[i];
          cur = pending[i];
          moved = true;
        }
      }
    }
    return LongHeap.encode(curDist, cur);
  }

  /** Beam search on level 0; leaves the accepted results nearest first in found; returns count. */
  private int searchLevel0(int start, float startDist, int ef, IntPredicate accept) {
    VisitedSet seen = visited;
    LongHeap cand = candidates;
    LongHeap res = results;
    seen.clear();
    cand.clear();
    res.clear();
    MemorySegment d = data;
    long level0 = index.level0Offset;
    long stride = index.stride;
    int[] pend = pending;
    float[] pendDist = pendingDist;

    seen.visit(start);
    long startKey = LongHeap.encode(startDist, start);
    cand.push(startKey);
    if (accept == null || accept.test(index.row(start))) {
      res.push(~startKey);
    }
    float worst = res.size() >= ef ? LongHeap.distance(~res.peek()) : Float.POSITIVE_INFINITY;
    long count = 0;
    while (!cand.isEmpty()) {
      long c = cand.pop();
      if (LongHeap.distance(c) > worst) {
        break;
      }
      long rec = level0 + LongHeap.node(c) * stride;
      int nbrs = d.get(HnswIndex.I32, rec);
      int p = 0;
      for (int i = 0; i < nbrs; i++) {
        int nb = d.get(HnswIndex.I32, rec + 4 + 4L * i);
        if (seen.visit(nb)) {
          pend[p++] = nb;
        }
      }
      if (p == 0) {
        continue;
      }
      scorer.distances(pend, p, pendDist);
      count += p;
      for (int i = 0; i < p; i++) {
        float dist = pendDist[i];
        if (dist < worst) {
          int nb = pend[i];
          long key = LongHeap.encode(dist, nb);
          cand.push(key);
          if (accept == null || accept.test(index.row(nb))) {
            res.pushBounded(~key, ef);
            if (res.size() >= ef) {
              worst = LongHeap.distance(~res.peek());
            }
          }
        }
      }
    }
    scored += count;
    return drainResults(res);
  }

  /**
   * Beam search on level 0 over accepted nodes only. A candidate's accepted neighbours are scored;
   * its rejected ones are not, but their neighbour lists are read for more accepted nodes, until
   * one neighbour list's worth ({@code maxConn0}) is found. Where two hops find no accepted node,
   * the rejected neighbours are scored and become candidates (never results), so the walk goes on
   * through them. The start node is a candidate even when rejected (it is where the descent ended).
   * Leaves the results in found; returns their count.
   */
  private int searchLevel0TwoHop(int start, float startDist, int ef, IntPredicate accept) {
    VisitedSet seen = visited;
    LongHeap cand = candidates;
    LongHeap res = results;
    seen.clear();
    cand.clear();
    res.clear();
    MemorySegment d = data;
    long level0 = index.level0Offset;
    long stride = index.stride;
    int[] pend = pending;
    float[] pendDist = pendingDist;
    int[] far = explore;
    int cap = pend.length;

    seen.visit(start);
    long startKey = LongHeap.encode(startDist, start);
    cand.push(startKey);
    if (accept.test(index.row(start))) {
      res.push(~startKey);
    }
    float worst = res.size() >= ef ? LongHeap.distance(~res.peek()) : Float.POSITIVE_INFINITY;
    long count = 0;
    while (!cand.isEmpty()) {
      long c = cand.pop();
      if (LongHeap.distance(c) > worst) {
        break;
      }
      long rec = level0 + LongHeap.node(c) * stride;
      int nbrs = d.get(HnswIndex.I32, rec);
      int p = 0;
      int e = 0;
      for (int i = 0; i < nbrs; i++) {
        int nb = d.get(HnswIndex.I32, rec + 4 + 4L * i);
        if (seen.visit(nb)) {
          if (accept.test(index.row(nb))) {
            pend[p++] = nb;
          } else {
            far[e++] = nb;
          }
        }
      }
      for (int j = 0; j < e && p < cap; j++) {
        long rec2 = level0 + far[j] * stride;
        int nbrs2 = d.get(HnswIndex.I32, rec2);
        for (int i = 0; i < nbrs2 && p < cap; i++) {
          int nb = d.get(HnswIndex.I32, rec2 + 4 + 4L * i);
          if (!seen.contains(nb) && accept.test(index.row(nb))) {
            seen.visit(nb);
            pend[p++] = nb;
          }
        }
      }
      if (p == 0) {
        if (e > 0) {
          // No accepted node within two hops: walk on through the rejected neighbours, as
          // candidates only, so that the search crosses regions the filter leaves empty (a filter
          // correlated with the vectors) instead of stopping there.
          scorer.distances(far, e, pendDist);
          count += e;
          for (int i = 0; i < e; i++) {
            if (pendDist[i] < worst) {
              cand.push(LongHeap.encode(pendDist[i], far[i]));
            }
          }
        }
        continue;
      }
      scorer.distances(pend, p, pendDist);
      count += p;
      for (int i = 0; i < p; i++) {
        float dist = pendDist[i];
        if (dist < worst) {
          long key = LongHeap.encode(dist, pend[i]);
          cand.push(key);
          res.pushBounded(~key, ef);
          if (res.size() >= ef) {
            worst = LongHeap.distance(~res.peek());
          }
        }
      }
    }
    scored += count;
    return drainResults(res);
  }

  private int drainResults(LongHeap res) {
    int n = res.size();
    if (found.length < n) {
      found = new int[Math.max(n, found.length * 2)];
      foundDist = new float[found.length];
    }
    for (int i = n - 1; i >= 0; i--) {
      long key = ~res.pop();
      found[i] = LongHeap.node(key);
      foundDist[i] = LongHeap.distance(key);
    }
    return n;
  }

  /**
   * Insertion sort by distance, ties by node: r is small (a few times k here, a neighbour list plus
   * one when {@link Inserter} prunes).
   */
  static void sortByDistance(int[] nodes, float[] dists, int r) {
    for (int i = 1; i < r; i++) {
      int n = nodes[i];
      float x = dists[i];
      int j = i - 1;
      while (j >= 0 && (dists[j] > x || (dists[j] == x && nodes[j] > n))) {
        nodes[j + 1] = nodes[j];
        dists[j + 1] = dists[j];
        j--;
      }
      nodes[j + 1] = n;
      dists[j + 1] = x;
    }
  }
}
