package io.quiver.bench;

import io.quiver.bench.ann.ProcessCpu;
import io.quiver.bench.data.GroundTruth;
import io.quiver.bench.data.Metric;
import io.quiver.bench.data.VectorFiles;
import io.quiver.embed.onnx.OnnxEmbeddingFunction;
import io.quiver.embed.onnx.OnnxEmbeddings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver bench textset}: a data set of real text embeddings made with the built-in model.
 * Passages come from the English manual pages of the machine ({@code /usr/share/man/man1..9}, troff
 * markup stripped), split into paragraphs of 20 to 120 words, deduplicated and shuffled with a
 * seed; the first {@code --queries} become the queries, the next {@code --n} the base. Writes
 * {@code base.fvecs}, {@code query.fvecs} (384-d, unit length), {@code gt.ivecs} (exact, L2, which
 * on unit vectors is the cosine order) and {@code passages.tsv} (row, then text) to {@code --out}.
 */
@Command(
    name = "textset",
    mixinStandardHelpOptions = true,
    description = "Embed manual-page passages with the built-in model into an ANN data set.")
final class TextSetCommand implements Callable<Integer> {
  private static final Pattern FONT = Pattern.compile("\\\\f(\\[[^]]*]|\\(..|.)");
  private static final Pattern SPECIAL = Pattern.compile("\\\\(\\(..|\\[[^]]*]|[*n]\\(?..?)");
  private static final Pattern ESCAPE = Pattern.compile("\\\\[&|^%:\"]|\\\\s[-+]?\\d");

  @Option(names = "--man", defaultValue = "/usr/share/man", description = "Manual page root.")
  Path man;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--n", defaultValue = "30000", description = "Base passages.")
  int n;

  @Option(names = "--queries", defaultValue = "1000", description = "Query passages.")
  int queries;

  @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed.")
  long seed;

  @Option(names = "--threads", defaultValue = "2", description = "Embedding threads.")
  int threads;

  @Option(names = "--model", defaultValue = "quantized", description = "fp32 or quantized.")
  String model;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    List<String> passages = passages();
    System.err.printf("textset: %d distinct passages from %s%n", passages.size(), man);
    if (passages.size() < n + queries) {
      System.err.printf("textset: need %d passages, found %d%n", n + queries, passages.size());
      return BenchMain.EXIT_UNSUPPORTED;
    }
    Collections.shuffle(passages, new Random(seed));
    List<String> q = passages.subList(0, queries);
    List<String> b = passages.subList(queries, queries + n);
    long c0 = ProcessCpu.nanos();
    long e0 = System.nanoTime();
    float[][] qv;
    float[][] bv;
    try (OnnxEmbeddingFunction f = OnnxEmbeddings.allMiniLmL6V2(model.equals("quantized"))) {
      qv = EmbedBench.embed(f, q, 64, threads).toArray(float[][]::new);
      bv = EmbedBench.embed(f, b, 64, threads).toArray(float[][]::new);
    }
    System.err.printf(
        "textset: embedded %d passages in %.1f s (%.1f CPU-s)%n",
        n + queries, (System.nanoTime() - e0) / 1e9, (ProcessCpu.nanos() - c0) / 1e9);
    Files.createDirectories(out);
    VectorFiles.writeFvecs(out.resolve("base.fvecs"), bv);
    VectorFiles.writeFvecs(out.resolve("query.fvecs"), qv);
    VectorFiles.writeIvecs(
        out.resolve("gt.ivecs"),
        GroundTruth.compute(
            bv, qv, Metric.L2, 100, null, Runtime.getRuntime().availableProcessors()));
    try (Writer w = Files.newBufferedWriter(out.resolve("passages.tsv"))) {
      for (int i = 0; i < b.size(); i++) {
        w.write(i + "\t" + b.get(i) + "\n");
      }
    }
    System.err.printf("textset: wrote %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /** Distinct passages of every English manual page under {@link #man}, in file name order. */
  private List<String> passages() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(man, 2)) {
      files =
          s.filter(p -> p.getParent().getFileName().toString().matches("man[1-9]"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Path p : files) {
      try (InputStream in = Files.newInputStream(p);
          BufferedReader r =
              new BufferedReader(
                  new InputStreamReader(
                      p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in,
                      StandardCharsets.UTF_8))) {
        paragraphs(r, out);
      } catch (IOException e) {
        System.err.printf("textset: skipped %s (%s)%n", p, e.getMessage());
      }
    }
    return new ArrayList<>(out);
  }

  /** Text lines up to a paragraph macro or a blank line form one paragraph. */
  private static void paragraphs(BufferedReader r, Set<String> out) throws IOException {
    StringBuilder para = new StringBuilder();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.startsWith(".so ")) {
        return; // a link to another page
      }
      boolean macro = line.startsWith(".") || line.startsWith("'");
      if (line.isBlank() || (macro && line.matches("^[.'](PP|P|LP|SH|SS|TP|IP|HP|sp|br).*"))) {
        emit(para, out);
        if (macro && line.matches("^[.']S[HS] .*")) {
          continue; // a heading is not a passage of its own
        }
        if (!macro) {
          continue;
        }
      }
      String text = line;
      if (macro) {
        // Font macros (.B, .I, .BR, ...) carry text as arguments; others carry none worth keeping.
        if (!line.matches("^[.'](B|I|BI|BR|IB|IR|RB|RI|SM|SB) .*")) {
          continue;
        }
        text = line.substring(line.indexOf(' ') + 1).replace("\"", "");
      }
      text = FONT.matcher(text).replaceAll("");
      text = SPECIAL.matcher(text).replaceAll("");
      text = ESCAPE.matcher(text).replaceAll("");
      text = text.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ").replace("\\", "");
      para.append(' ').append(text.strip());
      if (words(para) >= 120) {
        emit(para, out);
      }
    }
    emit(para, out);
  }

  private static void emit(StringBuilder para, Set<String> out) {
    String s = para.toString().strip().replaceAll("\\s+", " ");
    para.setLength(0);
    int w = s.isEmpty() ? 0 : s.split(" ").length;
    if (w >= 20 && w <= 160 && s.chars().filter(Character::isLetter).count() > s.length() / 2) {
      out.add(s);
    }
  }

  private static int words(CharSequence s) {
    int w = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean letter = !Character.isWhitespace(s.charAt(i));
      if (letter && !in) {
        w++;
      }
      in = letter;
    }
    return w;
  }
}
