package io.quiver.cli;

import io.quiver.Collection;
import io.quiver.CollectionStats;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver demo}: creates a collection of generated shop items with 64-d embeddings, loads a
 * few thousand, searches it, changes it, and shows that it reopens with everything in place.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Create a collection, load generated documents, run queries, reopen it.")
final class DemoCommand implements Callable<Integer> {
  private static final String[] CATEGORIES = {
    "robe", "sneaker", "dress", "coat", "bag", "shirt", "sandal", "pullover"
  };
  private static final String[] COLOURS = {
    "red", "navy", "black", "white", "olive", "ochre", "grey", "teal"
  };
  private static final String[] MATERIALS = {"cotton", "wool", "linen", "leather", "silk"};
  private static final int DIM = 64;

  @Option(
      names = "--dir",
      description = "Where to create the collection (must not exist); default: a new temp folder.")
  Path dir;

  @Option(names = "--docs", description = "How many documents to load (default ${DEFAULT-VALUE}).")
  int docs = 5000;

  @Option(names = "--seed", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
  long seed = 7;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws IOException {
    Path target = dir != null ? dir : Files.createTempDirectory("quiver-demo-").resolve("shop");
    Random rnd = new Random(seed);
    float[][] centroids = new float[CATEGORIES.length][];
    for (int c = 0; c < centroids.length; c++) {
      centroids[c] = gaussian(rnd, 1.0);
    }
    Schema schema =
        Schema.builder()
            .scalar("title", DataType.STRING)
            .scalar("category", DataType.STRING)
            .scalar("year", DataType.INT32)
            .scalar("price", DataType.FLOAT)
            .nullableScalar("tags", DataType.ARRAY_STRING)
            .vector("embedding", DataType.VECTOR_FP32, DIM, Metric.COSINE)
            .build();

    out.println("Quiver demo");
    out.println("===========");
    out.printf("Creating a collection in %s%n", target);
    long t0 = System.nanoTime();
    try (Collection shop = Quiver.create(target, schema)) {
      int batch = 500;
      for (int from = 0; from < docs; from += batch) {
        List<Document> chunk = new ArrayList<>();
        for (int i = from; i < Math.min(docs, from + batch); i++) {
          chunk.add(item(i, rnd, centroids));
        }
        for (WriteResult r : shop.insert(chunk)) {
          r.orThrow();
        }
      }
      double loadSecs = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "Inserted %,d documents in %.2f s (%,.0f docs/s, each call durable before it returns)%n",
          docs,
          loadSecs,
          docs / loadSecs);
      shop.flush();
      out.printf("Flushed to an immutable segment: %s%n%n", describe(shop.stats()));

      float[] robeLike = mix(centroids[0], gaussian(rnd, 0.3));
      section("1. The 5 items nearest to a robe-like vector");
      show(shop.query(Query.builder().vector("embedding", robeLike).topK(5).build()));

      Document probe = shop.fetch("item-00042").orElseThrow();
      section("2. Items most similar to item-00042 (" + probe.getString("title") + ")");
      show(
          shop.query(
              Query.builder()
                  .vector("embedding", probe.getVector("embedding"))
                  .topK(5)
                  .outputFields("title", "category", "year")
                  .build()));

      section("3. Update, delete, and search again");
      Document nearest = shop.query("embedding", robeLike, 1).getFirst().document();
      String nearestId = shop.query("embedding", robeLike, 1).getFirst().id();
      shop.update(Document.builder(nearestId).set("price", 9.99f).build()).orThrow();
      out.printf(
          Locale.ROOT,
          "updated %s (%s): price %.2f -> %.2f%n",
          nearestId,
          nearest.getString("title"),
          nearest.getFloat("price"),
          shop.fetch(nearestId).orElseThrow().getFloat("price"));
      shop.delete(nearestId);
      out.printf("deleted %s; the nearest robe is now:%n", nearestId);
      show(shop.query(Query.builder().vector("embedding", robeLike).topK(1).build()));
      out.printf("%n%,d documents live%n", shop.count());
    }

    section("4. Reopen: everything acknowledged is still there");
    long t1 = System.nanoTime();
    try (Collection shop = Quiver.open(target)) {
      out.printf(
          Locale.ROOT,
          "reopened in %.0f ms: %s%n",
          (System.nanoTime() - t1) / 1e6,
          describe(shop.stats()));
      float[] sneakerLike = mix(centroids[1], gaussian(rnd, 0.3));
      out.println("The 3 items nearest to a sneaker-like vector:");
      show(shop.query(Query.builder().vector("embedding", sneakerLike).topK(3).build()));
    }
    out.printf(
        Locale.ROOT,
        "%nDone in %.1f s. The collection stays in %s%n",
        (System.nanoTime() - t0) / 1e9,
        target);
    return 0;
  }

  private Document item(int i, Random rnd, float[][] centroids) {
    int c = rnd.nextInt(CATEGORIES.length);
    String colour = COLOURS[rnd.nextInt(COLOURS.length)];
    String material = MATERIALS[rnd.nextInt(MATERIALS.length)];
    List<String> tags = new ArrayList<>(List.of(colour, material));
    if (rnd.nextInt(4) == 0) {
      tags.add("sale");
    }
    return Document.builder(String.format("item-%05d", i))
        .set("title", capitalize(colour) + " " + material + " " + CATEGORIES[c])
        .set("category", CATEGORIES[c])
        .set("year", 2015 + rnd.nextInt(11))
        .set("price", Math.round((5 + rnd.nextDouble() * 195) * 100) / 100f)
        .set("tags", rnd.nextInt(10) == 0 ? null : tags)
        .set("embedding", mix(centroids[c], gaussian(rnd, 0.45)))
        .build();
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }

  private void show(List<Hit> hits) {
    out.printf("  %-11s %7s  %-28s %-9s %4s%n", "id", "cosine", "title", "category", "year");
    for (Hit h : hits) {
      Document d = h.document();
      out.printf(
          Locale.ROOT,
          "  %-11s %7.4f  %-28s %-9s %4s%n",
          h.id(),
          h.score(),
          d.getString("title"),
          d.getString("category"),
          d.getInt("year"));
    }
  }

  private static String describe(CollectionStats s) {
    return String.format(
        Locale.ROOT,
        "version %d, %,d documents, %d segment(s), %,d in memory, %.1f MB on disk",
        s.version(),
        s.liveDocuments(),
        s.segments(),
        s.memtableDocuments(),
        s.diskBytes() / 1e6);
  }

  private static float[] gaussian(Random rnd, double sigma) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (rnd.nextGaussian() * sigma);
    }
    return v;
  }

  private static float[] mix(float[] a, float[] b) {
    float[] v = new float[a.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = a[i] + b[i];
    }
    return v;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
