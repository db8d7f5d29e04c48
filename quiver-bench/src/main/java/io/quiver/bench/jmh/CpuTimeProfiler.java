package io.quiver.bench.jmh;

import io.quiver.bench.ann.ProcessCpu;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the benchmark JVM used per operation ({@code ·cpu.time/op}, in ns), next to
 * JMH's wall-clock score. On a machine shared with other work the wall clock also counts the time
 * the benchmark thread waited for a core; CPU time does not, so it stays close to what an idle
 * machine measures. After warm-up the benchmark thread is the only busy one in the JVM (no
 * allocation, so no GC; compilation done), so the process's CPU time is that thread's.
 *
 * <p>Use with {@code -prof io.quiver.bench.jmh.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private long start;

  /** Creates the profiler; JMH calls this in the forked JVM. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "process CPU time per operation, robust on a shared machine";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = ProcessCpu.nanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = ProcessCpu.nanos() - start;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("cpu.time/op", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
