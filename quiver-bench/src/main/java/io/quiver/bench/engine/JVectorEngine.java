package io.quiver.bench.engine;

import io.github.jbellis.jvector.disk.BufferedRandomAccessWriter;
import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.quantization.ProductQuantization;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.data.Metric;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * DataStax JVector, used as its tutorials ({@code docs/tutorials/1-intro}, {@code 2-disk}, {@code
 * 3-larger-than-memory}) and its {@code Bench}/{@code default.yml} settings describe:
 *
 * <ul>
 *   <li>{@code GraphIndexBuilder(exact BuildScoreProvider, dim, maxDegree = 2 x M, beamWidth = efC,
 *       neighborOverflow 1.2, alpha 1.2, addHierarchy true, refineFinalGraph true)} built in
 *       parallel with {@code build(ravv)} on a pool of {@code buildThreads};
 *   <li>written as an {@code OnDiskGraphIndex} with inline full-precision vectors, loaded back
 *       through {@code ReaderSupplierFactory} (memory-mapped) and searched from that;
 *   <li>{@code --quantize pq}: {@code ProductQuantization.compute(ravv, dim / 8 subspaces, 256
 *       centroids, center = L2)} (the {@code mFactor: 8} of {@code default.yml}), codes kept in
 *       memory; the graph search scores with PQ and, with refine on, re-ranks with the inline
 *       vectors ({@code DefaultSearchScoreProvider(pq.precomputedScoreFunctionFor,
 *       view.rerankerFor)});
 *   <li>ef maps to {@code rerankK = max(ef, k)} of {@code GraphSearcher.search(ssp, k, rerankK, 0,
 *       0, bits)}: the size of the search's candidate queue, as in the tutorial;
 *   <li>filters as {@code Bits} of accepted ordinals, the filtering JVector offers.
 * </ul>
 */
public final class JVectorEngine implements AnnEngine {
  private static final VectorTypeSupport VTS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final AnnConfig config;
  private final ForkJoinPool pool;
  private RandomAccessVectorValues ravv;
  private ImmutableGraphIndex heapGraph;
  private ReaderSupplier graphSupplier;
  private OnDiskGraphIndex graph;
  private PQVectors pqVectors;

  /** Checks the setup. */
  public JVectorEngine(AnnConfig config) {
    if (config.index() != AnnConfig.IndexKind.HNSW) {
      throw new UnsupportedSetupException(
          "jvector: index " + config.index().label() + " (JVector builds a graph: use hnsw)");
    }
    if (config.quantize() != AnnConfig.Quantize.NONE
        && config.quantize() != AnnConfig.Quantize.PQ) {
      throw new UnsupportedSetupException(
          "jvector: quantize " + config.quantize().label() + " (none or pq)");
    }
    this.config = config;
    this.pool = new ForkJoinPool(config.buildThreads());
  }

  @Override
  public String name() {
    return "jvector-" + Versions.of("jvector");
  }

  private VectorSimilarityFunction similarity() {
    return switch (config.metric()) {
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      case IP -> VectorSimilarityFunction.DOT_PRODUCT;
      case COSINE -> VectorSimilarityFunction.COSINE;
    };
  }

  @Override
  public void insert(float[][] base, AttributeTable attributes) throws IOException {
    List<VectorFloat<?>> vectors = new ArrayList<>(base.length);
    for (float[] v : base) {
      vectors.add(VTS.createFloatVector(v));
    }
    ravv = new ListRandomAccessVectorValues(vectors, config.dim());
    BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(ravv, similarity());
    try (GraphIndexBuilder builder =
        new GraphIndexBuilder(
            bsp,
            config.dim(),
            2 * config.m(),
            config.efConstruction(),
            1.2f,
            1.2f,
            true,
            true,
            pool,
            pool)) {
      heapGraph = builder.build(ravv);
    }
  }

  @Override
  public void finish() throws IOException {
    Path graphPath = config.dir().resolve("graph.jv");
    OnDiskGraphIndex.write(heapGraph, ravv, graphPath);
    fsync(graphPath);
    if (config.quantize() == AnnConfig.Quantize.PQ) {
      int subspaces = Math.max(1, config.dim() / 8);
      ProductQuantization pq =
          ProductQuantization.compute(ravv, subspaces, 256, config.metric() == Metric.L2);
      PQVectors encoded = (PQVectors) pq.encodeAll(ravv, pool);
      Path pqPath = config.dir().resolve("pq.jv");
      try (BufferedRandomAccessWriter out = new BufferedRandomAccessWriter(pqPath)) {
        encoded.write(out);
      }
      fsync(pqPath);
      try (ReaderSupplier rs = ReaderSupplierFactory.open(pqPath);
          RandomAccessReader in = rs.get()) {
        pqVectors = PQVectors.load(in);
      }
    }
    heapGraph = null;
    ravv = null;
    graphSupplier = ReaderSupplierFactory.open(graphPath);
    graph = OnDiskGraphIndex.load(graphSupplier);
  }

  private static void fsync(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  @Override
  public Map<String, Object> buildInfo() {
    return pqVectors == null
        ? Map.of()
        : Map.of("pq_subspaces", pqVectors.getCompressor().getSubspaceCount());
  }

  @Override
  public Searcher searcher(int ef, int nprobe, QueryFilter filter) {
    GraphSearcher gs = new GraphSearcher(graph);
    RandomAccessVectorValues view = (RandomAccessVectorValues) gs.getView();
    VectorSimilarityFunction vsf = similarity();
    Bits accept = filter == null ? Bits.ALL : bits(filter.matches());
    PQVectors pq = pqVectors;
    boolean rerank = config.refine();
    return new Searcher() {
      @Override
      public int search(float[] query, int k, int[] out) {
        VectorFloat<?> q = VTS.createFloatVector(query);
        SearchScoreProvider ssp;
        if (pq == null) {
          ssp = DefaultSearchScoreProvider.exact(q, vsf, view);
        } else if (rerank) {
          ssp =
              new DefaultSearchScoreProvider(
                  pq.precomputedScoreFunctionFor(q, vsf),
                  ((OnDiskGraphIndex.View) view).rerankerFor(q, vsf));
        } else {
          ssp = new DefaultSearchScoreProvider(pq.precomputedScoreFunctionFor(q, vsf));
        }
        SearchResult r = gs.search(ssp, k, Math.max(ef, k), 0.0f, 0.0f, accept);
        SearchResult.NodeScore[] nodes = r.getNodes();
        int n = Math.min(k, nodes.length);
        for (int i = 0; i < n; i++) {
          out[i] = nodes[i].node;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        gs.close();
      }
    };
  }

  private static Bits bits(BitSet set) {
    return set::get;
  }

  @Override
  public void close() throws IOException {
    try (ReaderSupplier rs = graphSupplier;
        OnDiskGraphIndex g = graph) {
      // closed by try-with-resources
    } finally {
      pool.shutdownNow();
    }
  }
}
