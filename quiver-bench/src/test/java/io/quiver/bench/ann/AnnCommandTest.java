package io.quiver.bench.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON lines of {@code ann} on a tiny generated set, per engine: keys and value types. */
class AnnCommandTest {
  @TempDir static Path data;

  private static final Set<String> BUILD_KEYS =
      Set.of("phase", "engine", "index", "n", "dim", "insert_s", "build_s", "rss_mb");
  private static final Set<String> QUERY_KEYS =
      Set.of("phase", "engine", "k", "queries", "qps", "recall");

  @BeforeAll
  static void generate() {
    int rc =
        BenchMain.run(
            "gen",
            "--out",
            data.toString(),
            "--n",
            "2000",
            "--dim",
            "16",
            "--queries",
            "20",
            "--clusters",
            "8",
            "--k",
            "20");
    assertEquals(0, rc);
  }

  /** Runs {@code ann} and returns its exit status and stdout lines. */
  private static Run ann(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ann",
                "--base",
                data.resolve("base.fvecs").toString(),
                "--query",
                data.resolve("query.fvecs").toString(),
                "--ef",
                "10,40",
                "--m",
                "8",
                "--efc",
                "40"));
    args.addAll(List.of(extra));
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      rc = BenchMain.run(args.toArray(String[]::new));
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    return new Run(rc, out.isEmpty() ? List.of() : List.of(out.split("\n")));
  }

  private record Run(int rc, List<String> lines) {}

  @ParameterizedTest
  @CsvSource({
    "lucene,none",
    "lucene,int8",
    "lucene,int4",
    "jvector,none",
    "jvector,pq",
    "hnswlib,none"
  })
  void peerPrintsBuildThenOneLinePerEf(String engine, String quantize) {
    Run r =
        ann(
            "--engine",
            engine,
            "--quantize",
            quantize,
            "--gt",
            data.resolve("gt.ivecs").toString());
    assertEquals(0, r.rc());
    checkShape(r.lines(), engine, null);
  }

  @ParameterizedTest
  @CsvSource({"lucene", "jvector"})
  void filteredRunComputesItsOwnGroundTruth(String engine) {
    Run r =
        ann(
            "--engine",
            engine,
            "--attrs",
            data.resolve("attrs.tsv").toString(),
            "--filter",
            "cat < 100");
    assertEquals(0, r.rc());
    checkShape(r.lines(), engine, "cat < 100");
    // With the filter as a hard constraint the top hits are all allowed rows; recall stays high.
    double recall = ((Number) TinyJson.parse(r.lines().get(2)).get("recall")).doubleValue();
    assertTrue(recall > 0.8, "recall " + recall);
  }

  @Test
  void severalFiltersShareOneBuild() {
    Run r =
        ann(
            "--engine",
            "lucene",
            "--attrs",
            data.resolve("attrs.tsv").toString(),
            "--filter",
            "",
            "--gt",
            data.resolve("gt.ivecs").toString(),
            "--filter",
            "cat < 10",
            "--gt",
            data.resolve("gt.cat_lt_10.ivecs").toString(),
            "--filter",
            "cat < 500",
            "--gt",
            data.resolve("gt.cat_lt_500.ivecs").toString());
    assertEquals(0, r.rc());
    assertEquals(7, r.lines().size(), String.join("\n", r.lines()));
    assertEquals("build", TinyJson.parse(r.lines().get(0)).get("phase"));
    assertFalse(TinyJson.parse(r.lines().get(1)).containsKey("filter"), "blank = unfiltered");
    assertEquals("cat < 10", TinyJson.parse(r.lines().get(4)).get("filter"));
    assertEquals("cat < 500", TinyJson.parse(r.lines().get(5)).get("filter"));
    // Ground truth from gen under the same filter: Lucene's filtered search is exact here.
    assertEquals(1.0, ((Number) TinyJson.parse(r.lines().get(4)).get("recall")).doubleValue());
  }

  @Test
  void hnswlibRefusesFilters() {
    Run r =
        ann(
            "--engine",
            "hnswlib",
            "--attrs",
            data.resolve("attrs.tsv").toString(),
            "--filter",
            "cat < 100");
    assertEquals(BenchMain.EXIT_UNSUPPORTED, r.rc());
    assertEquals(List.of(), r.lines());
  }

  @Test
  void unsupportedQuantizationExitsTwo() {
    Run r = ann("--engine", "lucene", "--quantize", "pq");
    assertEquals(BenchMain.EXIT_UNSUPPORTED, r.rc());
    assertEquals(List.of(), r.lines());
  }

  @Test
  void quiverRunsThroughTheSameCommand() {
    Run r = ann("--engine", "quiver", "--gt", data.resolve("gt.ivecs").toString());
    assertEquals(0, r.rc());
    checkShape(r.lines(), "quiver", null);
  }

  @Test
  void deleteQueriesAgainAgainstTheRowsLeft() {
    Run r = ann("--engine", "quiver", "--delete", "0.3");
    assertEquals(0, r.rc());
    assertEquals(5, r.lines().size(), String.join("\n", r.lines()));
    for (int i = 1; i < 5; i++) {
      Map<String, Object> q = TinyJson.parse(r.lines().get(i));
      assertEquals(i <= 2 ? null : 0.3, q.get("deleted"), q.toString());
    }
    // Against the ground truth of the rows left, a search that still returned deleted rows would
    // lose about 0.3 of its recall; one that honours the deletes stays where it was.
    for (int i = 1; i <= 2; i++) {
      double before = ((Number) TinyJson.parse(r.lines().get(i)).get("recall")).doubleValue();
      double after = ((Number) TinyJson.parse(r.lines().get(i + 2)).get("recall")).doubleValue();
      assertTrue(after >= before - 0.1, "recall " + before + " before the deletes, " + after);
    }
  }

  @Test
  void deleteIsAShareOfTheRows() {
    Run r = ann("--engine", "quiver", "--delete", "1.5");
    assertEquals(BenchMain.EXIT_UNSUPPORTED, r.rc());
    assertEquals(List.of(), r.lines());
  }

  private static void checkShape(List<String> lines, String engine, String filter) {
    assertEquals(3, lines.size(), String.join("\n", lines));
    Map<String, Object> build = TinyJson.parse(lines.get(0));
    assertTrue(build.keySet().containsAll(BUILD_KEYS), build.toString());
    assertEquals("build", build.get("phase"));
    assertTrue(((String) build.get("engine")).startsWith(engine + "-"));
    assertEquals("hnsw", build.get("index"));
    assertEquals(2000L, build.get("n"));
    assertEquals(16L, build.get("dim"));
    assertInstanceOf(Number.class, build.get("insert_s"));
    assertInstanceOf(Number.class, build.get("build_s"));
    assertInstanceOf(Long.class, build.get("rss_mb"));
    int[] efs = {10, 40};
    for (int i = 0; i < 2; i++) {
      Map<String, Object> q = TinyJson.parse(lines.get(i + 1));
      assertTrue(q.keySet().containsAll(QUERY_KEYS), q.toString());
      assertEquals("query", q.get("phase"));
      assertEquals(build.get("engine"), q.get("engine"));
      assertEquals((long) efs[i], q.get("ef"));
      assertEquals(10L, q.get("k"));
      assertEquals(20L, q.get("queries"));
      assertInstanceOf(Long.class, q.get("qps"));
      double recall = ((Number) q.get("recall")).doubleValue();
      assertTrue(recall >= 0 && recall <= 1, "recall " + recall);
      assertEquals(filter, q.get("filter"));
    }
  }
}
