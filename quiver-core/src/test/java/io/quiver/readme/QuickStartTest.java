package io.quiver.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start compiles (it is {@link QuickStart}), runs, and is quoted verbatim. */
class QuickStartTest {
  @TempDir Path tmp;

  @Test
  void quickStartRuns() {
    List<String> printed = QuickStart.run(tmp);
    assertEquals(2, printed.size());
    assertTrue(printed.get(0).startsWith("moby-dick "), printed.toString());
    assertTrue(printed.get(1).startsWith("walden "), printed.toString());
  }

  @Test
  void readmeQuotesTheQuickStart() throws IOException {
    Path source = Path.of("src/test/java/io/quiver/readme/QuickStart.java");
    String code = Files.readString(source);
    String block =
        code.substring(code.indexOf("// README:begin") + 15, code.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("..", "README.md"));
    String expected =
        block
            .stripTrailing()
            .stripIndent()
            .strip()
            .replace("printed.add(", "System.out.println(")
            .replace("dir.resolve(\"books\")", "Path.of(\"books\")");
    String normalizedReadme = readme.replace("\r\n", "\n");
    assertTrue(
        normalizedReadme.contains(expected),
        "README.md must contain the quick start of QuickStart.java:\n" + expected);
  }
}
