package io.quiver.internal.index.ivf;

import io.quiver.internal.index.Distances;
import io.quiver.internal.index.LongHeap;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.quant.BlockCodes;
import io.quiver.internal.index.quant.BlockScorer;
import io.quiver.internal.index.quant.CodeScorer;
import io.quiver.internal.index.quant.RawCodes;
import io.quiver.internal.index.quant.ScalarCodes;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.simd.Simd;
import io.quiver.schema.Metric;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Searches one {@link IvfIndex}: scores the query against every centroid, scans the {@code nprobe}
 * nearest lists on their codes, and re-ranks with the raw vectors. Holds the per-thread state
 * (heaps, prepared query, scorers) so that a search allocates only its result; reuse one per
 * thread, never share one between threads.
 *
 * <p>Re-ranking, by the codes:
 *
 * <ul>
 *   <li>NONE: the lists hold no codes; the raw vectors are scored through the row map, exactly.
 *   <li>FP16, INT8, INT4, PQ: the {@code refineFactor x k} best estimates are kept and re-scored
 *       with the raw vectors ({@code refineFactor} 0 takes the codes' default, {@link
 *       IvfIndex#defaultRefine()}).
 *   <li>RABITQ with {@code refineFactor} 0: each code's lower bound decides, and only candidates
 *       whose bound beats the current k-th exact distance are re-scored, as the RaBitQ paper does;
 *       a positive {@code refineFactor} re-scores that many best estimates instead.
 * </ul>
 *
 * <p>Rows the accept predicate rejects are never re-scored nor returned. When the probed lists hold
 * fewer than {@code k} accepted rows, more lists are probed, nearest first, until {@code k} are
 * found or every list is scanned.
 */
public final class IvfSearcher {
  private static final int CHUNK = 64;
  private static final int BLOCK = QuantOps.BLOCK;

  private final IvfIndex index;
  private final QuantOps ops = Simd.quantOps();
  private final MemorySegment data;
  private final Metric metric;
  private final int dim;
  private final float[] q;
  private final float[] dots;
  private final long[] keys;
  private final float[] centre;
  private final BlockScorer blockScorer;
  private final CodeScorer codeScorer;
  private final CodeScorer exact;
  private final boolean exactCodes;
  private final float[] est = new float[BLOCK];
  private final float[] lower = new float[BLOCK];
  private final int[] pos = new int[CHUNK];
  private final float[] dist = new float[CHUNK];
  private final LongHeap heap = new LongHeap(64);
  private final LongHeap probeHeap = new LongHeap(64);
  private final long[] order;
  private int[] found = new int[64];
  private float[] foundDist = new float[64];
  private long[] sortKeys = new long[64];
  private float worst;
  private int capacity;
  private IntPredicate accept;
  private long scanned;
  private long refined;

  IvfSearcher(IvfIndex index) {
    this.index = index;
    this.data = index.data;
    this.metric = index.metric;
    this.dim = index.dimension;
    this.q = new float[dim];
    this.dots = new float[Math.max(1, index.nlist)];
    this.keys = new long[Math.max(1, index.nlist)];
    this.order = new long[Math.max(1, index.nlist)];
    this.centre = new float[dim];
    RawCodes raw = new RawCodes(metric, dim);
    this.exactCodes = index.codes instanceof RawCodes;
    CodeScorer rawByPosition = raw.scorer(index.raw, data, index.rowsOffset);
    if (index.blocked) {
      this.blockScorer = ((BlockCodes) index.codes).blockScorer();
      this.codeScorer = null;
    } else {
      this.blockScorer = null;
      this.codeScorer =
          exactCodes ? rawByPosition : index.codes.scorer(data, index.codesOffset, index.codeBytes);
    }
    // Lossless codes already give the raw distances: re-scoring reads them, not the raw vectors.
    this.exact =
        index.lossless()
            ? ((ScalarCodes) index.codes).preciseScorer(data, index.codesOffset, index.codeBytes)
            : rawByPosition;
  }

  /** Codes scored by this searcher so far (for tuning). */
  public long scannedCount() {
    return scanned;
  }

  /** Candidates re-scored with full precision so far (for tuning). */
  public long refinedCount() {
    return refined;
  }

  /**
   * The {@code k} nearest accepted rows to {@code query}.
   *
   * @param query the query vector, of the index's dimension
   * @param k number of hits wanted
   * @param nprobe lists to scan; 0 means {@link IvfIndex#defaultNprobe()}
   * @param refineFactor see the class comment
   * @param accept rows that may be returned, or null for all
   * @return at most {@code k} hits, best first, with exact scores in the metric's convention
   */
  public TopHits search(float[] query, int k, int nprobe, int refineFactor, IntPredicate accept) {
    if (query.length != dim) {
      throw new IllegalArgumentException("query dimension " + query.length + " != " + dim);
    }
    int nlist = index.nlist;
    if (nlist == 0 || k <= 0) {
      return TopHits.EMPTY;
    }
    this.accept = accept;
    System.arraycopy(query, 0, q, 0, dim);
    index.space.mapInPlace(q);
    double qq = 0;
    for (float v : q) {
      qq += (double) v * v;
    }
    ops.dotsTransposed(q, data, index.transposedOffset, nlist, 0, nlist, dots);
    for (int l = 0; l < nlist; l++) {
      float key =
          metric == Metric.IP
              ? -dots[l]
              : data.get(IvfIndex.F32, index.normsOffset + 4L * l) - 2 * dots[l];
      keys[l] = LongHeap.encode(key, l);
    }

    boolean bound = index.bounded() && refineFactor == 0;
    int factor = refineFactor == 0 ? index.defaultRefine() : refineFactor;
    if (exactCodes || bound || index.lossless()) {
      factor = 1;
    }
    capacity = (int) Math.min(Integer.MAX_VALUE, Math.max(k, (long) k * factor));
    heap.clear();
    worst = Float.POSITIVE_INFINITY;
    if (index.blocked) {
      blockScorer.setQuery(q);
    } else {
      codeScorer.setQuery(query);
    }
    if (!exactCodes) {
      exact.setQuery(query);
    }

    int target = Math.min(nlist, nprobe == 0 ? index.defaultNprobe() : nprobe);
    nearest(target);
    int probed = 0;
    while (true) {
      for (; probed < target; probed++) {
        int l = LongHeap.node(order[probed]);
        float key = LongHeap.distance(order[probed]);
        float centreDistance =
            switch (metric) {
              case L2 -> (float) (key + qq);
              case IP -> key;
              case COSINE -> -dots[l];
            };
        scanList(l, centreDistance, bound);
      }
      if (heap.size() >= k || probed >= nlist) {
        break;
      }
      // Rare (a selective filter): the nearest lists again, twice as many, by selection.
      int more = (int) Math.min(nlist, 2L * target);
      selectSmallest(keys, 0, nlist, more);
      System.arraycopy(keys, 0, order, 0, more);
      target = more;
    }
    this.accept = null;
    return finish(k, bound);
  }

  /** The {@code count} smallest keys into {@code order[0..count)}, ascending, by a bounded heap. */
  private void nearest(int count) {
    LongHeap h = probeHeap;
    h.clear();
    for (int l = 0; l < index.nlist; l++) {
      long key = keys[l];
      if (h.size() < count) {
        h.push(~key);
      } else if (key < ~h.peek()) {
        h.replaceTop(~key);
      }
    }
    for (int i = count - 1; i >= 0; i--) {
      order[i] = ~h.pop();
    }
  }

  private void scanList(int l, float centreDistance, boolean bound) {
    int p0 = (int) index.listStart(l);
    int p1 = (int) index.listStart(l + 1);
    if (p0 == p1) {
      return;
    }
    scanned += p1 - p0;
    if (index.blocked) {
      MemorySegment.copy(data, IvfIndex.F32, index.centroidsOffset + 4L * l * dim, centre, 0, dim);
      blockScorer.setList(centre, centreDistance);
      long off = index.codesOffset + index.listCodes[l];
      int blocks = (p1 - p0 + BLOCK - 1) / BLOCK;
      long extraOff = off + (long) blocks * index.codeBytes;
      boolean twoStage = index.extraBytes > 0;
      for (int p = p0; p < p1; p += BLOCK, off += index.codeBytes) {
        blockScorer.score(data, off, est, lower);
        int n = Math.min(BLOCK, p1 - p);
        if (bound) {
          refineBounded(p, n, twoStage ? off : -1, extraOff + (long) (p - p0) * index.extraBytes);
        } else if (twoStage) {
          // The 1-bit lower bound screens; the second-stage estimate ranks what passes.
          for (int c = 0; c < n; c++) {
            if (lower[c] < worst) {
              long at = extraOff + (long) (p - p0 + c) * index.extraBytes;
              float e = blockScorer.refine(data, off, c, at);
              if (e < worst) {
                offer(p + c, e);
              }
            }
          }
        } else {
          for (int c = 0; c < n; c++) {
            if (est[c] < worst) {
              offer(p + c, est[c]);
            }
          }
        }
      }
    } else {
      for (int p = p0; p < p1; p += CHUNK) {
        int n = Math.min(CHUNK, p1 - p);
        for (int i = 0; i < n; i++) {
          pos[i] = p + i;
        }
        codeScorer.distances(pos, n, dist);
        for (int i = 0; i < n; i++) {
          if (dist[i] < worst) {
            offer(p + i, dist[i]);
          }
        }
      }
    }
  }

  /**
   * Re-scores, in one batch, the codes of a block whose lower bound beats the k-th exact distance;
   * with second-stage codes ({@code blockOffset} not negative; theirs from {@code extraOffset})
   * only those whose second-stage lower bound beats it as well.
   */
  private void refineBounded(int p, int n, long blockOffset, long extraOffset) {
    int m = 0;
    for (int c = 0; c < n; c++) {
      if (lower[c] < worst && (accept == null || accept.test(index.row(p + c)))) {
        if (blockOffset >= 0) {
          long at = extraOffset + (long) c * index.extraBytes;
          float e = blockScorer.refine(data, blockOffset, c, at);
          if (e - blockScorer.refineError(data, at) >= worst) {
            continue;
          }
        }
        pos[m++] = p + c;
      }
    }
    if (m == 0) {
      return;
    }
    refined += m;
    exact.distances(pos, m, dist);
    for (int i = 0; i < m; i++) {
      if (dist[i] < worst) {
        push(pos[i], dist[i]);
      }
    }
  }

  private void offer(int position, float d) {
    if (accept == null || accept.test(index.row(position))) {
      push(position, d);
    }
  }

  /** Adds to the max-heap of the best {@code capacity}, keyed by distance then position. */
  private void push(int position, float d) {
    long key = ~LongHeap.encode(d, position);
    heap.pushBounded(key, capacity);
    if (heap.size() >= capacity) {
      worst = LongHeap.distance(~heap.peek());
    }
  }

  private TopHits finish(int k, boolean bound) {
    int n = heap.size();
    if (found.length < n) {
      found = new int[Math.max(n, 2 * found.length)];
      foundDist = new float[found.length];
    }
    for (int i = n - 1; i >= 0; i--) {
      long key = ~heap.pop();
      found[i] = LongHeap.node(key);
      foundDist[i] = LongHeap.distance(key);
    }
    if (!exactCodes && !bound) {
      // Estimates: re-score every kept candidate with full precision, then re-sort.
      refined += n;
      exact.distances(found, n, foundDist);
      sortByDistance(found, foundDist, n);
    }
    int c = Math.min(n, k);
    int[] rows = new int[c];
    float[] scores = new float[c];
    for (int i = 0; i < c; i++) {
      rows[i] = index.row(found[i]);
      scores[i] = Distances.toScore(metric, foundDist[i]);
    }
    return new TopHits(rows, scores);
  }

  /** Sorts the first {@code n} by distance, ties by position. */
  private void sortByDistance(int[] nodes, float[] dists, int n) {
    if (sortKeys.length < n) {
      sortKeys = new long[Math.max(n, 2 * sortKeys.length)];
    }
    long[] keys = sortKeys;
    for (int i = 0; i < n; i++) {
      keys[i] = LongHeap.encode(dists[i], nodes[i]);
    }
    Arrays.sort(keys, 0, n);
    for (int i = 0; i < n; i++) {
      nodes[i] = LongHeap.node(keys[i]);
      dists[i] = LongHeap.distance(keys[i]);
    }
  }

  /**
   * Moves the {@code count} smallest of {@code a[from, to)} to {@code a[from, from + count)},
   * sorted.
   */
  static void selectSmallest(long[] a, int from, int to, int count) {
    if (count <= 0) {
      return;
    }
    int kth = from + count - 1;
    int lo = from;
    int hi = to - 1;
    while (lo < hi && kth < to - 1) {
      long x = a[lo];
      long y = a[(lo + hi) >>> 1];
      long z = a[hi];
      long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (kth <= j) {
        hi = j;
      } else if (kth >= i) {
        lo = i;
      } else {
        break;
      }
    }
    Arrays.sort(a, from, from + count);
  }
}
