package io.quiver.internal.store;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points on the write path where tests make things go wrong. Off (one static final check)
 * unless the JVM runs with {@code -Dquiver.failpoints=NAME:N[:ACTION],...}: the N-th time {@code
 * NAME} is hit, ACTION happens — {@code pause} (default: print {@code FAILPOINT NAME} on standard
 * output and block, so a parent process can kill this JVM at exactly that point) or {@code throw}
 * (an IOException, to test error handling). Production code calls {@link #hit} at each point.
 */
public final class Failpoints {
  private static final Map<String, Rule> RULES = parse(System.getProperty("quiver.failpoints"));
  private static final boolean ENABLED = !RULES.isEmpty();

  private record Rule(int nth, String action, AtomicInteger count) {}

  private Failpoints() {}

  /** Marks that the write path reached the named point. */
  public static void hit(String name) throws IOException {
    if (ENABLED) {
      trigger(name);
    }
  }

  private static void trigger(String name) throws IOException {
    Rule rule = RULES.get(name);
    if (rule == null || rule.count.incrementAndGet() != rule.nth) {
      return;
    }
    if (rule.action.equals("throw")) {
      throw new IOException("failpoint " + name);
    }
    PrintStream out = System.out;
    out.println("FAILPOINT " + name);
    out.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, Rule> parse(String spec) {
    Map<String, Rule> rules = new ConcurrentHashMap<>();
    if (spec == null || spec.isBlank()) {
      return rules;
    }
    for (String part : spec.split(",")) {
      String[] f = part.trim().split(":");
      int nth = f.length > 1 ? Integer.parseInt(f[1]) : 1;
      String action = f.length > 2 ? f[2] : "pause";
      rules.put(f[0], new Rule(nth, action, new AtomicInteger()));
    }
    return rules;
  }
}
