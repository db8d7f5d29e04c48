package io.quiver.cli;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.CollectionStats;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.embed.onnx.OnnxEmbeddingFunction;
import io.quiver.embed.onnx.OnnxEmbeddings;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver demo}: semantic search over real text. Loads about 3,000 passages of the State of
 * the Union addresses (1790-2021, public domain; see {@code quiver-cli/corpus/README.md}) into a
 * collection whose vector field is filled by the built-in all-MiniLM-L6-v2 model, asks questions in
 * plain English (some with a filter), changes a passage, and reopens the collection.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Semantic search over State of the Union passages, embedded by the built-in local model.")
final class DemoCommand implements Callable<Integer> {
  private static final String CORPUS = "sotu-passages.tsv.gz";
  private static final int WIDTH = 96;

  @Option(
      names = "--dir",
      description = "Where to create the collection (must not exist); default: a new temp folder.")
  Path dir;

  @Option(
      names = "--passages",
      description = "How many passages to load, at most ${DEFAULT-VALUE} (all of them).")
  int passages = 2097;

  @Option(
      names = "--model",
      description = "quantized (default, faster) or fp32 (the reference vectors).")
  String model = "quantized";

  private final PrintStream out = System.out;

  /** One question of the demo, with an optional filter. */
  private record Question(String text, String filter) {}

  private static final List<Question> QUESTIONS =
      List.of(
          new Question("How can we make medical care affordable for every family?", null),
          new Question("Protecting the environment and clean air", "party = 'Republican'"),
          new Question("The danger of atomic weapons and an arms race", null),
          new Question("Sending men to the moon and exploring space", "year > 1950"),
          new Question("A sound currency backed by gold", "year > 1850 AND year < 1900"));

  @Override
  public Integer call() throws IOException {
    if (!model.equals("quantized") && !model.equals("fp32")) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--model must be quantized or fp32, not " + model);
    }
    Path target =
        dir != null ? dir : Files.createTempDirectory("quiver-demo-").resolve("state-of-the-union");
    long t0 = System.nanoTime();
    out.println("Quiver demo: semantic search over State of the Union addresses, 1790-2021");
    out.println("=========================================================================");
    List<Document> docs = corpus(passages);
    try (OnnxEmbeddingFunction minilm = OnnxEmbeddings.allMiniLmL6V2(model.equals("quantized"))) {
      out.printf(
          Locale.ROOT,
          "Loaded the local model all-MiniLM-L6-v2 (%s, %d dimensions) in %.1f s; no network.%n",
          model,
          minilm.dimension(),
          secondsSince(t0));
      Schema schema =
          Schema.builder()
              .scalar("year", DataType.INT32)
              .scalar("president", DataType.STRING)
              .scalar("party", DataType.STRING)
              .scalar("text", DataType.STRING)
              .add(minilm.vectorField("embedding", "text")) // filled from "text" on insert
              .build();
      // Embedding is the slow part of loading: give it every core (the default is half).
      CollectionOptions options =
          CollectionOptions.builder()
              .optimizeThreads(Runtime.getRuntime().availableProcessors())
              .build();
      out.printf("Creating a collection in %s%n", target);
      try (Collection speeches = Quiver.create(target, schema, options)) {
        load(speeches, docs, options);
        for (Question q : QUESTIONS) {
          ask(speeches, q);
        }
        section("Change a passage: its vector is computed again from the new text");
        String id = speeches.query("embedding", QUESTIONS.get(2).text(), 1).getFirst().id();
        speeches
            .update(
                Document.builder(id)
                    .set("text", "We must send astronauts to Mars and build a base on the Moon.")
                    .build())
            .orThrow();
        out.printf("updated %s; the nearest passages to the space question now:%n", id);
        show(
            speeches.query(
                Query.builder().text("embedding", QUESTIONS.get(3).text()).topK(2).build()));
      }

      section("Reopen: the schema remembers which model fills 'embedding'");
      long t1 = System.nanoTime();
      try (Collection speeches = Quiver.open(target)) {
        VectorField f = (VectorField) speeches.schema().field("embedding").orElseThrow();
        out.printf(
            Locale.ROOT,
            "reopened in %.0f ms: %s; embedded by %s%n",
            (System.nanoTime() - t1) / 1e6,
            describe(speeches.stats()),
            f.embedding().describeFunction());
        ask(speeches, new Question("Terrorist attacks against our country", null));
      }
    }
    out.printf(
        Locale.ROOT, "%nDone in %.1f s. The collection stays in %s%n", secondsSince(t0), target);
    return 0;
  }

  private void load(Collection speeches, List<Document> docs, CollectionOptions options) {
    long t = System.nanoTime();
    int batch = 500;
    for (int from = 0; from < docs.size(); from += batch) {
      for (WriteResult r :
          speeches.insert(docs.subList(from, Math.min(docs.size(), from + batch)))) {
        r.orThrow();
      }
    }
    double secs = secondsSince(t);
    out.printf(
        Locale.ROOT,
        "Inserted %,d passages in %.1f s (%,.0f passages/s): only the text was given; the model"
            + " computed%neach vector, in batches on %d thread(s).%n",
        docs.size(),
        secs,
        docs.size() / secs,
        options.optimizeThreads());
    speeches.flush();
    out.printf("Flushed: %s%n", describe(speeches.stats()));
  }

  private void ask(Collection speeches, Question q) {
    section("\"" + q.text() + "\"" + (q.filter() == null ? "" : "   [filter: " + q.filter() + "]"));
    Query.Builder b = Query.builder().text("embedding", q.text()).topK(3);
    if (q.filter() != null) {
      b.filter(q.filter());
    }
    show(speeches.query(b.build()));
  }

  private void show(List<Hit> hits) {
    for (Hit h : hits) {
      Document d = h.document();
      out.printf(
          Locale.ROOT,
          "  %.3f  %d  %s (%s)%n",
          h.score(),
          d.getInt("year"),
          d.getString("president"),
          d.getString("party"));
      for (String line : wrap(d.getString("text"), WIDTH - 8)) {
        out.println("         " + line);
      }
    }
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }

  /** The first {@code n} passages of the corpus, as documents with their text only. */
  static List<Document> corpus(int n) throws IOException {
    List<Document> docs = new ArrayList<>();
    try (InputStream raw = DemoCommand.class.getResourceAsStream(CORPUS)) {
      if (raw == null) {
        throw new IOException("the demo corpus " + CORPUS + " is missing from the class path");
      }
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      String line;
      while (docs.size() < n && (line = in.readLine()) != null) {
        String[] f = line.split("\t", 4);
        docs.add(
            Document.builder(String.format(Locale.ROOT, "passage-%04d", docs.size()))
                .set("year", Integer.parseInt(f[0]))
                .set("president", f[1])
                .set("party", f[2])
                .set("text", f[3])
                .build());
      }
    }
    return docs;
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String describe(CollectionStats s) {
    return String.format(
        Locale.ROOT,
        "version %d, %,d documents, %d segment(s), %.1f MB on disk",
        s.version(),
        s.liveDocuments(),
        s.segments(),
        s.diskBytes() / 1e6);
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
