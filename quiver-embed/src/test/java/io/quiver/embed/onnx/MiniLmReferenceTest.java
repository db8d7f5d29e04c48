package io.quiver.embed.onnx;

import static io.quiver.embed.onnx.Models.dot;
import static io.quiver.embed.onnx.Models.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The built-in model against reference values of the original model: the token ids of BERT's
 * uncased WordPiece vocabulary, and the embeddings and cosine similarities that
 * sentence-transformers (PyTorch) prints for all-MiniLM-L6-v2 in its documentation. They check the
 * tokenizer, the ONNX export, the mean pooling over the attention mask and the normalization
 * together.
 */
class MiniLmReferenceTest {
  static final String[] WEATHER = {
    "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."
  };

  @Test
  void tokenizerMatchesBertUncasedWordPiece() {
    OnnxEmbeddingFunction f = Models.fp32();
    assertArrayEquals(
        new long[] {101, 2023, 2003, 2019, 2742, 6251, 102},
        f.tokenIds("This is an example sentence"));
    long[] cut = f.tokenIds("word ".repeat(1000));
    assertEquals(256, cut.length, "texts are cut at 256 tokens, like sentence-transformers");
    assertEquals(101, cut[0]);
    assertEquals(102, cut[255]);
  }

  @Test
  void fp32MatchesSentenceTransformers() {
    OnnxEmbeddingFunction f = Models.fp32();
    assertEquals(384, f.dimension());
    // sentence-transformers: model.encode(["This is an example sentence"])[0][:5]
    float[] example = f.embed("This is an example sentence");
    float[] expected = {0.0676569f, 0.0634960f, 0.0487131f, 0.0793050f, 0.0374481f};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], example[i], 2e-5, "component " + i);
    }
    assertEquals(1.0, dot(example, example), 1e-5);
    // sentence-transformers' quick start: similarities 0.6660, 0.1046, 0.1411
    List<float[]> v = f.embed(List.of(WEATHER));
    assertEquals(0.6660, dot(v.get(0), v.get(1)), 2e-4);
    assertEquals(0.1046, dot(v.get(0), v.get(2)), 2e-4);
    assertEquals(0.1411, dot(v.get(1), v.get(2)), 2e-4);
  }

  @Test
  void quantizedIsCloseToFp32() {
    OnnxEmbeddingFunction q = Models.quantized();
    List<float[]> v = q.embed(List.of(WEATHER));
    assertEquals(0.6660, dot(v.get(0), v.get(1)), 0.03);
    assertEquals(0.1046, dot(v.get(0), v.get(2)), 0.03);
    assertEquals(0.1411, dot(v.get(1), v.get(2)), 0.03);
    List<float[]> exact = Models.fp32().embed(List.of(WEATHER));
    for (int i = 0; i < WEATHER.length; i++) {
      assertEquals(1.0, dot(v.get(i), v.get(i)), 1e-5);
      float cos = dot(v.get(i), exact.get(i));
      assertTrue(cos > 0.97, "cosine to the fp32 vector " + cos + " for " + WEATHER[i]);
    }
  }

  /** Texts of very different lengths, so that batches are padded a lot. */
  static List<String> varied(int n, long seed) {
    Random rnd = new Random(seed);
    String[] words =
        "the congress shall pass laws on taxes tariffs railroads war and peace with nations"
            .split(" ");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = rnd.nextInt(i % 5 == 0 ? 120 : 12) + 1; w > 0; w--) {
        sb.append(words[rnd.nextInt(words.length)]).append(' ');
      }
      texts.add(sb.toString().strip());
    }
    return texts;
  }

  @Test
  void batchesAndThreadsGiveTheVectorsOfOneByOne() throws Exception {
    // fp32 runs batches of 8: padding and batch shape change only float rounding.
    assertSameAsOneByOne(Models.fp32(), 1e-4f);
    // The quantized model runs one text at a time, so its vectors are exactly the same.
    assertSameAsOneByOne(Models.quantized(), 0f);
  }

  private static void assertSameAsOneByOne(OnnxEmbeddingFunction f, float tolerance)
      throws Exception {
    List<String> texts = varied(40, 7); // several batches
    List<float[]> batched = f.embed(texts);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<float[]>> single = new ArrayList<>();
      for (String t : texts) {
        single.add(pool.submit(() -> f.embed(t)));
      }
      for (int i = 0; i < texts.size(); i++) {
        float diff = maxAbsDiff(batched.get(i), single.get(i).get());
        assertTrue(
            diff <= tolerance, f + ": text " + i + " differs by " + diff + ": " + texts.get(i));
      }
    } finally {
      pool.shutdown();
    }
  }
}
