package io.quiver.springai.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** The README's example compiles (it is {@link Example}), runs, and is quoted verbatim. */
class ExampleTest {
  @TempDir Path tmp;

  /** Letter counts: enough for an example that only needs some vector per text. */
  private static final EmbeddingModel LETTERS =
      new EmbeddingModel() {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
          return new EmbeddingResponse(
              request.getInstructions().stream().map(t -> new Embedding(embed(t), 0)).toList());
        }

        @Override
        public float[] embed(String text) {
          float[] v = new float[27];
          v[26] = 1;
          for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
              v[c - 'a']++;
            }
          }
          return v;
        }

        @Override
        public float[] embed(Document document) {
          return embed(document.getText());
        }
      };

  @Test
  void exampleRuns() {
    List<String> printed = Example.run(tmp, LETTERS);
    assertEquals(1, printed.size());
    assertTrue(
        printed.get(0).endsWith(" Quiver keeps vectors in a directory."), printed.toString());
  }

  @Test
  void readmeQuotesTheExample() throws IOException {
    String code = Files.readString(Path.of("src/test/java/io/quiver/springai/readme/Example.java"));
    String block =
        code.substring(code.indexOf("// README:begin") + 15, code.indexOf("    // README:end"));
    String expected =
        block
            .stripTrailing()
            .stripIndent()
            .strip()
            .replace("printed.add(", "System.out.println(")
            .replace("dir.resolve(\"docs\")", "Path.of(\"docs\")");
    String readme = Files.readString(Path.of("README.md")).replace("\r\n", "\n");
    assertTrue(readme.contains(expected), "README.md must contain the example:\n" + expected);
  }
}
