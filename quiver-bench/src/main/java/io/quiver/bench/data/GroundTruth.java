package io.quiver.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k nearest neighbours by brute force, the oracle that recall is measured against. Queries
 * are spread over threads; each query scans every (allowed) base vector and keeps the best {@code
 * k} in a bounded max-heap. Ties are broken by the smaller id so the result is deterministic. Rows
 * with fewer than {@code k} allowed base vectors are padded with -1.
 */
public final class GroundTruth {
  private GroundTruth() {}

  /**
   * The {@code k} nearest base vectors of each query, nearest first.
   *
   * @param base the base vectors
   * @param queries the query vectors
   * @param metric how vectors compare
   * @param k neighbours per query
   * @param allowed base rows that may be returned (a filter), or null for all
   * @param threads worker threads
   */
  public static int[][] compute(
      float[][] base, float[][] queries, Metric metric, int k, BitSet allowed, int threads) {
    float[][] b = metric == Metric.COSINE ? normalized(base) : base;
    int[][] out = new int[queries.length][];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads), Thread.ofPlatform().name("gt-", 0).daemon().factory());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < Math.max(1, threads); t++) {
        futures.add(
            pool.submit(
                () -> {
                  int q;
                  while ((q = next.getAndIncrement()) < queries.length) {
                    float[] query =
                        metric == Metric.COSINE ? normalize(queries[q].clone()) : queries[q];
                    out[q] = topK(b, query, metric, k, allowed);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ground truth interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ground truth failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static int[] topK(float[][] base, float[] q, Metric metric, int k, BitSet allowed) {
    // A max-heap on (distance, id): the root is the worst of the best k so far.
    float[] dist = new float[k];
    int[] ids = new int[k];
    int size = 0;
    for (int i = 0; i < base.length; i++) {
      if (allowed != null && !allowed.get(i)) {
        continue;
      }
      float d = metric.distance(q, base[i]);
      if (size < k) {
        dist[size] = d;
        ids[size] = i;
        siftUp(dist, ids, size++);
      } else if (d < dist[0] || (d == dist[0] && i < ids[0])) {
        dist[0] = d;
        ids[0] = i;
        siftDown(dist, ids, size);
      }
    }
    Integer[] order = new Integer[size];
    for (int j = 0; j < size; j++) {
      order[j] = j;
    }
    Arrays.sort(
        order, (x, y) -> dist[x] != dist[y] ? Float.compare(dist[x], dist[y]) : ids[x] - ids[y]);
    int[] row = new int[k];
    Arrays.fill(row, -1);
    for (int j = 0; j < size; j++) {
      row[j] = ids[order[j]];
    }
    return row;
  }

  private static boolean worse(float[] d, int[] id, int a, int b) {
    return d[a] > d[b] || (d[a] == d[b] && id[a] > id[b]);
  }

  private static void siftUp(float[] d, int[] id, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(d, id, i, parent)) {
        return;
      }
      swap(d, id, i, parent);
      i = parent;
    }
  }

  private static void siftDown(float[] d, int[] id, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int w = l + 1 < size && worse(d, id, l + 1, l) ? l + 1 : l;
      if (!worse(d, id, w, i)) {
        return;
      }
      swap(d, id, i, w);
      i = w;
    }
  }

  private static void swap(float[] d, int[] id, int a, int b) {
    float t = d[a];
    d[a] = d[b];
    d[b] = t;
    int u = id[a];
    id[a] = id[b];
    id[b] = u;
  }

  private static float[][] normalized(float[][] vs) {
    float[][] out = new float[vs.length][];
    for (int i = 0; i < vs.length; i++) {
      out[i] = normalize(vs[i].clone());
    }
    return out;
  }

  private static float[] normalize(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    if (n > 0) {
      float inv = (float) (1 / Math.sqrt(n));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }
}
