package io.quiver.crash;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Quiver;
import java.nio.file.Path;

/**
 * The child process of {@link CrashTest}: opens (or creates) the collection and runs write calls
 * from a given number on, printing {@code ACK i} after call {@code i} returns, flushing every few
 * calls so flushes, merges and commits happen all the time. It runs until it is killed.
 */
public final class CrashWorker {
  private CrashWorker() {}

  /** Arguments: directory, seed, first call number. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int first = Integer.parseInt(args[2]);
    CollectionOptions options = CollectionOptions.builder().flushThresholdMb(1).build();
    Collection c =
        Quiver.exists(dir)
            ? Quiver.open(dir, options)
            : Quiver.create(dir, Workload.SCHEMA, options);
    System.out.println("OPEN");
    System.out.flush();
    for (int i = first; ; i++) {
      Workload.Call call = Workload.call(seed, i);
      switch (call.kind()) {
        case "delete" -> c.delete(call.ids());
        case "insert" -> c.insert(call.docs());
        case "upsert" -> c.upsert(call.docs());
        default -> c.update(call.docs());
      }
      System.out.println("ACK " + i);
      System.out.flush();
      if (i % 7 == 6) {
        c.flush();
      }
      if (i % 40 == 39) {
        c.optimize();
      }
    }
  }
}
