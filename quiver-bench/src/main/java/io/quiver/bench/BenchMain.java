package io.quiver.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code quiver bench}: {@code ann} (build and query one engine on vector files),
 * {@code gt} (exact ground truth), {@code gen} (a synthetic data set), {@code embed} (the built-in
 * embedding model's throughput) and {@code jmh} (the JMH kernel benchmarks). Exit status: 0 on
 * success, 2 for a usage error or a setup the engine does not support, 1 for any other failure.
 */
@Command(
    name = "quiver bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: Quiver and its peers on the same files.",
    subcommands = {AnnCommand.class, GtCommand.class, GenCommand.class, JmhCommand.class})
public final class BenchMain implements Runnable {

  /** Exit status of a setup the engine cannot run (and of usage errors). */
  public static final int EXIT_UNSUPPORTED = 2;

  /** Runs a benchmark command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a benchmark command and returns its exit status (for tests: no {@code exit}). */
  public static int run(String... args) {
    if (args.length > 0 && args[0].equals("embed")) {
      // The embedding benchmark parses its own options too.
      try {
        EmbedBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        return 0;
      } catch (Exception e) {
        System.err.println("bench embed: " + e);
        return 1;
      }
    }
    if (args.length > 0 && args[0].equals("jmh")) {
      // JMH parses its own options; picocli must not see them.
      return JmhCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    return new CommandLine(new BenchMain()).execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }
}
