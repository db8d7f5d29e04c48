package io.quiver.bench;

import io.quiver.bench.ann.AnnRun;
import io.quiver.bench.data.Metric;
import io.quiver.bench.engine.AnnConfig;
import io.quiver.bench.engine.UnsupportedSetupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver bench ann}: builds one engine's index on a {@code .fvecs} base file and measures
 * recall and single- or multi-threaded QPS per search setting. Prints one JSON line per phase on
 * stdout (the shape of zvec-bench) and nothing else there.
 */
@Command(
    name = "ann",
    mixinStandardHelpOptions = true,
    description = "Build an index on vector files and measure QPS and recall@k (JSON lines).")
final class AnnCommand implements Callable<Integer> {

  @Option(names = "--base", required = true, description = "Base vectors (.fvecs or .bvecs).")
  Path base;

  @Option(names = "--query", required = true, description = "Query vectors (.fvecs or .bvecs).")
  Path query;

  @Option(
      names = "--gt",
      description = "Ground truth (.ivecs), one per --filter; computed exactly when absent.")
  List<Path> gt = new ArrayList<>();

  @Option(names = "--metric", defaultValue = "l2", description = "l2, ip or cosine.")
  String metric;

  @Option(names = "--index", defaultValue = "hnsw", description = "flat, hnsw or ivf.")
  String index;

  @Option(names = "--m", defaultValue = "16", description = "HNSW M.")
  int m;

  @Option(names = "--efc", defaultValue = "200", description = "HNSW efConstruction.")
  int efc;

  @Option(
      names = "--ef",
      split = ",",
      defaultValue = "10,20,50,100,200",
      description = "HNSW ef settings.")
  List<Integer> ef;

  @Option(names = "--nlist", defaultValue = "0", description = "IVF lists (0: engine default).")
  int nlist;

  @Option(
      names = "--nprobe",
      split = ",",
      defaultValue = "8,16,32",
      description = "IVF nprobe settings.")
  List<Integer> nprobe;

  @Option(
      names = "--quantize",
      defaultValue = "none",
      description = "none, fp16, int8, int4, pq or rabitq.")
  String quantize;

  @Option(
      names = "--refine",
      defaultValue = "on",
      description = "Re-score quantized candidates with raw vectors: on or off.")
  String refine;

  @Option(names = "--k", defaultValue = "10", description = "Neighbours per query.")
  int k;

  @Option(names = "--threads", defaultValue = "1", description = "Query threads.")
  int threads;

  @Option(
      names = "--build-threads",
      description = "Build threads (default: --threads, as zvec-bench does).")
  Integer buildThreads;

  @Option(names = "--warmup", defaultValue = "1", description = "Untimed passes per setting.")
  int warmup;

  @Option(names = "--dir", description = "Index directory (empty or absent); default a temp dir.")
  Path dir;

  @Option(names = "--keep", description = "Keep the index directory afterwards.")
  boolean keep;

  @Option(
      names = "--engine",
      defaultValue = "quiver",
      description = "quiver, lucene, jvector or hnswlib.")
  String engine;

  @Option(
      names = "--delete",
      defaultValue = "0",
      description =
          "After the queries, delete this share of the rows at random and query again"
              + " (recall under deletes; quiver only).")
  double delete;

  @Option(names = "--attrs", description = "Attributes TSV (zvec-bench format).")
  Path attrs;

  @Option(
      names = "--filter",
      description =
          "Filter expression, for example \"cat < 10\"; repeat it to query several filters"
              + " on one build (\"\" for an unfiltered block).")
  List<String> filter = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    AnnConfig config;
    try {
      if (!(delete >= 0 && delete < 1)) {
        throw new IllegalArgumentException("--delete is a share of the rows in [0, 1): " + delete);
      }
      config =
          new AnnConfig(
              Metric.parse(metric),
              0,
              AnnConfig.IndexKind.valueOf(index.toUpperCase(Locale.ROOT)),
              m,
              efc,
              nlist,
              AnnConfig.Quantize.valueOf(quantize.toUpperCase(Locale.ROOT)),
              switch (refine) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--refine is on or off: " + refine);
              },
              buildThreads == null ? threads : buildThreads,
              threads,
              !filter.isEmpty(),
              null);
    } catch (IllegalArgumentException e) {
      System.err.println("ann: " + e.getMessage());
      return BenchMain.EXIT_UNSUPPORTED;
    }
    AnnRun.Options options =
        new AnnRun.Options(
            engine, base, query, gt, attrs, filter, config, ef, nprobe, k, warmup, dir, keep,
            delete);
    try {
      new AnnRun(options, System.out, System.err).run();
      return 0;
    } catch (UnsupportedSetupException e) {
      System.err.println("unsupported: " + e.getMessage());
      return BenchMain.EXIT_UNSUPPORTED;
    } catch (UnsupportedOperationException e) {
      // Quiver's engine is written in parallel; until it lands its API throws this.
      System.err.println("ann: " + engine + " is not available yet: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("ann: " + e.getMessage());
      return BenchMain.EXIT_UNSUPPORTED;
    }
  }
}
