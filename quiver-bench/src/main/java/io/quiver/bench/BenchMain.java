package io.quiver.bench;

/** Entry point of {@code quiver bench}. */
public final class BenchMain {
  private BenchMain() {}

  /** Runs a benchmark command. */
  public static void main(String[] args) {
    System.err.println("usage: quiver bench ann ...");
    System.exit(2);
  }
}
