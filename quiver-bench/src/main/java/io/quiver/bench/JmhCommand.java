package io.quiver.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import picocli.CommandLine.Command;

/**
 * {@code quiver bench jmh ARGS}: hands the arguments to {@code org.openjdk.jmh.Main}. JMH is looked
 * up reflectively so that this module builds whether or not the JMH dependency is on the class
 * path; without it the command says so and exits with status 2.
 */
@Command(name = "jmh", description = "Runs the JMH benchmarks (arguments go to JMH's Main).")
final class JmhCommand implements Runnable {

  @Override
  public void run() {
    // Dispatched before picocli parses anything: see BenchMain#run(String...).
  }

  static int run(String[] args) {
    Method main;
    try {
      main = Class.forName("org.openjdk.jmh.Main").getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      System.err.println("jmh: JMH is not on the class path of this build");
      return BenchMain.EXIT_UNSUPPORTED;
    }
    try {
      main.invoke(null, (Object) args);
      return 0;
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      return 1;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
