package io.quiver.internal.index.ivf;

import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.hnsw.HnswBenchMain;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.VectorIndex;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Dev-only tuning runner (not a test, not the official harness): maps .fvecs files, builds an IVF
 * index, writes and reopens it, then times single-threaded queries at several nprobe values and
 * refine factors, reporting wall and thread-CPU QPS, recall, and codes scanned and re-scored.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp quiver-core/target/classes:quiver-core/target/test-classes \
 *   io.quiver.internal.index.ivf.IvfBenchMain --base B.fvecs --query Q.fvecs --gt G.ivecs \
 *   [--metric l2] [--quant rabitq] [--rotate false] [--nlist 0] [--nprobe 8,16,32,64] \
 *   [--refine 0] [--k 10] [--threads 1] [--reps 3] [--index /tmp/x.ivf (reused if present)]
 * </pre>
 */
public final class IvfBenchMain {
  private IvfBenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Metric metric = Metric.valueOf(opt.getOrDefault("metric", "l2").toUpperCase());
    Quantization quant = Quantization.valueOf(opt.getOrDefault("quant", "rabitq").toUpperCase());
    boolean rotate = Boolean.parseBoolean(opt.getOrDefault("rotate", "false"));
    int nlist = Integer.parseInt(opt.getOrDefault("nlist", "0"));
    int k = Integer.parseInt(opt.getOrDefault("k", "10"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "1"));
    int reps = Integer.parseInt(opt.getOrDefault("reps", "3"));
    int[] nprobes = ints(opt.getOrDefault("nprobe", "8,16,32,64"));
    int[] refines = ints(opt.getOrDefault("refine", "0"));

    try (Arena arena = Arena.ofShared()) {
      VectorSource base = HnswBenchMain.fvecs(Path.of(opt.get("base")), arena);
      VectorSource queries = HnswBenchMain.fvecs(Path.of(opt.get("query")), arena);
      int[][] gt = HnswBenchMain.ivecs(Path.of(opt.get("gt")), arena, k);
      Path file =
          Path.of(
              opt.getOrDefault(
                  "index", "/tmp/quiver-ivf-" + ProcessHandle.current().pid() + ".ivf"));
      if (!Files.exists(file)) {
        long t0 = System.nanoTime();
        long cpu0 = HnswBenchMain.threadCpuNanos();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
          IvfBuilder.Trained t =
              IvfBuilder.train(
                  base, metric, new VectorIndex.Ivf(nlist, quant, rotate), 42L, threads, pool);
          double trainS = (System.nanoTime() - t0) / 1e9;
          IvfWriter.write(t, file);
          System.out.printf(
              "{\"phase\":\"build\",\"quant\":\"%s\",\"n\":%d,\"nlist\":%d,\"train_s\":%.3f,"
                  + "\"build_s\":%.3f,\"thread_cpu_s\":%.3f}%n",
              quant,
              base.size(),
              t.nlist,
              trainS,
              (System.nanoTime() - t0) / 1e9,
              (HnswBenchMain.threadCpuNanos() - cpu0) / 1e9);
        } finally {
          if (pool != null) {
            pool.shutdown();
          }
        }
      }
      IvfIndex index = IvfIndex.open(file, arena, base);
      System.out.printf(
          "{\"phase\":\"open\",\"index_bytes\":%d,\"nlist\":%d,\"fp32_bytes\":%d}%n",
          index.byteSize(), index.listCount(), 4L * base.size() * base.dimension());
      int nq = queries.size();
      float[][] qs = new float[nq][queries.dimension()];
      for (int i = 0; i < nq; i++) {
        queries.readRow(i, qs[i]);
      }
      IvfSearcher s = index.newSearcher();
      for (int refine : refines) {
        for (int nprobe : nprobes) {
          for (int i = 0; i < nq; i++) {
            s.search(qs[i], k, nprobe, refine, null);
          }
          double[] qps = new double[reps];
          double[] cpuQps = new double[reps];
          long hits = 0;
          long scanned0 = s.scannedCount();
          long refined0 = s.refinedCount();
          for (int r = 0; r < reps; r++) {
            TopHits[] res = new TopHits[nq];
            long c0 = HnswBenchMain.threadCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < nq; i++) {
              res[i] = s.search(qs[i], k, nprobe, refine, null);
            }
            qps[r] = nq / ((System.nanoTime() - t0) / 1e9);
            cpuQps[r] = nq / ((HnswBenchMain.threadCpuNanos() - c0) / 1e9);
            if (r == 0) {
              for (int i = 0; i < nq; i++) {
                for (int row : res[i].rows()) {
                  for (int j = 0; j < k; j++) {
                    if (gt[i][j] == row) {
                      hits++;
                      break;
                    }
                  }
                }
              }
            }
          }
          Arrays.sort(qps);
          Arrays.sort(cpuQps);
          System.out.printf(
              "{\"phase\":\"query\",\"quant\":\"%s\",\"nprobe\":%d,\"refine\":%d,\"qps\":%d,"
                  + "\"cpu_qps\":%d,\"recall\":%.4f,\"scanned\":%.0f,\"refined\":%.1f}%n",
              quant,
              nprobe,
              refine,
              Math.round(qps[reps / 2]),
              Math.round(cpuQps[reps / 2]),
              hits / (double) (k * nq),
              (s.scannedCount() - scanned0) / (double) (nq * reps),
              (s.refinedCount() - refined0) / (double) (nq * reps));
        }
      }
      if (!opt.containsKey("index")) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
