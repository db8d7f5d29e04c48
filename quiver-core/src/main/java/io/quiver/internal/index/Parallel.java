package io.quiver.internal.index;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits index-building loops over the worker pool the engine hands to {@link IndexKind#build}:
 * workers take chunks of a range from a shared counter until none are left, so fewer threads than
 * tasks slow the work but cannot stall it, and the caller waits for all of them.
 */
public final class Parallel {
  private Parallel() {}

  /** Work on the half-open range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    /** Processes {@code [from, to)}. */
    void run(int from, int to);
  }

  /**
   * Runs {@code task} over {@code [0, n)} in chunks of {@code grain}, on up to {@code threads}
   * tasks of {@code pool}; on the calling thread alone when {@code threads <= 1}, {@code pool} is
   * null or there is a single chunk. The first failure is rethrown once every task has stopped.
   */
  public static void forRange(int n, int grain, int threads, Executor pool, RangeTask task) {
    forRange(n, grain, threads, pool, () -> task);
  }

  /**
   * As {@link #forRange(int, int, int, Executor, RangeTask)}, with state per worker: each worker
   * (the calling thread alone included) gets its own task from {@code perWorker}.
   */
  public static void forRange(
      int n,
      int grain,
      int threads,
      Executor pool,
      java.util.function.Supplier<RangeTask> perWorker) {
    int chunks = (int) ((n + (long) grain - 1) / grain);
    if (threads <= 1 || pool == null || chunks <= 1) {
      RangeTask task = perWorker.get();
      for (int from = 0; from < n; from += grain) {
        task.run(from, Math.min(n, from + grain));
      }
      return;
    }
    int workers = Math.min(threads, chunks);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(workers);
    Runnable worker =
        () -> {
          try {
            RangeTask task = perWorker.get();
            int c;
            while (failure.get() == null && (c = next.getAndIncrement()) < chunks) {
              int from = c * grain;
              task.run(from, (int) Math.min(n, (long) from + grain));
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            done.countDown();
          }
        };
    for (int t = 0; t < workers; t++) {
      try {
        pool.execute(worker);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        done.countDown();
      }
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        // Stop the workers but wait for them: they use memory the caller owns.
        interrupted = true;
        failure.compareAndSet(null, e);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error err) {
      throw err;
    } else if (f != null) {
      throw new IllegalStateException("index build interrupted", f);
    }
  }
}
