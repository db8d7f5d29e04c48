package io.quiver.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quiver} command. */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    version = "quiver 0.1.0",
    description = "Quiver, an embedded vector database for the JVM.",
    subcommands = {
      DemoCommand.class,
      StatsCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class QuiverCli implements Runnable {
  /**
   * Held so that its level sticks (java.util.logging keeps loggers weakly): DJL, the tokenizer
   * library, logs platform and GPU probing at INFO and WARNING that says nothing about Quiver.
   */
  private static final Logger DJL = Logger.getLogger("ai.djl");

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    configureLogging();
    System.exit(new CommandLine(new QuiverCli()).execute(args));
  }

  /**
   * One line per log record on standard error, at the level of {@code -Dquiver.log.level} (INFO by
   * default), unless the user configured java.util.logging themselves.
   */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %5$s%6$s%n");
    Level level = Level.parse(System.getProperty("quiver.log.level", "INFO"));
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    for (Handler h : root.getHandlers()) {
      h.setLevel(level);
      h.setFormatter(new SimpleFormatter());
    }
    DJL.setLevel(level.intValue() <= Level.FINE.intValue() ? level : Level.SEVERE);
  }
}
