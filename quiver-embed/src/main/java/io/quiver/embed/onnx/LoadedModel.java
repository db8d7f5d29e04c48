package io.quiver.embed.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.quiver.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An ONNX Runtime session and its tokenizer, shared by every function that uses the same model
 * files and token limit (loading one costs seconds and tens of megabytes). Reference-counted: the
 * last {@link #release()} closes both. Runs hold a read lock and closing takes the write lock, so a
 * session is never freed under a running inference (which would crash the JVM, not throw).
 *
 * <p>The session runs each call on the calling thread alone (one intra-op thread): callers get
 * parallelism by calling from several threads, as a collection does, which scales better for a
 * small model than splitting one batch across threads, and keeps Quiver within its thread caps.
 */
final class LoadedModel {
  /** Loaded models by identity (files or resources, their fingerprint, the token limit). */
  private static final Map<String, LoadedModel> LOADED = new HashMap<>();

  /** Opens the model's bytes and its tokenizer.json; called at most once per load. */
  interface Source {
    /** The ONNX model file's bytes. */
    byte[] model() throws IOException;

    /** The tokenizer.json. */
    InputStream tokenizer() throws IOException;

    /** What to call the model in errors. */
    String describe();
  }

  private final String key;
  private final String description;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, NodeInfo> inputs;
  private final boolean int32Inputs;
  private final String output;
  private final int outputRank;
  private final int outputDimension;
  private int refs; // guarded by LOADED
  private boolean closed; // guarded by lock

  private LoadedModel(
      String key,
      String description,
      OrtSession session,
      HuggingFaceTokenizer tokenizer,
      String out)
      throws OrtException {
    this.key = key;
    this.description = description;
    this.session = session;
    this.tokenizer = tokenizer;
    this.inputs = session.getInputInfo();
    for (String name : inputs.keySet()) {
      if (!Set.of("input_ids", "attention_mask", "token_type_ids").contains(name)) {
        throw new InvalidArgumentException(
            description
                + " has the input '"
                + name
                + "'; this function feeds only input_ids, attention_mask and token_type_ids");
      }
    }
    if (!inputs.containsKey("input_ids")) {
      throw new InvalidArgumentException(description + " has no input named input_ids");
    }
    this.int32Inputs = ((TensorInfo) inputs.get("input_ids").getInfo()).type == OnnxJavaType.INT32;
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    this.output = out != null ? out : outputs.keySet().iterator().next();
    NodeInfo info = outputs.get(output);
    if (info == null || !(info.getInfo() instanceof TensorInfo t)) {
      throw new InvalidArgumentException(
          description
              + " has no tensor output '"
              + output
              + "' (outputs: "
              + outputs.keySet()
              + ")");
    }
    long[] shape = t.getShape();
    if (shape.length != 2 && shape.length != 3) {
      throw new InvalidArgumentException(
          description
              + ": output '"
              + output
              + "' has rank "
              + shape.length
              + "; expected [batch, tokens, dim] (pooled here) or [batch, dim]");
    }
    this.outputRank = shape.length;
    this.outputDimension = (int) shape[shape.length - 1]; // -1 when the model leaves it open
  }

  /**
   * The loaded model for {@code key}, loading it from {@code source} if no function holds it yet.
   * The caller must {@link #release()} it once.
   */
  static LoadedModel acquire(String key, Source source, int maxLength, String output) {
    synchronized (LOADED) {
      LoadedModel m = LOADED.get(key);
      if (m == null) {
        m = load(key, source, maxLength, output);
        LOADED.put(key, m);
      }
      m.refs++;
      return m;
    }
  }

  private static LoadedModel load(String key, Source source, int maxLength, String output) {
    NativeLibraries.prepare();
    HuggingFaceTokenizer tokenizer = null;
    OrtSession session = null;
    try (InputStream json = source.tokenizer()) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              json,
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(maxLength)));
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = OrtEnvironment.getEnvironment().createSession(source.model(), options);
      return new LoadedModel(key, source.describe(), session, tokenizer, output);
    } catch (IOException | OrtException | RuntimeException e) {
      if (session != null) {
        try {
          session.close();
        } catch (OrtException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (tokenizer != null) {
        tokenizer.close();
      }
      if (e instanceof InvalidArgumentException iae) {
        throw iae;
      }
      throw new InvalidArgumentException("could not load " + source.describe() + ": " + e, e);
    }
  }

  /** Gives back one reference; the last one closes the session and the tokenizer. */
  void release() {
    synchronized (LOADED) {
      if (--refs > 0) {
        return;
      }
      LOADED.remove(key);
    }
    lock.writeLock().lock();
    try {
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing " + description + " failed: " + e, e);
    } finally {
      tokenizer.close();
      lock.writeLock().unlock();
    }
  }

  /** The last dimension of the model's output, or -1 when the model does not fix it. */
  int outputDimension() {
    return outputDimension;
  }

  /** Tokens of {@code text} as the model sees them (special tokens included, truncated). */
  long[] tokenIds(String text) {
    lock.readLock().lock();
    try {
      checkOpen();
      return tokenizer.encode(text).getIds();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * One vector per text, in order: one session run over the texts padded to the longest, then
   * pooled (for a [batch, tokens, dim] output) and optionally scaled to length 1.
   */
  float[][] embed(List<String> texts, Pooling pooling, boolean normalize) {
    lock.readLock().lock();
    try {
      checkOpen();
      int n = texts.size();
      Encoding[] enc = new Encoding[n];
      int width = 1;
      for (int i = 0; i < n; i++) {
        // One text at a time: the batch call of the tokenizer library starts its own thread pool.
        enc[i] = tokenizer.encode(texts.get(i));
        width = Math.max(width, enc[i].getIds().length);
      }
      long[] ids = new long[n * width];
      long[] mask = new long[n * width];
      long[] types = new long[n * width];
      for (int i = 0; i < n; i++) {
        long[] t = enc[i].getIds();
        System.arraycopy(t, 0, ids, i * width, t.length);
        System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * width, t.length);
        System.arraycopy(enc[i].getTypeIds(), 0, types, i * width, t.length);
      }
      return run(n, width, ids, mask, types, pooling, normalize);
    } finally {
      lock.readLock().unlock();
    }
  }

  private float[][] run(
      int n, int width, long[] ids, long[] mask, long[] types, Pooling pooling, boolean normalize) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = {n, width};
    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
    try {
      feed.put("input_ids", tensor(env, ids, shape));
      if (inputs.containsKey("attention_mask")) {
        feed.put("attention_mask", tensor(env, mask, shape));
      }
      if (inputs.containsKey("token_type_ids")) {
        feed.put("token_type_ids", tensor(env, types, shape));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(output))) {
        OnnxValue value = result.get(output).orElseThrow();
        OnnxTensor out = (OnnxTensor) value;
        long[] outShape = out.getInfo().getShape();
        int dim = (int) outShape[outShape.length - 1];
        FloatBuffer data = out.getFloatBuffer();
        float[][] vectors =
            outputRank == 3
                ? Pooling.pool(pooling, data, mask, n, width, dim)
                : Pooling.rows(data, n, dim);
        if (normalize) {
          for (float[] v : vectors) {
            Pooling.normalize(v);
          }
        }
        return vectors;
      }
    } catch (OrtException e) {
      throw new InvalidArgumentException(
          "ONNX Runtime failed on " + n + " text(s) with " + description + ": " + e, e);
    } finally {
      for (OnnxTensor t : feed.values()) {
        t.close();
      }
    }
  }

  private OnnxTensor tensor(OrtEnvironment env, long[] values, long[] shape) throws OrtException {
    if (!int32Inputs) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
    int[] ints = new int[values.length];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = (int) values[i];
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(description + " was closed");
    }
  }
}
