package io.quiver;

/** When a write call returns relative to the data reaching stable storage. */
public enum Durability {
  /**
   * The default: the write-ahead log is fsynced before the call returns (concurrent writers share
   * one fsync). An acknowledged write survives a process crash and a power loss.
   */
  SYNC,
  /**
   * Weaker, opt-in: the log is handed to the operating system but not fsynced per call. An
   * acknowledged write survives a crash of the process, but a power loss or kernel crash may lose
   * the writes of the last moments. Flushes and commits are still fsynced.
   */
  BUFFERED_UNSAFE
}
