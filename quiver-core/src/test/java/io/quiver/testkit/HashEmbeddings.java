package io.quiver.testkit;

import io.quiver.InvalidArgumentException;
import io.quiver.embed.DenseEmbeddingFunction;
import io.quiver.embed.EmbeddingFunction;
import io.quiver.embed.EmbeddingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic bag-of-words embedding for tests (no model): each lower-cased word adds ±1 to a
 * dimension picked by its hash, plus a constant so that no text maps to the zero vector; the result
 * is L2-normalized. Texts sharing words are close. Registered as the provider of {@value #NAME}
 * (test resources), so collections reopen with it like with a real model.
 */
public final class HashEmbeddings implements DenseEmbeddingFunction {
  /** The stored name. */
  public static final String NAME = "test-hash";

  private final int dimension;
  private final int batchSize;

  /** Calls of {@link #embed(List)} on instances of this class, across the JVM. */
  public static final AtomicInteger CALLS = new AtomicInteger();

  /** The most calls ever running at once. */
  public static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();

  /** The largest batch ever passed. */
  public static final AtomicInteger MAX_BATCH = new AtomicInteger();

  private static final AtomicInteger RUNNING = new AtomicInteger();

  /** A function of this dimension that wants {@code batchSize} texts per call. */
  public HashEmbeddings(int dimension, int batchSize) {
    this.dimension = dimension;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return Map.of("dimension", Integer.toString(dimension), "batch", Integer.toString(batchSize));
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public boolean normalized() {
    return true;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    CALLS.incrementAndGet();
    MAX_BATCH.accumulateAndGet(texts.size(), Math::max);
    MAX_CONCURRENT.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    try {
      List<float[]> out = new ArrayList<>(texts.size());
      for (String t : texts) {
        out.add(vector(t));
      }
      Thread.onSpinWait(); // a tiny pause so that parallel calls overlap more often
      return out;
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  /** The vector of one text, computed directly (the oracle for batched calls). */
  public float[] vector(String text) {
    float[] v = new float[dimension];
    v[0] = 0.25f;
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        int h = w.hashCode() * 0x9E3779B1;
        v[Math.floorMod(h >>> 1, dimension)] += (h & 1) == 0 ? 1 : -1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /** Creates {@link HashEmbeddings} from their stored configuration. */
  public static final class Provider implements EmbeddingProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public Set<String> names() {
      return Set.of(NAME);
    }

    @Override
    public EmbeddingFunction create(String name, Map<String, String> config) {
      try {
        return new HashEmbeddings(
            Integer.parseInt(config.get("dimension")), Integer.parseInt(config.get("batch")));
      } catch (RuntimeException e) {
        throw new InvalidArgumentException("test-hash needs dimension and batch, got " + config);
      }
    }
  }
}
