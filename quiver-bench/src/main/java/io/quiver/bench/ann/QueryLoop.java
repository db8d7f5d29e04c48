package io.quiver.bench.ann;

import io.quiver.bench.engine.AnnEngine;
import io.quiver.bench.engine.QueryFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every query once and times the pass. With one thread the queries run one after another on
 * the calling thread; with N threads, N workers (each with its own searcher, all sharing the one
 * index) take the next query from a shared counter until none are left.
 */
final class QueryLoop {

  /**
   * One timed pass.
   *
   * @param ids per query, the ids returned
   * @param counts per query, how many ids were returned
   * @param seconds wall time of the pass
   * @param cpuSeconds CPU time the process used during the pass
   */
  record Result(int[][] ids, int[] counts, double seconds, double cpuSeconds) {}

  private final AnnEngine engine;
  private final float[][] queries;
  private final int k;
  private final int threads;

  QueryLoop(AnnEngine engine, float[][] queries, int k, int threads) {
    this.engine = engine;
    this.queries = queries;
    this.k = k;
    this.threads = Math.max(1, threads);
  }

  Result run(int ef, int nprobe, QueryFilter filter) throws IOException, InterruptedException {
    int[][] ids = new int[queries.length][k];
    int[] counts = new int[queries.length];
    List<AnnEngine.Searcher> searchers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        searchers.add(engine.searcher(ef, nprobe, filter));
      }
      long c0 = ProcessCpu.nanos();
      long t0 = System.nanoTime();
      if (threads == 1) {
        AnnEngine.Searcher s = searchers.getFirst();
        for (int q = 0; q < queries.length; q++) {
          counts[q] = s.search(queries[q], k, ids[q]);
        }
      } else {
        runParallel(searchers, ids, counts);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Result(ids, counts, seconds, (ProcessCpu.nanos() - c0) / 1e9);
    } finally {
      for (AnnEngine.Searcher s : searchers) {
        s.close();
      }
    }
  }

  /** One worker thread per searcher; the first failure is rethrown once all have stopped. */
  private void runParallel(List<AnnEngine.Searcher> searchers, int[][] ids, int[] counts)
      throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    Exception[] failure = new Exception[1];
    List<Thread> workers = new ArrayList<>();
    for (AnnEngine.Searcher s : searchers) {
      workers.add(
          Thread.ofPlatform()
              .name("ann-query-" + workers.size())
              .start(
                  () -> {
                    try {
                      int q;
                      while ((q = next.getAndIncrement()) < queries.length) {
                        counts[q] = s.search(queries[q], k, ids[q]);
                      }
                    } catch (Exception e) {
                      synchronized (failure) {
                        failure[0] = e;
                      }
                      next.set(queries.length);
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    synchronized (failure) {
      if (failure[0] instanceof IOException io) {
        throw io;
      }
      if (failure[0] instanceof RuntimeException re) {
        throw re;
      }
      if (failure[0] != null) {
        throw new IOException(failure[0]);
      }
    }
  }
}
