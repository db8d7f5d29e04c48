package io.quiver.internal.engine;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Quiver;
import io.quiver.internal.query.plan.Planner;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.SearchParams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tunes the planner's thresholds on a collection the ANN harness built and kept ({@code bin/quiver
 * bench ann --engine quiver ... --dir D --keep}): opens it read-only and times the same queries
 * under each strategy forced in turn, so the crossover between exact scoring and graph traversal is
 * measured rather than guessed. Not a test; run by hand:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp test-classes:classes:RoaringBitmap.jar \
 *     io.quiver.internal.engine.FilteredBenchMain DIR query.fvecs "cat &lt; 10" gt.ivecs 10,50,100 \
 *     exact,twohop,found,default
 * </pre>
 *
 * Prints one line per (filter, strategy, ef): wall and process-CPU QPS and recall@10.
 */
public final class FilteredBenchMain {
  private FilteredBenchMain() {}

  /** See the class comment. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    float[][] queries = readVecs(Path.of(args[1]));
    String filter = args[2];
    int[][] gt = readInts(Path.of(args[3]));
    String[] efs = args[4].split(",");
    String[] presets = args[5].split(",");
    int k = 10;
    int warm = Math.min(200, queries.length);
    try (Collection c = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
      Engine engine = ((LocalCollection) c).engine();
      View v = engine.acquire();
      try {
        for (String preset : presets) {
          Planner.Thresholds t =
              switch (preset) {
                case "exact" -> new Planner.Thresholds(Integer.MAX_VALUE, 1, 0.3, 1);
                case "twohop" -> new Planner.Thresholds(0, 0, 1.01, 0.05);
                case "twohopbits" -> new Planner.Thresholds(0, 0, 1.01, 1);
                case "found" -> new Planner.Thresholds(0, 0, 0, 0.05);
                case "foundbits" -> new Planner.Thresholds(0, 0, 0, 1);
                default -> Planner.DEFAULT;
              };
          Searcher s = new Searcher(null, 1, t);
          for (String efText : efs) {
            int ef = Integer.parseInt(efText);
            List<Query> qs = new ArrayList<>();
            for (float[] q : queries) {
              qs.add(
                  Query.builder()
                      .vector("v", q)
                      .topK(k)
                      .filter(filter)
                      .outputFields(List.of())
                      .params(new SearchParams(ef, 0, 0, false))
                      .build());
            }
            for (int i = 0; i < warm; i++) {
              s.search(v, qs.get(i));
            }
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<List<Hit>> results = new ArrayList<>();
            for (Query q : qs) {
              results.add(s.search(v, q));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            long found = 0;
            long wanted = 0;
            for (int i = 0; i < results.size(); i++) {
              Set<Integer> truth = new HashSet<>();
              for (int j = 0; j < k && j < gt[i].length; j++) {
                if (gt[i][j] >= 0) {
                  truth.add(gt[i][j]);
                }
              }
              wanted += truth.size();
              for (Hit h : results.get(i)) {
                found += truth.contains(Integer.parseInt(h.id())) ? 1 : 0;
              }
            }
            System.out.printf(
                "%s\t%s\tef=%d\tqps=%.0f\tcpu_qps=%.0f\trecall=%.4f%n",
                filter, preset, ef, qs.size() / secs, qs.size() / cpu, (double) found / wanted);
          }
        }
        System.out.print(s(engine, v, queries[0], filter));
      } finally {
        v.release();
      }
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  private static String s(Engine e, View v, float[] q, String filter) {
    return new Searcher(null, 1)
        .explain(v, Query.builder().vector("v", q).topK(10).filter(filter).build())
        .toString();
  }

  private static float[][] readVecs(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    int dim = b.getInt(0);
    int n = b.capacity() / (4 + 4 * dim);
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      b.position(i * (4 + 4 * dim) + 4);
      for (int j = 0; j < dim; j++) {
        out[i][j] = b.getFloat();
      }
    }
    return out;
  }

  private static int[][] readInts(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    int dim = b.getInt(0);
    int n = b.capacity() / (4 + 4 * dim);
    int[][] out = new int[n][dim];
    for (int i = 0; i < n; i++) {
      b.position(i * (4 + 4 * dim) + 4);
      for (int j = 0; j < dim; j++) {
        out[i][j] = b.getInt();
      }
    }
    return out;
  }
}
