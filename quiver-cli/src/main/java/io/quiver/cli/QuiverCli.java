package io.quiver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quiver} command. */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    version = "quiver 0.1.0",
    description = "Quiver, an embedded vector database for the JVM.",
    subcommands = {CommandLine.HelpCommand.class})
public final class QuiverCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new QuiverCli()).execute(args));
  }
}
