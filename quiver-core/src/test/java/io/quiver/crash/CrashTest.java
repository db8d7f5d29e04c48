package io.quiver.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.ConflictException;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.testkit.Seeds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM (SIGKILL) while it writes: at named points of the write path (the log
 * append and fsync, segment and deletion files, the manifest publish, the directory fsync, garbage
 * collection) and at random moments. After each kill the collection is reopened and must hold every
 * acknowledged write call, and the call in flight either whole or not at all.
 */
@Tag("once")
class CrashTest {
  private static final String[] POINTS = {
    "wal.append",
    "wal.sync",
    "file.fsync",
    "manifest.publish",
    "manifest.published",
    "commit.deletes-written",
    "segment.written",
    "gc.delete",
    "dir.fsync"
  };

  private static final String EOF = "\u0000EOF";

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedWriteSurvivesKills() throws Exception {
    long seed = Seeds.seed();
    int rounds = Integer.getInteger("quiver.crash.rounds", 60);
    Seeds.run(seed, () -> run(seed, rounds));
  }

  private void run(long seed, int rounds) throws Exception {
    Random rnd = new Random(seed);
    Path dir = tmp.resolve("crash");
    List<Map<String, Document>> states = new ArrayList<>();
    states.add(new LinkedHashMap<>());
    int applied = 0;
    int kills = 0;
    int atFailpoint = 0;
    boolean checkedConflict = false;
    for (int round = 0; round < rounds; round++) {
      String point = null;
      if (round % 3 != 2) {
        String name = POINTS[rnd.nextInt(POINTS.length)];
        int nth = name.startsWith("wal") ? 1 + rnd.nextInt(25) : 1 + rnd.nextInt(4);
        point = name + ":" + nth;
      }
      int randomAcks = 1 + rnd.nextInt(60);
      int first = applied;
      Process child = start(dir, seed, applied, point);
      BlockingQueue<String> lines = reader(child);
      int lastAck = applied - 1;
      boolean paused = false;
      boolean opened = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          if (!child.isAlive()) {
            fail("round " + round + ": the child exited early: " + stderr(dir, round));
          }
          if (System.nanoTime() > deadline) {
            break;
          }
          continue;
        }
        if (line.equals("OPEN")) {
          opened = true;
        } else if (line.startsWith("ACK ")) {
          lastAck = Integer.parseInt(line.substring(4));
          if (point == null && lastAck - applied + 1 >= randomAcks) {
            break;
          }
          if (point != null && lastAck - applied > 150) {
            break;
          }
        } else if (line.startsWith("FAILPOINT")) {
          paused = true;
          break;
        }
      }
      while (states.size() <= lastAck + 2) {
        Map<String, Document> next = new LinkedHashMap<>(states.getLast());
        Workload.apply(Workload.call(seed, states.size() - 1), next);
        states.add(next);
      }
      if (paused && opened && !checkedConflict) {
        checkOtherProcessesSeeTheLock(dir, states, lastAck + 2);
        checkedConflict = true;
      }
      // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of
      // the child's output pipe and lose the lines still in it.
      child.toHandle().destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
      int lastAckBeforeKill = lastAck;
      // The child may have acknowledged more calls between the last line read and its death:
      // every ACK it printed counts, so read its output to the end.
      for (String line = lines.poll(30, TimeUnit.SECONDS);
          line != null && !line.equals(EOF);
          line = lines.poll(30, TimeUnit.SECONDS)) {
        if (line.equals("OPEN")) {
          opened = true;
        } else if (line.startsWith("ACK ")) {
          lastAck = Math.max(lastAck, Integer.parseInt(line.substring(4)));
        }
      }
      while (states.size() <= lastAck + 2) {
        Map<String, Document> next = new LinkedHashMap<>(states.getLast());
        Workload.apply(Workload.call(seed, states.size() - 1), next);
        states.add(next);
      }
      kills++;
      atFailpoint += paused ? 1 : 0;
      Map<String, Document> actual = readAll(dir);
      int acked = lastAck + 1;
      String where = "round " + round + " (" + (point == null ? "random kill" : point) + ")";
      if (equal(actual, states.get(acked))) {
        applied = acked;
      } else if (equal(actual, states.get(acked + 1))) {
        applied = acked + 1;
      } else {
        fail(
            where
                + ": after "
                + acked
                + " acknowledged calls (last ACK seen before the kill: "
                + lastAckBeforeKill
                + ", first call of this child: "
                + first
                + ") the collection holds neither their state nor the next call's: "
                + diff(actual, states.get(acked)));
      }
    }
    assertTrue(kills >= 50, "only " + kills + " kills");
    assertTrue(atFailpoint >= 20, "only " + atFailpoint + " kills at failpoints");
    System.out.println(
        "crash test: "
            + kills
            + " kills ("
            + atFailpoint
            + " at failpoints), "
            + applied
            + " write calls verified");
  }

  private void checkOtherProcessesSeeTheLock(
      Path dir, List<Map<String, Document>> states, int upTo) {
    ConflictException e = assertThrows(ConflictException.class, () -> Quiver.open(dir));
    assertTrue(e.getMessage().contains("LOCK") && e.getMessage().contains("pid"), e.getMessage());
    try (Collection ro = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
      Map<String, Document> seen = new HashMap<>(ro.fetch(ids(), null, true));
      // A read-only handle sees a committed version: the state after some prefix of the calls.
      boolean prefix = false;
      for (int i = 0; i <= upTo && !prefix; i++) {
        prefix = equal(seen, states.get(i));
      }
      assertTrue(prefix, "the read-only view is not the state after any prefix of the calls");
    }
  }

  private Process start(Path dir, long seed, int first, String point) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dquiver.log.level=WARNING");
    if (point != null) {
      cmd.add("-Dquiver.failpoints=" + point);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashWorker.class.getName());
    cmd.add(dir.toString());
    cmd.add(Long.toString(seed));
    cmd.add(Integer.toString(first));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(tmp.resolve("child-stderr.txt").toFile());
    return pb.start();
  }

  private String stderr(Path dir, int round) {
    try {
      return Files.readString(tmp.resolve("child-stderr.txt"));
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  private static BlockingQueue<String> reader(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  q.add(line);
                }
              } catch (IOException e) {
                // the child was killed
              }
              q.add(EOF);
            },
            "crash-child-reader");
    t.setDaemon(true);
    t.start();
    return q;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Workload.IDS; i++) {
      ids.add("k" + i);
    }
    return ids;
  }

  private static Map<String, Document> readAll(Path dir) {
    if (!Quiver.exists(dir)) {
      // Killed while creating, before the first version was published: there is no collection
      // yet (the next child creates it again), which holds only if no call was acknowledged.
      return Map.of();
    }
    try (Collection c = Quiver.open(dir)) {
      Map<String, Document> got = new HashMap<>(c.fetch(ids(), null, true));
      assertEquals(got.size(), c.count(), "count disagrees with the documents found");
      return got;
    }
  }

  private static boolean equal(Map<String, Document> actual, Map<String, Document> model) {
    if (actual.size() != model.size()) {
      return false;
    }
    for (var e : model.entrySet()) {
      if (!Workload.full(e.getValue()).equals(actual.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static String diff(Map<String, Document> actual, Map<String, Document> model) {
    StringBuilder sb = new StringBuilder();
    for (var e : model.entrySet()) {
      Document a = actual.get(e.getKey());
      if (!Workload.full(e.getValue()).equals(a)) {
        sb.append("\n  ")
            .append(e.getKey())
            .append(": expected ")
            .append(e.getValue())
            .append(", found ")
            .append(a);
      }
    }
    for (String id : actual.keySet()) {
      if (!model.containsKey(id)) {
        sb.append("\n  ").append(id).append(": unexpected ").append(actual.get(id));
      }
    }
    return sb.length() > 3000 ? sb.substring(0, 3000) : sb.toString();
  }
}
