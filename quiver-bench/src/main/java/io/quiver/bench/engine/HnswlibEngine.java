package io.quiver.bench.engine;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Index;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.NullProgressListener;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.bruteforce.BruteForceIndex;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.quiver.bench.data.AttributeTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Jelmer Kuperus's hnswlib (a Java port of hnswlib), used as its README shows: {@code
 * HnswIndex.newBuilder(dim, distance, n).withM(M).withEfConstruction(efC).build()}, {@code
 * addAll(items, buildThreads, ...)}, then {@code setEf(ef)} and {@code findNearest(vector, k)}. The
 * index lives on the heap; it is saved to a file ({@code save}, Java serialization) and fsynced so
 * the build is durable like the others'. Distances are the library's scalar {@code
 * DistanceFunctions} (its Vector API module {@code hnswlib-core-jdk17} has no release matching
 * 1.2.x). {@code --index flat} uses its {@code BruteForceIndex}. It has no filtered search.
 */
public final class HnswlibEngine implements AnnEngine {

  /** A base vector with its row number as id. */
  record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private final AnnConfig config;
  private Index<Integer, float[], Vec, Float> index;

  /** Checks the setup. */
  public HnswlibEngine(AnnConfig config) {
    if (config.index() == AnnConfig.IndexKind.IVF) {
      throw new UnsupportedSetupException("hnswlib: index ivf (hnsw or flat)");
    }
    if (config.quantize() != AnnConfig.Quantize.NONE) {
      throw new UnsupportedSetupException(
          "hnswlib: quantize " + config.quantize().label() + " (none only)");
    }
    if (config.filtered()) {
      throw new UnsupportedSetupException("hnswlib: filtered search (findNearest takes no filter)");
    }
    this.config = config;
  }

  @Override
  public String name() {
    return "hnswlib-" + Versions.of("hnswlib");
  }

  private DistanceFunction<float[], Float> distance() {
    return switch (config.metric()) {
      case L2 -> DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE;
      case IP -> DistanceFunctions.FLOAT_INNER_PRODUCT;
      case COSINE -> DistanceFunctions.FLOAT_COSINE_DISTANCE;
    };
  }

  @Override
  public void insert(float[][] base, AttributeTable attributes) throws IOException {
    List<Vec> items = new ArrayList<>(base.length);
    for (int i = 0; i < base.length; i++) {
      items.add(new Vec(i, base[i]));
    }
    if (config.index() == AnnConfig.IndexKind.FLAT) {
      index = BruteForceIndex.newBuilder(config.dim(), distance()).build();
    } else {
      index =
          HnswIndex.newBuilder(config.dim(), distance(), Math.max(1, base.length))
              .withM(config.m())
              .withEfConstruction(config.efConstruction())
              .build();
    }
    try {
      index.addAll(
          items,
          config.buildThreads(),
          NullProgressListener.INSTANCE,
          Index.DEFAULT_PROGRESS_UPDATE_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("hnswlib build interrupted", e);
    }
  }

  @Override
  public void finish() throws IOException {
    Path file = config.dir().resolve("index.hnswlib");
    index.save(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  @Override
  public Searcher searcher(int ef, int nprobe, QueryFilter filter) {
    if (index instanceof HnswIndex<Integer, float[], Vec, Float> h) {
      // ef is a property of the index, not of a query: set once per setting, before any thread.
      h.setEf(ef);
    }
    return (query, k, out) -> {
      List<SearchResult<Vec, Float>> hits = index.findNearest(query, k);
      int n = Math.min(k, hits.size());
      for (int i = 0; i < n; i++) {
        out[i] = hits.get(i).item().id();
      }
      return n;
    };
  }

  @Override
  public void close() {
    index = null;
  }
}
