package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Dev-only tuning runner (not a test, not the official harness): maps .fvecs files, builds an HNSW
 * index, writes and reopens it, then times single-threaded queries at several ef values.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp quiver-core/target/classes:quiver-core/target/test-classes:RoaringBitmap.jar \
 *   io.quiver.internal.index.hnsw.HnswBenchMain --base B.fvecs --query Q.fvecs --gt G.ivecs \
 *   [--metric l2] [--quant int8] [--m 16] [--efc 200] [--ef 10,20,50,100,200] [--k 10] \
 *   [--threads 1] [--refine 0] [--reps 3] [--index /tmp/x.hnsw (reused if present)]
 * </pre>
 */
public final class HnswBenchMain {
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private HnswBenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Metric metric = Metric.valueOf(opt.getOrDefault("metric", "l2").toUpperCase());
    Quantization quant = Quantization.valueOf(opt.getOrDefault("quant", "int8").toUpperCase());
    int m = Integer.parseInt(opt.getOrDefault("m", "16"));
    int efc = Integer.parseInt(opt.getOrDefault("efc", "200"));
    int k = Integer.parseInt(opt.getOrDefault("k", "10"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "1"));
    int refine = Integer.parseInt(opt.getOrDefault("refine", "0"));
    int reps = Integer.parseInt(opt.getOrDefault("reps", "3"));
    boolean reorder = Boolean.parseBoolean(opt.getOrDefault("reorder", "true"));
    int[] efs =
        Arrays.stream(opt.getOrDefault("ef", "10,20,50,100,200").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();

    try (Arena arena = Arena.ofShared()) {
      VectorSource base = fvecs(Path.of(opt.get("base")), arena);
      VectorSource queries = fvecs(Path.of(opt.get("query")), arena);
      int[][] gt = ivecs(Path.of(opt.get("gt")), arena, k);
      Path file =
          Path.of(
              opt.getOrDefault(
                  "index", "/tmp/quiver-hnsw-" + ProcessHandle.current().pid() + ".hnsw"));
      boolean reuse = Files.exists(file);
      if (!reuse) {
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        java.time.Duration proc0 =
            ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try (HnswGraph g =
            HnswBuilder.build(
                base, metric, new VectorIndex.Hnsw(m, efc, quant), 42L, threads, pool)) {
          double buildS = (System.nanoTime() - t0) / 1e9;
          double buildCpuS = (threadCpuNanos() - cpu0) / 1e9;
          double procCpuS =
              (ProcessHandle.current()
                          .info()
                          .totalCpuDuration()
                          .orElse(java.time.Duration.ZERO)
                          .toNanos()
                      - proc0.toNanos())
                  / 1e9;
          try (FileChannel ch =
              FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            HnswWriter.write(g, ch, reorder);
          }
          double totalS = (System.nanoTime() - t0) / 1e9;
          System.out.printf(
              "{\"phase\":\"build\",\"engine\":\"quiver\",\"quant\":\"%s\",\"n\":%d,\"levels\":%d,"
                  + "\"build_s\":%.3f,\"build_write_s\":%.3f,\"build_thread_cpu_s\":%.3f,"
                  + "\"build_process_cpu_s\":%.3f,\"threads\":%d}%n",
              quant, base.size(), g.levels(), buildS, totalS, buildCpuS, procCpuS, threads);
        } finally {
          if (pool != null) {
            pool.shutdown();
          }
        }
      }
      HnswIndex index = HnswIndex.open(file, arena, base);
      System.out.printf(
          "{\"phase\":\"open\",\"index_bytes\":%d,\"reused\":%b}%n", index.byteSize(), reuse);
      int nq = queries.size();
      float[][] qs = new float[nq][queries.dimension()];
      for (int i = 0; i < nq; i++) {
        queries.readRow(i, qs[i]);
      }
      HnswSearcher s = index.newSearcher();
      for (int ef : efs) {
        for (int i = 0; i < nq; i++) {
          s.search(qs[i], k, ef, refine, null);
        }
        double[] qps = new double[reps];
        double[] cpuQps = new double[reps];
        long hits = 0;
        long scored0 = s.scoredCount();
        for (int r = 0; r < reps; r++) {
          TopHits[] res = new TopHits[nq];
          long c0 = threadCpuNanos();
          long t0 = System.nanoTime();
          for (int i = 0; i < nq; i++) {
            res[i] = s.search(qs[i], k, ef, refine, null);
          }
          qps[r] = nq / ((System.nanoTime() - t0) / 1e9);
          cpuQps[r] = nq / ((threadCpuNanos() - c0) / 1e9);
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
        double scoredPerQuery = (s.scoredCount() - scored0) / (double) (nq * reps);
        Arrays.sort(qps);
        Arrays.sort(cpuQps);
        System.out.printf(
            "{\"phase\":\"query\",\"engine\":\"quiver\",\"quant\":\"%s\",\"ef\":%d,\"k\":%d,"
                + "\"qps\":%d,\"cpu_qps\":%d,\"qps_runs\":%s,\"recall\":%.4f,\"scored\":%.0f}%n",
            quant,
            ef,
            k,
            Math.round(qps[reps / 2]),
            Math.round(cpuQps[reps / 2]),
            Arrays.toString(Arrays.stream(qps).mapToLong(Math::round).toArray()),
            hits / (double) (k * nq),
            scoredPerQuery);
      }
      if (!opt.containsKey("index")) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** CPU time of the calling thread (Linux): the time others' processes took is left out. */
  public static long threadCpuNanos() throws IOException {
    String s = Files.readString(Path.of("/proc/thread-self/schedstat"));
    return Long.parseLong(s.substring(0, s.indexOf(' ')));
  }

  public static VectorSource fvecs(Path p, Arena arena) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      int dim = seg.get(I32, 0);
      long stride = 4L + 4L * dim;
      int n = (int) (seg.byteSize() / stride);
      return new VectorSource(seg, 4, stride, n, dim, VectorSource.Encoding.F32);
    }
  }

  public static int[][] ivecs(Path p, Arena arena, int k) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      int dim = seg.get(I32, 0);
      long stride = 4L + 4L * dim;
      int n = (int) (seg.byteSize() / stride);
      int[][] out = new int[n][k];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          out[i][j] = seg.get(I32, i * stride + 4 + 4L * j);
        }
      }
      return out;
    }
  }
}
