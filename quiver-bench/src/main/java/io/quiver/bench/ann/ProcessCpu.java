package io.quiver.bench.ann;

import java.lang.management.ManagementFactory;

/**
 * CPU time the whole process has used, every thread included (JIT compiler and GC too). On a
 * shared, busy machine the CPU time a pass took is steadier than its wall time: waiting for a core
 * is not counted.
 */
public final class ProcessCpu {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessCpu() {}

  /** Process CPU time in nanoseconds. */
  public static long nanos() {
    return OS.getProcessCpuTime();
  }
}
