package io.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver demo} runs end to end on a slice of the corpus and prints every section. */
class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoRunsOnASliceOfTheCorpus() throws Exception {
    assertEquals(2097, DemoCommand.corpus(Integer.MAX_VALUE).size(), "the whole corpus");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int status;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      status =
          new CommandLine(new QuiverCli())
              .execute("demo", "--dir", tmp.resolve("d").toString(), "--passages", "150");
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, out);
    for (String expected :
        List.of(
            "Inserted 150 passages",
            "\"How can we make medical care affordable for every family?\"",
            "[filter: year > 1950]",
            "Change a passage",
            "embedded by 'all-minilm-l6-v2' {variant=quantized}",
            "Done in")) {
      assertTrue(out.contains(expected), "missing \"" + expected + "\" in:\n" + out);
    }
  }

  @Test
  void wrapsAtWordBoundaries() {
    assertEquals(List.of("one two", "three"), DemoCommand.wrap("one two three", 8));
  }
}
