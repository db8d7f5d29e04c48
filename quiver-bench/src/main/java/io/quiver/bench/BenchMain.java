package io.quiver.bench;

/** Entry point of {@code quiver bench}. */
public final class BenchMain {
  private BenchMain() {}

  /** Runs a benchmark command. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("embed")) {
      EmbedBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.err.println("usage: quiver bench ann ... | quiver bench embed ...");
    System.exit(2);
  }
}
