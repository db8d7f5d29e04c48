package io.quiver.langchain4j.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example compiles (it is {@link Example}), runs, and is quoted verbatim. */
class ExampleTest {
  @TempDir Path tmp;

  @Test
  void exampleRuns() {
    List<String> printed = Example.run(tmp, new AllMiniLmL6V2QuantizedEmbeddingModel());
    assertEquals(1, printed.size());
    assertTrue(
        printed.get(0).endsWith(" Quiver keeps vectors in a directory."), printed.toString());
  }

  @Test
  void readmeQuotesTheExample() throws IOException {
    String code =
        Files.readString(Path.of("src/test/java/io/quiver/langchain4j/readme/Example.java"));
    String block =
        code.substring(code.indexOf("// README:begin") + 15, code.indexOf("    // README:end"));
    String expected =
        block
            .stripTrailing()
            .stripIndent()
            .strip()
            .replace("printed.add(", "System.out.println(")
            .replace("dir.resolve(\"segments\")", "Path.of(\"segments\")");
    String readme = Files.readString(Path.of("README.md")).replace("\r\n", "\n");
    assertTrue(readme.contains(expected), "README.md must contain the example:\n" + expected);
  }
}
