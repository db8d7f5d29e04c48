package io.quiver.internal.embed;

import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.QuiverException;
import io.quiver.embed.DenseEmbeddingFunction;
import io.quiver.embed.EmbeddingFunction;
import io.quiver.embed.SparseEmbeddingFunction;
import io.quiver.internal.embed.FunctionResolver.Resolved;
import io.quiver.query.Query;
import io.quiver.query.SubQuery;
import io.quiver.query.TextQuery;
import io.quiver.query.VectorQuery;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Limits;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.SparseVector;
import io.quiver.schema.VectorField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedding functions of one collection's bound vector fields, and the two places they run:
 * filling the vectors of documents before a write reaches the engine, and turning {@link
 * TextQuery}s into {@link VectorQuery}s before a query reaches the searcher. Neither the log nor
 * the engine ever sees a text to embed: the log holds the computed vectors, so recovery never runs
 * a model.
 *
 * <p>A write call's texts are grouped per field, sorted by length (so a batch pads little), cut
 * into batches of the function's {@link EmbeddingFunction#batchSize()}, and run on the calling
 * thread plus up to {@code optimizeThreads - 1} pool threads ({@code quiver-embed-<dir>-N}),
 * created on first need.
 */
public final class Embedder implements AutoCloseable {
  private final Map<String, Resolved> byField;
  private final int threads;
  private final String poolName;
  private ExecutorService pool; // guarded by this; created on first parallel call

  private Embedder(Map<String, Resolved> byField, int threads, String poolName) {
    this.byField = byField;
    this.threads = threads;
    this.poolName = poolName;
  }

  /**
   * Resolves the function of every bound field of {@code schema}; fails (closing what it created)
   * when one cannot be found or does not fit its field.
   */
  public static Embedder open(Schema schema, CollectionOptions options, String poolName) {
    Map<String, Resolved> byField = new LinkedHashMap<>();
    try {
      for (VectorField f : schema.vectorFields()) {
        if (f.isEmbedded()) {
          byField.put(f.name(), FunctionResolver.resolve(f, options.embeddingFunctions()));
        }
      }
    } catch (RuntimeException e) {
      throw closeOwned(byField, e);
    }
    return new Embedder(byField, options.optimizeThreads(), poolName);
  }

  /** Whether no field is bound (then {@link #fill} and {@link #resolveText} change nothing). */
  public boolean isEmpty() {
    return byField.isEmpty();
  }

  /**
   * The documents with their bound vectors filled: for each bound field a document leaves out, the
   * vector of its source text if it carries one, or null if it carries a null text (an update that
   * clears the text clears the vector). Documents are otherwise unchanged, and malformed input is
   * passed through for the engine to report.
   */
  public List<Document> fill(List<Document> docs, Schema schema) {
    if (byField.isEmpty() || docs == null || docs.size() > Limits.MAX_BATCH_SIZE) {
      return docs;
    }
    List<FieldWork> works = new ArrayList<>();
    Map<Integer, Map<String, Object>> changes = new LinkedHashMap<>();
    for (VectorField vf : schema.vectorFields()) {
      Resolved r = byField.get(vf.name());
      if (r == null || !vf.isEmbedded()) {
        continue;
      }
      String source = vf.embedding().sourceField();
      FieldWork w = new FieldWork(vf, r.function());
      for (int i = 0; i < docs.size(); i++) {
        Document d = docs.get(i);
        if (d == null || d.has(vf.name()) || !d.has(source)) {
          continue; // the caller's vector (or explicit null) wins; no text, nothing to do
        }
        Object text = d.get(source);
        if (text == null) {
          changes.computeIfAbsent(i, k -> new LinkedHashMap<>()).put(vf.name(), null);
        } else if (text instanceof String s) {
          w.add(i, s);
        } // any other type is the validator's to report
      }
      if (!w.docIndex.isEmpty()) {
        works.add(w);
      }
    }
    if (works.isEmpty() && changes.isEmpty()) {
      return docs;
    }
    runAll(batches(works));
    for (FieldWork w : works) {
      for (int j = 0; j < w.docIndex.size(); j++) {
        changes
            .computeIfAbsent(w.docIndex.get(j), k -> new LinkedHashMap<>())
            .put(w.field.name(), w.out[j]);
      }
    }
    List<Document> out = new ArrayList<>(docs);
    changes.forEach(
        (i, fields) -> {
          Document.Builder b = docs.get(i).toBuilder();
          fields.forEach(b::set);
          out.set(i, b.build());
        });
    return out;
  }

  /** {@code query} with each {@link TextQuery} replaced by the vector query of its embedding. */
  public Query resolveText(Query query, Schema schema) {
    if (query.subQueries().stream().noneMatch(q -> q instanceof TextQuery)) {
      return query;
    }
    List<SubQuery> out = new ArrayList<>(query.subQueries().size());
    for (SubQuery sq : query.subQueries()) {
      out.add(sq instanceof TextQuery t ? toVectorQuery(t, schema) : sq);
    }
    return query.withSubQueries(out);
  }

  private VectorQuery toVectorQuery(TextQuery t, Schema schema) {
    VectorField vf = boundField(t.field(), schema);
    EmbeddingFunction f = byField.get(vf.name()).function();
    if (!(f instanceof DenseEmbeddingFunction d)) {
      throw new InvalidArgumentException(
          "field '"
              + vf.name()
              + "' is sparse; text queries on sparse fields are not supported yet (query a dense"
              + " embedded field)");
    }
    FieldWork w = new FieldWork(vf, f);
    w.add(0, t.text());
    w.out = new Object[1];
    run(new Batch(w, new int[] {0}));
    return new VectorQuery(vf.name(), (float[]) w.out[0]);
  }

  /** The bound vector field a text query names: itself, or the one embedded from that field. */
  private VectorField boundField(String name, Schema schema) {
    FieldSpec spec =
        schema
            .field(name)
            .orElseThrow(
                () -> new InvalidArgumentException("field '" + name + "' is not in the schema"));
    if (spec instanceof VectorField vf) {
      if (!vf.isEmbedded() || !byField.containsKey(vf.name())) {
        throw new InvalidArgumentException(
            "field '"
                + name
                + "' has no embedding function, so it cannot be queried with a text; query it"
                + " with a vector, or bind it with VectorField.withEmbedding");
      }
      return vf;
    }
    ScalarField sf = (ScalarField) spec;
    List<VectorField> fromIt = new ArrayList<>();
    for (VectorField vf : schema.vectorFields()) {
      if (vf.isEmbedded() && vf.embedding().sourceField().equals(sf.name())) {
        fromIt.add(vf);
      }
    }
    if (fromIt.size() != 1) {
      throw new InvalidArgumentException(
          "field '"
              + name
              + "' is a scalar field "
              + (fromIt.isEmpty()
                  ? "that no vector field is embedded from"
                  : "that " + fromIt.size() + " vector fields are embedded from")
              + "; name the embedded vector field to query with a text");
    }
    return fromIt.getFirst();
  }

  // ---- batches ---------------------------------------------------------------------------

  /** The texts of one field in one write call, and their vectors once computed. */
  private static final class FieldWork {
    final VectorField field;
    final EmbeddingFunction function;
    final List<Integer> docIndex = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    Object[] out;

    FieldWork(VectorField field, EmbeddingFunction function) {
      this.field = field;
      this.function = function;
    }

    void add(int doc, String text) {
      docIndex.add(doc);
      texts.add(text);
    }
  }

  /** Positions (into a {@link FieldWork}'s lists) embedded by one call of the function. */
  private record Batch(FieldWork work, int[] positions) {}

  private static List<Batch> batches(List<FieldWork> works) {
    List<Batch> batches = new ArrayList<>();
    for (FieldWork w : works) {
      w.out = new Object[w.texts.size()];
      // Similar lengths side by side: a batch is padded to its longest text.
      Integer[] order = new Integer[w.texts.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> w.texts.get(a).length() - w.texts.get(b).length());
      int size = w.function.batchSize();
      for (int from = 0; from < order.length; from += size) {
        int to = Math.min(order.length, from + size);
        int[] positions = new int[to - from];
        for (int i = from; i < to; i++) {
          positions[i - from] = order[i];
        }
        batches.add(new Batch(w, positions));
      }
    }
    return batches;
  }

  /** Runs every batch on this thread and up to {@code threads - 1} pool threads. */
  private void runAll(List<Batch> batches) {
    if (threads <= 1 || batches.size() <= 1) {
      for (Batch b : batches) {
        run(b);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(batches.size());
    // Every batch is claimed once and counted down once, run or (after a failure) skipped, so
    // waiting for the latch waits exactly for the claimed work; a helper that starts late finds
    // nothing left and returns at once.
    Runnable worker =
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < batches.size()) {
            try {
              if (failure.get() == null) {
                run(batches.get(i));
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              done.countDown();
            }
          }
        };
    ExecutorService p = pool();
    for (int h = Math.min(threads - 1, batches.size() - 1); h > 0; h--) {
      try {
        p.submit(worker);
      } catch (RejectedExecutionException closing) {
        break; // the caller's thread does the rest
      }
    }
    worker.run();
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  private static void run(Batch b) {
    FieldWork w = b.work();
    List<String> texts = new ArrayList<>(b.positions().length);
    for (int p : b.positions()) {
      texts.add(w.texts.get(p));
    }
    List<?> vectors;
    try {
      vectors =
          switch (w.function) {
            case DenseEmbeddingFunction d -> d.embed(texts);
            case SparseEmbeddingFunction s -> s.embed(texts);
          };
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(
          "field '"
              + w.field.name()
              + "': the embedding function '"
              + w.function.name()
              + "' failed on "
              + texts.size()
              + " text(s): "
              + e,
          e);
    }
    if (vectors == null || vectors.size() != texts.size()) {
      throw new InvalidArgumentException(
          "embedding function '"
              + w.function.name()
              + "' returned "
              + (vectors == null ? "null" : vectors.size() + " vectors")
              + " for "
              + texts.size()
              + " texts");
    }
    for (int i = 0; i < texts.size(); i++) {
      Object v = vectors.get(i);
      boolean fits =
          v instanceof float[] f
              ? f.length == w.field.dimension()
              : v instanceof SparseVector && !w.field.type().isDenseVector();
      if (!fits) {
        throw new InvalidArgumentException(
            "embedding function '"
                + w.function.name()
                + "' returned "
                + (v instanceof float[] f ? "a vector of dimension " + f.length : v)
                + " for field '"
                + w.field.name()
                + "', which needs "
                + (w.field.type().isDenseVector()
                    ? "dimension " + w.field.dimension()
                    : "a SparseVector"));
      }
      w.out[b.positions()[i]] = v;
    }
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              threads - 1,
              r -> {
                Thread t = new Thread(r, poolName + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return pool;
  }

  /** Stops the pool and closes the functions this collection created (not the caller's). */
  @Override
  public void close() {
    synchronized (this) {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    RuntimeException failure = closeOwned(byField, null);
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes the owned functions; returns the first failure (the others suppressed in it). */
  private static RuntimeException closeOwned(
      Map<String, Resolved> byField, RuntimeException failure) {
    for (Resolved r : byField.values()) {
      if (r.owned()) {
        try {
          r.function().close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    return failure;
  }
}
