package io.quiver.testkit;

/**
 * Seeds for randomized tests: {@code -Dquiver.seed=N} replays a run; otherwise a fresh seed. Tests
 * put the seed in every failure message through {@link #describe}.
 */
public final class Seeds {
  private Seeds() {}

  /** The seed to use. */
  public static long seed() {
    String s = System.getProperty("quiver.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime() ^ Thread.currentThread().threadId();
  }

  /** A failure message prefix naming the seed and how to replay it. */
  public static String describe(long seed) {
    return "[seed " + seed + ", replay with -Dquiver.seed=" + seed + "] ";
  }

  /** Runs {@code body}; an assertion failure or exception is rethrown with the seed named. */
  public static void run(long seed, ThrowingRunnable body) throws Exception {
    try {
      body.run();
    } catch (AssertionError | Exception e) {
      AssertionError wrapped = new AssertionError(describe(seed) + e.getMessage(), e);
      throw wrapped;
    }
  }

  /** A body that may throw. */
  public interface ThrowingRunnable {
    /** Runs. */
    void run() throws Exception;
  }
}
