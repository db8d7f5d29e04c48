package io.quiver.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, {@code VmHWM} of {@code /proc/self/status} (Linux). */
public final class PeakRss {
  private PeakRss() {}

  /** Peak RSS in MiB, or -1 where {@code /proc} is not available. */
  public static long megabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Math.round(Long.parseLong(kb) / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
