package io.quiver.embed.onnx.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's text search example compiles (it is {@link TextQuickStart}), runs, and is quoted.
 */
class TextQuickStartTest {
  @TempDir Path tmp;

  @Test
  void textSearchRuns() {
    List<String> printed = TextQuickStart.run(tmp);
    assertEquals(2, printed.size());
    assertTrue(printed.get(0).startsWith("moby-dick "), printed.toString());
  }

  @Test
  void readmeQuotesTheExample() throws IOException {
    String code =
        Files.readString(Path.of("src/test/java/io/quiver/embed/onnx/readme/TextQuickStart.java"));
    String block =
        code.substring(code.indexOf("// README:begin") + 15, code.indexOf("    // README:end"));
    String expected =
        block
            .stripTrailing()
            .stripIndent()
            .strip()
            .replace("printed.add(", "System.out.println(")
            .replace("dir.resolve(\"novels\")", "Path.of(\"novels\")");
    String readme = Files.readString(Path.of("..", "README.md")).replace("\r\n", "\n");
    assertTrue(
        readme.contains(expected),
        "README.md must contain the example of TextQuickStart.java:\n" + expected);
  }
}
