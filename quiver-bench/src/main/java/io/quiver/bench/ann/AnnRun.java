package io.quiver.bench.ann;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.data.GroundTruth;
import io.quiver.bench.data.VectorFiles;
import io.quiver.bench.engine.AnnConfig;
import io.quiver.bench.engine.AnnEngine;
import io.quiver.bench.engine.Engines;
import io.quiver.bench.engine.QueryFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One {@code quiver bench ann} run: load the files, get the ground truth, build the index from an
 * empty directory (timed), then for each search setting warm up and time the queries. Writes one
 * JSON line per phase to {@code out} (zvec-bench's shape) and everything else to {@code log}.
 */
public final class AnnRun {

  /**
   * What to run.
   *
   * @param engine the engine name
   * @param base base vectors file
   * @param query query vectors file
   * @param gts ground-truth files: none (computed), or one per filter (one without filters)
   * @param attrs attribute TSV, or null
   * @param filters filter expressions; empty for an unfiltered run, else one query block each (a
   *     blank expression is an unfiltered block)
   * @param config the index setup ({@code dim} and {@code dir} are filled in here)
   * @param efs HNSW ef settings
   * @param nprobes IVF nprobe settings
   * @param k neighbours per query
   * @param warmupRounds passes over the queries before each timed pass
   * @param dir the index directory, or null for a fresh temporary one
   * @param keep keep the index directory afterwards
   * @param deleteFraction after the queries, delete this share of the rows at random (seeded), then
   *     query again against the ground truth of the rows left; 0 for none
   */
  public record Options(
      String engine,
      Path base,
      Path query,
      List<Path> gts,
      Path attrs,
      List<String> filters,
      AnnConfig config,
      List<Integer> efs,
      List<Integer> nprobes,
      int k,
      int warmupRounds,
      Path dir,
      boolean keep,
      double deleteFraction) {}

  private final Options opt;
  private final PrintStream out;
  private final PrintStream log;

  /** A run writing JSON lines to {@code out} and logs to {@code log}. */
  public AnnRun(Options opt, PrintStream out, PrintStream log) {
    this.opt = opt;
    this.out = out;
    this.log = log;
  }

  /** Runs everything; exceptions propagate (the command maps them to exit codes). */
  public void run() throws IOException, InterruptedException {
    float[][] base = VectorFiles.readFloats(opt.base());
    float[][] queries = VectorFiles.readFloats(opt.query());
    if (base.length == 0 || queries.length == 0) {
      throw new IllegalArgumentException("empty base or query file");
    }
    int dim = base[0].length;
    if (queries[0].length != dim) {
      throw new IllegalArgumentException(
          "query dimension " + queries[0].length + " != base dimension " + dim);
    }
    log.printf(
        "ann: %d base x %d, %d queries, engine %s%n",
        base.length, dim, queries.length, opt.engine());
    AttributeTable attrs = opt.attrs() == null ? null : AttributeTable.read(opt.attrs());
    if (attrs != null && attrs.rows() != base.length) {
      throw new IllegalArgumentException(
          opt.attrs() + ": " + attrs.rows() + " rows for " + base.length + " vectors");
    }
    List<QueryFilter> filters = new ArrayList<>();
    for (String expression : opt.filters()) {
      if (expression.isBlank()) {
        // An empty --filter is an unfiltered block, so one build serves both kinds of query.
        filters.add(null);
        continue;
      }
      if (attrs == null) {
        throw new IllegalArgumentException("--filter needs --attrs");
      }
      QueryFilter f = QueryFilter.of(expression, attrs);
      log.printf(
          "ann: filter \"%s\" keeps %d of %d rows (%.3f%%)%n",
          expression,
          f.matches().cardinality(),
          base.length,
          100.0 * f.matches().cardinality() / base.length);
      filters.add(f);
    }
    if (filters.isEmpty()) {
      filters.add(null);
    }
    if (!opt.gts().isEmpty() && opt.gts().size() != filters.size()) {
      throw new IllegalArgumentException(
          opt.gts().size() + " --gt files for " + filters.size() + " filter settings");
    }
    List<int[][]> gts = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      gts.add(
          groundTruth(
              base, queries, filters.get(i), opt.gts().isEmpty() ? null : opt.gts().get(i)));
    }

    Path dir = opt.dir();
    boolean temporary = dir == null;
    if (temporary) {
      dir = Files.createTempDirectory("quiver-bench-" + opt.engine() + "-");
    } else {
      Files.createDirectories(dir);
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(dir + " is not empty: the build starts from nothing");
        }
      }
    }
    AnnConfig c = opt.config();
    AnnConfig config =
        new AnnConfig(
            c.metric(),
            dim,
            c.index(),
            c.m(),
            c.efConstruction(),
            c.nlist(),
            c.quantize(),
            c.refine(),
            c.buildThreads(),
            c.queryThreads(),
            filters.stream().anyMatch(f -> f != null),
            dir);
    try (AnnEngine engine = Engines.create(opt.engine(), config)) {
      build(engine, base, attrs, config);
      if (opt.deleteFraction() <= 0) {
        base = null; // the engine holds what it needs; let the harness's copy go
      }
      for (int i = 0; i < filters.size(); i++) {
        search(engine, queries, gts.get(i), filters.get(i), config, null);
      }
      if (opt.deleteFraction() > 0) {
        searchAfterDeletes(engine, base, queries, config);
      }
    } finally {
      if (!opt.keep()) {
        deleteTree(dir);
      }
    }
  }

  /**
   * Deletes {@code deleteFraction} of the rows (seed 42), computes the exact ground truth of the
   * rows left and runs the unfiltered query block again; its lines carry {@code "deleted"}.
   */
  private void searchAfterDeletes(
      AnnEngine engine, float[][] base, float[][] queries, AnnConfig config)
      throws IOException, InterruptedException {
    int n = base.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random rnd = new Random(42);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] doomed = Arrays.copyOf(order, (int) Math.round(n * opt.deleteFraction()));
    BitSet left = new BitSet(n);
    left.set(0, n);
    for (int row : doomed) {
      left.clear(row);
    }
    long t0 = System.nanoTime();
    engine.delete(doomed);
    log.printf(
        "ann: deleted %d of %d rows in %.1f s%n", doomed.length, n, (System.nanoTime() - t0) / 1e9);
    search(
        engine, queries, exactGroundTruth(base, queries, left), null, config, opt.deleteFraction());
  }

  private int[][] groundTruth(float[][] base, float[][] queries, QueryFilter filter, Path file)
      throws IOException {
    int[][] gt;
    if (file != null) {
      gt = VectorFiles.readInts(file);
      if (filter != null) {
        log.println("ann: using the given ground truth; it must respect the filter");
      }
    } else {
      log.printf(
          "ann: computing exact ground truth (k=%d, %d threads)...%n",
          opt.k(), Runtime.getRuntime().availableProcessors());
      long t0 = System.nanoTime();
      gt = exactGroundTruth(base, queries, filter == null ? null : filter.matches());
      log.printf("ann: ground truth in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    if (gt.length < queries.length) {
      throw new IllegalArgumentException(
          "ground truth has " + gt.length + " rows for " + queries.length + " queries");
    }
    if (gt[0].length < opt.k()) {
      throw new IllegalArgumentException(
          "ground truth has " + gt[0].length + " neighbours per query, fewer than k " + opt.k());
    }
    return gt;
  }

  /** The exact {@code k} nearest of the {@code rows} (null: all) to each query, on every core. */
  private int[][] exactGroundTruth(float[][] base, float[][] queries, BitSet rows) {
    return GroundTruth.compute(
        base,
        queries,
        opt.config().metric(),
        opt.k(),
        rows,
        Runtime.getRuntime().availableProcessors());
  }

  private void build(AnnEngine engine, float[][] base, AttributeTable attrs, AnnConfig config)
      throws IOException {
    long c0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    engine.insert(base, attrs);
    long t1 = System.nanoTime();
    engine.finish();
    long t2 = System.nanoTime();
    long c2 = ProcessCpu.nanos();
    Json line =
        new Json()
            .put("phase", "build")
            .put("engine", engine.name())
            .put("index", config.index().label())
            .put("n", base.length)
            .put("dim", config.dim())
            .put("insert_s", Json.round((t1 - t0) / 1e9, 3))
            .put("build_s", Json.round((t2 - t0) / 1e9, 3))
            .put("rss_mb", PeakRss.megabytes())
            .put("build_cpu_s", Json.round((c2 - c0) / 1e9, 3))
            .put("quantize", config.quantize().label());
    if (config.index() == AnnConfig.IndexKind.HNSW) {
      line.put("m", config.m()).put("efc", config.efConstruction());
    }
    line.putAll(engine.buildInfo());
    emit(line);
  }

  private void search(
      AnnEngine engine,
      float[][] queries,
      int[][] gt,
      QueryFilter filter,
      AnnConfig config,
      Double deleted)
      throws IOException, InterruptedException {
    List<int[]> settings =
        switch (config.index()) {
          case HNSW -> opt.efs().stream().map(ef -> new int[] {ef, 0}).toList();
          case IVF -> opt.nprobes().stream().map(p -> new int[] {0, p}).toList();
          case FLAT -> List.of(new int[] {0, 0});
        };
    QueryLoop loop = new QueryLoop(engine, queries, opt.k(), config.queryThreads());
    for (int[] s : settings) {
      for (int w = 0; w < opt.warmupRounds(); w++) {
        loop.run(s[0], s[1], filter);
      }
      QueryLoop.Result r = loop.run(s[0], s[1], filter);
      Json line = new Json().put("phase", "query").put("engine", engine.name());
      switch (config.index()) {
        case HNSW -> line.put("ef", s[0]);
        case IVF -> line.put("nprobe", s[1]);
        case FLAT -> {}
      }
      if (filter != null) {
        line.put("filter", filter.expression());
      }
      if (deleted != null) {
        line.put("deleted", deleted);
      }
      line.put("k", opt.k())
          .put("queries", queries.length)
          .put("qps", Math.round(queries.length / r.seconds()))
          .put("cpu_qps", Math.round(queries.length / r.cpuSeconds()))
          .put("recall", Json.round(Recall.at(r.ids(), r.counts(), gt, opt.k()), 4));
      if (config.queryThreads() > 1) {
        line.put("threads", config.queryThreads());
      }
      emit(line);
    }
  }

  private void emit(Json line) {
    out.println(line);
    out.flush();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
