package io.quiver.bench;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.data.GroundTruth;
import io.quiver.bench.data.Metric;
import io.quiver.bench.data.SyntheticData;
import io.quiver.bench.data.VectorFiles;
import io.quiver.bench.filter.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver bench gen}: a seeded clustered-Gaussian data set with attributes (see {@link
 * SyntheticData}): {@code base.fvecs}, {@code query.fvecs}, {@code gt.ivecs}, {@code attrs.tsv}
 * and, per selectivity of the {@code cat} column, {@code gt.cat_lt_T.ivecs} computed under the
 * filter {@code cat < T}.
 */
@Command(
    name = "gen",
    mixinStandardHelpOptions = true,
    description = "Generate a clustered Gaussian data set with attributes and ground truth.")
final class GenCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--n", defaultValue = "100000", description = "Base vectors.")
  int n;

  @Option(names = "--dim", defaultValue = "128", description = "Dimension.")
  int dim;

  @Option(names = "--queries", defaultValue = "1000", description = "Query vectors.")
  int queries;

  @Option(names = "--clusters", defaultValue = "100", description = "Gaussian clusters.")
  int clusters;

  @Option(names = "--spread", defaultValue = "0.5", description = "Noise sigma around a centre.")
  float spread;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--metric", defaultValue = "l2", description = "Metric of the ground truth.")
  String metric;

  @Option(names = "--k", defaultValue = "100", description = "Ground-truth neighbours.")
  int k;

  @Option(
      names = "--filtered-gt",
      defaultValue = "true",
      negatable = true,
      description = "Also write ground truth for each cat < T selectivity (default on).")
  boolean filteredGt;

  @Option(names = "--threads", description = "Ground-truth threads (default: all processors).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    Metric m = Metric.parse(metric);
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    float[][] centres = SyntheticData.centres(clusters, dim, seed);
    float[][] base = SyntheticData.vectors(centres, n, spread, seed + 1);
    float[][] query = SyntheticData.vectors(centres, queries, spread, seed + 2);
    AttributeTable attrs = SyntheticData.attributes(n, seed + 3);
    VectorFiles.writeFvecs(out.resolve("base.fvecs"), base);
    VectorFiles.writeFvecs(out.resolve("query.fvecs"), query);
    attrs.write(out.resolve("attrs.tsv"));
    System.err.printf(
        "gen: %d x %d base, %d queries, %d clusters -> %s%n", n, dim, queries, clusters, out);
    long t0 = System.nanoTime();
    VectorFiles.writeIvecs(
        out.resolve("gt.ivecs"), GroundTruth.compute(base, query, m, k, null, t));
    System.err.printf("gen: gt.ivecs in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    if (filteredGt) {
      for (SyntheticData.Selectivity s : SyntheticData.SELECTIVITIES) {
        var allowed = Filter.parse(s.filter()).matches(attrs);
        Path file = out.resolve("gt.cat_lt_" + s.catBelow() + ".ivecs");
        VectorFiles.writeIvecs(file, GroundTruth.compute(base, query, m, k, allowed, t));
        System.err.printf(
            "gen: %s (%s, %d rows) -> %s%n",
            s.filter(), s.label(), allowed.cardinality(), file.getFileName());
      }
    }
    return 0;
  }
}
