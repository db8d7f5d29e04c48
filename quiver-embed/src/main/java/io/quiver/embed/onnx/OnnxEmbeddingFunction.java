package io.quiver.embed.onnx;

import io.quiver.InvalidArgumentException;
import io.quiver.embed.DenseEmbeddingFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dense embedding function running a transformer encoder exported to ONNX, with its Hugging Face
 * {@code tokenizer.json}: texts are tokenized (special tokens added, cut at {@link #maxLength()}
 * tokens), run through the model in one batch, pooled ({@link Pooling}) and, by default, scaled to
 * length 1. Thread-safe; each call runs on the calling thread, so call it from several threads to
 * use several cores (a collection does so within its {@code optimizeThreads}).
 *
 * <p>Made by {@link OnnxEmbeddings#allMiniLmL6V2()} (the built-in model) or by {@link
 * #builder(Path, Path)} for a model of your own:
 *
 * <pre>{@code
 * OnnxEmbeddingFunction bge = OnnxEmbeddingFunction.builder(
 *         Path.of("models/bge-small/model.onnx"), Path.of("models/bge-small/tokenizer.json"))
 *     .pooling(Pooling.CLS)
 *     .maxLength(512)
 *     .build();
 * }</pre>
 *
 * A function from files is stored as the name {@value OnnxEmbeddings#ONNX} with the absolute paths,
 * the SHA-256 of both files and the settings: a reopened collection loads the same files, and
 * refuses to open if they changed (its stored vectors would no longer match new ones).
 *
 * <p>Functions share a loaded model: building the same one twice costs no second load. Close every
 * function you build; the model is unloaded when the last one using it is closed.
 */
public final class OnnxEmbeddingFunction implements DenseEmbeddingFunction {
  /**
   * Texts per model run unless set: measured on MiniLM on a CPU, runs of 1 to 8 texts of similar
   * length give the most texts per CPU second, and 32 about a fifth less (larger activations).
   */
  public static final int DEFAULT_ONNX_BATCH_SIZE = 8;

  private final String name;
  private final Map<String, String> config;
  private final LoadedModel model;
  private final Pooling pooling;
  private final boolean normalize;
  private final int maxLength;
  private final int dimension;
  private final int batchSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  OnnxEmbeddingFunction(
      String name,
      Map<String, String> config,
      LoadedModel model,
      Pooling pooling,
      boolean normalize,
      int maxLength,
      int dimension,
      int batchSize) {
    this.name = name;
    this.config = Map.copyOf(config);
    this.model = model;
    this.pooling = pooling;
    this.normalize = normalize;
    this.maxLength = maxLength;
    this.dimension = dimension;
    this.batchSize = batchSize;
  }

  /** A builder for a model of your own: an ONNX file and the tokenizer.json it was trained with. */
  public static Builder builder(Path model, Path tokenizer) {
    return new Builder(model, tokenizer);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public boolean normalized() {
    return normalize;
  }

  /** The most tokens of a text the model sees (special tokens included); the rest is cut. */
  public int maxLength() {
    return maxLength;
  }

  /** How token vectors become one vector per text. */
  public Pooling pooling() {
    return pooling;
  }

  /** The token ids the model sees for {@code text}: special tokens added, cut at maxLength. */
  public long[] tokenIds(String text) {
    checkOpen();
    return model.tokenIds(text);
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    checkOpen();
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new InvalidArgumentException("text " + i + " of " + texts.size() + " is null");
      }
    }
    if (texts.size() <= batchSize) {
      return texts.isEmpty() ? List.of() : Arrays.asList(model.embed(texts, pooling, normalize));
    }
    // A long list: batches of texts of similar length, since a batch is padded to its longest.
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> texts.get(a).length() - texts.get(b).length());
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      List<String> batch = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        batch.add(texts.get(order[i]));
      }
      float[][] vectors = model.embed(batch, pooling, normalize);
      for (int i = from; i < to; i++) {
        out[order[i]] = vectors[i - from];
      }
    }
    return Arrays.asList(out);
  }

  /** Releases this function's hold on the model; the last function using it unloads it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      model.release();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("embedding function '" + name + "' was closed");
    }
  }

  @Override
  public String toString() {
    return "OnnxEmbeddingFunction[" + name + " " + config + ", dim=" + dimension + "]";
  }

  /** Builds an {@link OnnxEmbeddingFunction} over model files of your own. */
  public static final class Builder {
    private final Path model;
    private final Path tokenizer;
    private Pooling pooling = Pooling.MEAN;
    private boolean normalize = true;
    private int maxLength = 512;
    private String output;
    private int dimension = -1;
    private int batchSize = DEFAULT_ONNX_BATCH_SIZE;
    private String expectedModelSha256;
    private String expectedTokenizerSha256;

    private Builder(Path model, Path tokenizer) {
      if (model == null || tokenizer == null) {
        throw new InvalidArgumentException("an ONNX embedding needs a model and a tokenizer file");
      }
      this.model = model.toAbsolutePath().normalize();
      this.tokenizer = tokenizer.toAbsolutePath().normalize();
    }

    /** How token vectors are pooled (default {@link Pooling#MEAN}). */
    public Builder pooling(Pooling value) {
      this.pooling = value;
      return this;
    }

    /** Whether vectors are scaled to length 1 (default true). */
    public Builder normalize(boolean value) {
      this.normalize = value;
      return this;
    }

    /** The most tokens per text the model sees, 2..8192 (default 512). */
    public Builder maxLength(int value) {
      this.maxLength = value;
      return this;
    }

    /** The model output to use (default: its first output). */
    public Builder output(String value) {
      this.output = value;
      return this;
    }

    /** The vector dimension, needed only when the model does not fix it in its output shape. */
    public Builder dimension(int value) {
      this.dimension = value;
      return this;
    }

    /**
     * Texts per model run (default {@value #DEFAULT_ONNX_BATCH_SIZE}); not stored. Use 1 for a
     * model with dynamic quantization, whose vectors otherwise depend on the texts batched
     * together.
     */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Fingerprints the files must have (a reopened collection passes the stored ones). */
    Builder expectFingerprints(String modelSha256, String tokenizerSha256) {
      this.expectedModelSha256 = modelSha256;
      this.expectedTokenizerSha256 = tokenizerSha256;
      return this;
    }

    /**
     * Loads the model (or shares one already loaded).
     *
     * @throws InvalidArgumentException if a file is missing, changed since the fingerprints given,
     *     or is not a model or tokenizer this function can run
     */
    public OnnxEmbeddingFunction build() {
      if (pooling == null) {
        throw new InvalidArgumentException("pooling must not be null");
      }
      if (maxLength < 2 || maxLength > 8192) {
        throw new InvalidArgumentException("maxLength " + maxLength + " is outside 2..8192");
      }
      if (batchSize < 1 || batchSize > 4096) {
        throw new InvalidArgumentException("batchSize " + batchSize + " is outside 1..4096");
      }
      String modelSha = sha256(model, "model", expectedModelSha256);
      String tokenizerSha = sha256(tokenizer, "tokenizer", expectedTokenizerSha256);
      Map<String, String> config = new LinkedHashMap<>();
      config.put("model", model.toString());
      config.put("modelSha256", modelSha);
      config.put("tokenizer", tokenizer.toString());
      config.put("tokenizerSha256", tokenizerSha);
      config.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
      config.put("normalize", Boolean.toString(normalize));
      config.put("maxLength", Integer.toString(maxLength));
      if (output != null) {
        config.put("output", output);
      }
      if (dimension > 0) {
        config.put("dimension", Integer.toString(dimension));
      }
      String key = String.join("|", "file", modelSha, tokenizerSha, "" + maxLength, "" + output);
      LoadedModel loaded =
          LoadedModel.acquire(
              key,
              new LoadedModel.Source() {
                @Override
                public byte[] model() throws IOException {
                  return Files.readAllBytes(model);
                }

                @Override
                public InputStream tokenizer() throws IOException {
                  return Files.newInputStream(tokenizer);
                }

                @Override
                public String describe() {
                  return "the ONNX model " + model;
                }
              },
              maxLength,
              output);
      try {
        int dim = OnnxEmbeddings.checkDimension(loaded, dimension, "the ONNX model " + model);
        return new OnnxEmbeddingFunction(
            OnnxEmbeddings.ONNX, config, loaded, pooling, normalize, maxLength, dim, batchSize);
      } catch (RuntimeException e) {
        loaded.release();
        throw e;
      }
    }

    private static String sha256(Path file, String what, String expected) {
      if (!Files.isRegularFile(file)) {
        throw new InvalidArgumentException("the " + what + " file " + file + " does not exist");
      }
      try (InputStream in = Files.newInputStream(file)) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (expected != null && !expected.equals(actual)) {
          throw new InvalidArgumentException(
              "the "
                  + what
                  + " file "
                  + file
                  + " changed since the collection was created (SHA-256 "
                  + actual
                  + ", expected "
                  + expected
                  + "): vectors computed now would not match the stored ones; restore the"
                  + " file or create the collection again");
        }
        return actual;
      } catch (IOException e) {
        throw new InvalidArgumentException("cannot read the " + what + " file " + file + ": " + e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
