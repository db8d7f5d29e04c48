package io.quiver.bench.engine;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.bench.data.AttributeTable;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.SearchParams;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quiver through its public API only, the way an application uses it: {@code Quiver.create(dir,
 * schema, options)} with one {@code VECTOR_FP32} field {@code v} carrying the requested index and
 * one indexed scalar field per attribute column, {@code insert} in batches of 1,000 (each batch
 * durable when the call returns, the default {@code SYNC} durability), then {@code optimize()}
 * (flush and finish every index build) as the end of the build. Queries are {@code Query} objects
 * with no output fields, {@code SearchParams(ef, nprobe, refineFactor)} and the filter expression
 * as given.
 *
 * <p>Refine: with a quantized index and refine on, {@code refineFactor = ceil(max(ef, k) / k)} so
 * that all the candidates the search keeps are re-scored, as for the peers; refine off asks for
 * {@code refineFactor = 1}, which only re-orders the top k and so leaves recall as without it.
 */
public final class QuiverEngine implements AnnEngine {
  private static final String FIELD = "v";
  private static final int BATCH = 1000;

  private final AnnConfig config;
  private Collection collection;

  /** Checks nothing: Quiver takes every index kind and quantization of the command line. */
  public QuiverEngine(AnnConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "quiver-" + Versions.of("quiver");
  }

  private Schema schema(AttributeTable attrs) {
    Quantization q =
        switch (config.quantize()) {
          case NONE -> Quantization.NONE;
          case FP16 -> Quantization.FP16;
          case INT8 -> Quantization.INT8;
          case INT4 -> Quantization.INT4;
          case PQ -> Quantization.PQ;
          case RABITQ -> Quantization.RABITQ;
        };
    VectorIndex index =
        switch (config.index()) {
          case FLAT -> VectorIndex.flat();
          case HNSW -> VectorIndex.hnsw(config.m(), config.efConstruction(), q);
          case IVF -> VectorIndex.ivf(config.nlist(), q);
        };
    Metric metric =
        switch (config.metric()) {
          case L2 -> Metric.L2;
          case IP -> Metric.IP;
          case COSINE -> Metric.COSINE;
        };
    Schema.Builder b = Schema.builder();
    if (attrs != null) {
      for (AttributeTable.Column c : attrs.columns()) {
        DataType t =
            switch (c.type()) {
              case INT32 -> DataType.INT32;
              case INT64 -> DataType.INT64;
              case FLOAT -> DataType.FLOAT;
              case DOUBLE -> DataType.DOUBLE;
              case STRING -> DataType.STRING;
              case BOOL -> DataType.BOOL;
            };
        b.add(ScalarField.of(c.name(), t).asIndexed());
      }
    }
    return b.vector(FIELD, DataType.VECTOR_FP32, config.dim(), metric, index).build();
  }

  @Override
  public void insert(float[][] base, AttributeTable attrs) {
    // A bulk load: the memtable is sized to hold the whole set, so it is flushed once and indexed
    // once (as the peers force-merge to one segment); the default 64 MB would index three
    // segments of fashion-mnist and search three graphs.
    long rawMb = (long) base.length * config.dim() * 4 / (1 << 20);
    CollectionOptions options =
        CollectionOptions.builder()
            .queryThreads(config.queryThreads())
            .optimizeThreads(config.buildThreads())
            .flushThresholdMb((int) Math.min(65_536, Math.max(64, rawMb * 2 + 64)))
            .build();
    collection = Quiver.create(config.dir(), schema(attrs), options);
    List<Document> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < base.length; i++) {
      Document.Builder d = Document.builder(Integer.toString(i)).set(FIELD, base[i]);
      if (attrs != null) {
        for (AttributeTable.Column c : attrs.columns()) {
          d.set(c.name(), c.get(i));
        }
      }
      batch.add(d.build());
      if (batch.size() == BATCH || i == base.length - 1) {
        for (WriteResult r : collection.insert(batch)) {
          r.orThrow();
        }
        batch.clear();
      }
    }
  }

  @Override
  public void finish() {
    collection.optimize();
  }

  @Override
  public void delete(int[] rows) {
    List<String> ids = new ArrayList<>(BATCH);
    for (int i = 0; i < rows.length; i++) {
      ids.add(Integer.toString(rows[i]));
      if (ids.size() == BATCH || i == rows.length - 1) {
        for (WriteResult r : collection.delete(ids)) {
          r.orThrow();
        }
        ids.clear();
      }
    }
    // Deletions stay bitmaps over the indexed segment; no merge runs before the queries.
    collection.flush();
  }

  @Override
  public Searcher searcher(int ef, int nprobe, QueryFilter filter) {
    String expression = filter == null ? null : filter.expression();
    boolean quantized = config.quantize() != AnnConfig.Quantize.NONE;
    return (query, k, out) -> {
      boolean ivf = config.index() == AnnConfig.IndexKind.IVF;
      int refine = !quantized ? 0 : !config.refine() ? 1 : ivf ? 0 : ceilDiv(Math.max(ef, k), k);
      List<Hit> hits =
          collection.query(
              Query.builder()
                  .vector(FIELD, query)
                  .topK(k)
                  .filter(expression)
                  .outputFields(List.of())
                  .params(new SearchParams(ef, nprobe, refine, false))
                  .build());
      int n = Math.min(k, hits.size());
      for (int i = 0; i < n; i++) {
        out[i] = Integer.parseInt(hits.get(i).id());
      }
      return n;
    };
  }

  @Override
  public Map<String, Object> buildInfo() {
    long bytes = 0;
    try (Stream<Path> files = Files.walk(config.dir())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".hnsw") || name.endsWith(".ivf")) {
          bytes += Files.size(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("index_bytes", bytes);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    if (collection != null) {
      collection.close();
    }
  }
}
