package io.quiver.bench;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.bench.ann.ProcessCpu;
import io.quiver.embed.onnx.OnnxEmbeddingFunction;
import io.quiver.embed.onnx.OnnxEmbeddings;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * {@code quiver bench embed}: throughput of the built-in embedding model, fp32 and quantized, at
 * several thread counts, and of inserts into a collection that embeds its documents' text.
 *
 * <pre>
 * quiver bench embed [--texts N] [--rounds R] [--threads 1,2] [--models fp32,quantized]
 *                    [--corpus passages.tsv.gz]
 * </pre>
 *
 * The texts are the demo corpus (State of the Union passages, 28 words on average), as many as
 * asked. Each figure is the median of R timed rounds after one warm-up round; "per CPU-second"
 * divides by the process's CPU time in the round, which stays meaningful on a busy machine where
 * wall-clock figures depend on what else runs. Prints Markdown tables.
 */
final class EmbedBench {
  private final int texts;
  private final int rounds;
  private final int[] threads;
  private final List<String> models;
  private final Path corpus;

  private EmbedBench(int texts, int rounds, int[] threads, List<String> models, Path corpus) {
    this.texts = texts;
    this.rounds = rounds;
    this.threads = threads;
    this.models = models;
    this.corpus = corpus;
  }

  static void main(String[] args) throws Exception {
    int texts = 512;
    int rounds = 3;
    int[] threads = {1, 2};
    List<String> models = List.of("fp32", "quantized");
    String home = System.getProperty("quiver.home", ".");
    Path corpus = Path.of(home, "quiver-cli/src/main/resources/io/quiver/cli/sotu-passages.tsv.gz");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--texts" -> texts = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--threads" ->
            threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--models" -> models = List.of(value.split(","));
        case "--corpus" -> corpus = Path.of(value);
        default -> {
          System.err.println(
              "usage: quiver bench embed [--texts N] [--rounds R] [--threads 1,2]"
                  + " [--models fp32,quantized] [--corpus passages.tsv.gz]");
          System.exit(2);
        }
      }
      i++;
    }
    new EmbedBench(texts, rounds, threads, models, corpus).run();
  }

  private void run() throws Exception {
    List<String> all = readCorpus(corpus, texts);
    System.out.printf(
        Locale.ROOT,
        "%s, %d cores, Java %s, %d texts (%.1f words on average), median of %d rounds%n%n",
        LocalDate.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        all.size(),
        all.stream().mapToInt(t -> t.split(" ").length).average().orElse(0),
        rounds);
    System.out.println("| model | threads | texts/s | texts per CPU-second | load (s) |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (String m : models) {
      long t0 = System.nanoTime();
      try (OnnxEmbeddingFunction f = OnnxEmbeddings.allMiniLmL6V2(m.equals("quantized"))) {
        double load = (System.nanoTime() - t0) / 1e9;
        for (int t : threads) {
          Measure r = measure(() -> embedAll(f, all, t), all.size());
          System.out.printf(
              Locale.ROOT,
              "| all-MiniLM-L6-v2 %s (batch %d) | %d | %.0f | %.0f | %.1f |%n",
              m,
              f.batchSize(),
              t,
              r.perSecond,
              r.perCpuSecond,
              load);
        }
      }
    }
    if (models.containsAll(List.of("fp32", "quantized"))) {
      try (OnnxEmbeddingFunction fp32 = OnnxEmbeddings.allMiniLmL6V2();
          OnnxEmbeddingFunction q = OnnxEmbeddings.allMiniLmL6V2Quantized()) {
        List<float[]> a = fp32.embed(all);
        List<float[]> b = q.embed(all);
        double sum = 0;
        double min = 1;
        for (int i = 0; i < a.size(); i++) {
          double cos = 0;
          for (int k = 0; k < a.get(i).length; k++) {
            cos += a.get(i)[k] * b.get(i)[k];
          }
          sum += cos;
          min = Math.min(min, cos);
        }
        System.out.printf(
            Locale.ROOT,
            "%nCosine similarity of the quantized vector to the fp32 one: mean %.4f, min %.4f%n",
            sum / a.size(),
            min);
      }
    }
    System.out.println();
    System.out.println(
        "| insert into a collection | optimizeThreads | docs/s | docs per CPU-second |");
    System.out.println("|---|---:|---:|---:|");
    for (String m : models) {
      try (OnnxEmbeddingFunction f = OnnxEmbeddings.allMiniLmL6V2(m.equals("quantized"))) {
        List<float[]> vectors = f.embed(all);
        for (int t : threads) {
          Measure text = measure(() -> insert(f, all, null, t), all.size());
          Measure given = measure(() -> insert(f, all, vectors, t), all.size());
          System.out.printf(
              Locale.ROOT,
              "| text only, embedded by %s | %d | %.0f | %.0f |%n",
              m,
              t,
              text.perSecond,
              text.perCpuSecond);
          System.out.printf(
              Locale.ROOT,
              "| the same with vectors given (no embedding) | %d | %.0f | %.0f |%n",
              t,
              given.perSecond,
              given.perCpuSecond);
        }
      }
    }
  }

  private record Measure(double perSecond, double perCpuSecond) {}

  private interface Work {
    void run() throws Exception;
  }

  private Measure measure(Work work, int items) throws Exception {
    work.run(); // warm-up: JIT, ONNX Runtime's allocator, page cache
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = ProcessCpu.nanos();
      long t0 = System.nanoTime();
      work.run();
      wall[r] = items / ((System.nanoTime() - t0) / 1e9);
      cpu[r] = items / ((ProcessCpu.nanos() - c0) / 1e9);
    }
    return new Measure(median(wall), median(cpu));
  }

  /**
   * As a collection embeds a write call: texts sorted by length (a batch pads to its longest),
   * batches of the function's size, run on {@code threads} threads.
   */
  private static void embedAll(OnnxEmbeddingFunction f, List<String> unsorted, int threads)
      throws Exception {
    List<String> texts = new ArrayList<>(unsorted);
    texts.sort(Comparator.comparingInt(String::length));
    embed(f, texts, f.batchSize(), threads);
  }

  /**
   * The vectors of {@code texts}, in their order: batches of {@code batch} consecutive texts,
   * embedded by {@code threads} workers that each take the next batch until none is left.
   */
  static List<float[]> embed(OnnxEmbeddingFunction f, List<String> texts, int batch, int threads)
      throws Exception {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < texts.size(); i += batch) {
      batches.add(texts.subList(i, Math.min(texts.size(), i + batch)));
    }
    List<List<float[]>> vectors = new ArrayList<>(Collections.nCopies(batches.size(), null));
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
            vectors.set(i, f.embed(batches.get(i)));
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
    } finally {
      pool.shutdown();
    }
    List<float[]> out = new ArrayList<>(texts.size());
    vectors.forEach(out::addAll);
    return out;
  }

  /** A fresh collection per round; batches of 500 documents per insert call. */
  private static void insert(
      OnnxEmbeddingFunction f, List<String> texts, List<float[]> vectors, int threads)
      throws IOException {
    Schema schema =
        Schema.builder()
            .scalar("text", DataType.STRING)
            .add(f.vectorField("embedding", "text"))
            .build();
    Path dir = Files.createTempDirectory("quiver-bench-embed-");
    CollectionOptions options =
        CollectionOptions.builder().optimizeThreads(threads).embeddingFunctions(f).build();
    try (Collection c = Quiver.create(dir.resolve("c"), schema, options)) {
      for (int from = 0; from < texts.size(); from += 500) {
        List<Document> docs = new ArrayList<>();
        for (int i = from; i < Math.min(texts.size(), from + 500); i++) {
          Document.Builder b = Document.builder("d" + i).set("text", texts.get(i));
          if (vectors != null) {
            b.set("embedding", vectors.get(i));
          }
          docs.add(b.build());
        }
        c.insert(docs).forEach(WriteResult::orThrow);
      }
      c.destroy();
    } finally {
      Files.deleteIfExists(dir);
    }
  }

  /**
   * {@code max} texts spread evenly over the file (the corpus is in time order): the last column of
   * a TSV (gzipped if named .gz), or whole lines of a plain text file.
   */
  static List<String> readCorpus(Path file, int max) throws IOException {
    List<String> all = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String text = line.substring(line.lastIndexOf('\t') + 1).strip();
        if (!text.isEmpty()) {
          all.add(text);
        }
      }
    }
    if (all.size() <= max) {
      return all;
    }
    List<String> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(all.get((int) ((long) i * all.size() / max)));
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
