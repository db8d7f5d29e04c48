package io.quiver.bench;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.data.GroundTruth;
import io.quiver.bench.data.Metric;
import io.quiver.bench.data.VectorFiles;
import io.quiver.bench.filter.Filter;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver bench gt}: exact k nearest neighbours of each query, written as {@code .ivecs}. */
@Command(
    name = "gt",
    mixinStandardHelpOptions = true,
    description = "Compute exact ground truth (optionally under a filter) as .ivecs.")
final class GtCommand implements Callable<Integer> {

  @Option(names = "--base", required = true, description = "Base vectors (.fvecs or .bvecs).")
  Path base;

  @Option(names = "--query", required = true, description = "Query vectors (.fvecs or .bvecs).")
  Path query;

  @Option(names = "--out", required = true, description = "Output .ivecs file.")
  Path out;

  @Option(names = "--metric", defaultValue = "l2", description = "l2, ip or cosine.")
  String metric;

  @Option(names = "--k", defaultValue = "100", description = "Neighbours per query.")
  int k;

  @Option(names = "--threads", description = "Worker threads (default: all processors).")
  Integer threads;

  @Option(names = "--attrs", description = "Attributes TSV, for --filter.")
  Path attrs;

  @Option(names = "--filter", description = "Only base rows satisfying this expression.")
  String filter;

  @Override
  public Integer call() throws Exception {
    float[][] b = VectorFiles.readFloats(base);
    float[][] q = VectorFiles.readFloats(query);
    BitSet allowed = null;
    if (filter != null) {
      if (attrs == null) {
        System.err.println("gt: --filter needs --attrs");
        return BenchMain.EXIT_UNSUPPORTED;
      }
      allowed = Filter.parse(filter).matches(AttributeTable.read(attrs));
      System.err.printf(
          "gt: filter \"%s\" keeps %d of %d rows%n", filter, allowed.cardinality(), b.length);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long t0 = System.nanoTime();
    int[][] gt = GroundTruth.compute(b, q, Metric.parse(metric), k, allowed, t);
    VectorFiles.writeIvecs(out, gt);
    System.err.printf(
        "gt: %d queries x %d neighbours in %.1f s -> %s%n",
        q.length, k, (System.nanoTime() - t0) / 1e9, out);
    return 0;
  }
}
