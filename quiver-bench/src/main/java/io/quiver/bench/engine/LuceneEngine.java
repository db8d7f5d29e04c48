package io.quiver.bench.engine;

import io.quiver.bench.data.AttributeTable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Apache Lucene's HNSW, configured as Lucene's own benchmark tool (luceneutil {@code
 * KnnGraphTester}/{@code KnnIndexer}) does it:
 *
 * <ul>
 *   <li>a per-field codec ({@code Lucene104Codec#getKnnVectorsFormatForField}) returning {@code
 *       Lucene99HnswVectorsFormat(maxConn = M, beamWidth = efC)} for float vectors, or {@code
 *       Lucene104HnswScalarQuantizedVectorsFormat} with {@code UNSIGNED_BYTE} ({@code int8}) or
 *       {@code PACKED_NIBBLE} ({@code int4}) encoding for the quantized variants;
 *   <li>a 128 MB indexing buffer, no compound files, then {@code forceMerge(1)} so one segment
 *       holds one graph; the build time includes the merge and both commits (reported as {@code
 *       merge_s});
 *   <li>search with {@code KnnFloatVectorQuery(field, q, k' = max(ef, k), filter)}: Lucene has no
 *       separate efSearch, the query's k is the size of its candidate queue (luceneutil's {@code
 *       topK + fanout}), and the best k of the k' are kept;
 *   <li>for the quantized formats with refine on, the Lucene 10 way of oversampling and rescoring:
 *       {@code RescoreTopNQuery.createFullPrecisionRescorerQuery(knnQuery, q, field, k)} re-scores
 *       the k' candidates with the raw float vectors the format keeps and returns the best k;
 *   <li>filters as a Lucene query over {@code IntField}/{@code KeywordField}/... attributes passed
 *       as the kNN query's filter (Lucene picks exact or filtered graph search by cost).
 * </ul>
 */
public final class LuceneEngine implements AnnEngine {
  private static final String FIELD = "v";
  private static final String ID = "id";

  private final AnnConfig config;
  private final ExecutorService mergeExecutor;
  private Directory directory;
  private IndexWriter writer;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private int[] docToRow;
  private double mergeSeconds;

  /** Checks the setup; nothing is written until {@link #insert}. */
  public LuceneEngine(AnnConfig config) {
    if (config.index() != AnnConfig.IndexKind.HNSW) {
      throw new UnsupportedSetupException(
          "lucene: index " + config.index().label() + " (Lucene core has HNSW only)");
    }
    switch (config.quantize()) {
      case NONE, INT8, INT4 -> {}
      default ->
          throw new UnsupportedSetupException(
              "lucene: quantize " + config.quantize().label() + " (none, int8 or int4)");
    }
    this.config = config;
    this.mergeExecutor =
        config.buildThreads() > 1
            ? Executors.newFixedThreadPool(
                config.buildThreads(), Thread.ofPlatform().name("lucene-merge-", 0).factory())
            : null;
  }

  @Override
  public String name() {
    return "lucene-" + Versions.of("lucene");
  }

  private KnnVectorsFormat format() {
    int m = config.m();
    int efc = config.efConstruction();
    int workers = config.buildThreads();
    return switch (config.quantize()) {
      case NONE ->
          mergeExecutor == null
              ? new Lucene99HnswVectorsFormat(m, efc)
              : new Lucene99HnswVectorsFormat(m, efc, workers, mergeExecutor);
      case INT8 -> quantized(ScalarEncoding.UNSIGNED_BYTE, m, efc, workers);
      case INT4 -> quantized(ScalarEncoding.PACKED_NIBBLE, m, efc, workers);
      default -> throw new IllegalStateException();
    };
  }

  private KnnVectorsFormat quantized(ScalarEncoding encoding, int m, int efc, int workers) {
    return mergeExecutor == null
        ? new Lucene104HnswScalarQuantizedVectorsFormat(encoding, m, efc)
        : new Lucene104HnswScalarQuantizedVectorsFormat(encoding, m, efc, workers, mergeExecutor);
  }

  private VectorSimilarityFunction similarity() {
    return switch (config.metric()) {
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      case IP -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case COSINE -> VectorSimilarityFunction.COSINE;
    };
  }

  private IndexWriterConfig writerConfig() {
    KnnVectorsFormat format = format();
    IndexWriterConfig iwc = new IndexWriterConfig();
    iwc.setCodec(
        new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        });
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    iwc.setRAMBufferSizeMB(128);
    iwc.setUseCompoundFile(false);
    return iwc;
  }

  @Override
  public void insert(float[][] base, AttributeTable attrs) throws IOException {
    directory = FSDirectory.open(config.dir());
    writer = new IndexWriter(directory, writerConfig());
    VectorSimilarityFunction sim = similarity();
    for (int i = 0; i < base.length; i++) {
      Document doc = new Document();
      doc.add(new KnnFloatVectorField(FIELD, base[i], sim));
      // Doc ids change when segments merge; the row number travels in a doc-values field.
      doc.add(new NumericDocValuesField(ID, i));
      if (attrs != null) {
        LuceneFilters.addAttributes(doc, attrs, i);
      }
      writer.addDocument(doc);
    }
  }

  @Override
  public void finish() throws IOException {
    writer.commit();
    long t0 = System.nanoTime();
    writer.forceMerge(1);
    writer.commit();
    mergeSeconds = (System.nanoTime() - t0) / 1e9;
    writer.close();
    writer = null;
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
    docToRow = new int[reader.maxDoc()];
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues ids = leaf.reader().getNumericDocValues(ID);
      for (int d = ids.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = ids.nextDoc()) {
        docToRow[leaf.docBase + d] = (int) ids.longValue();
      }
    }
  }

  @Override
  public Map<String, Object> buildInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("segments", reader == null ? 0 : reader.leaves().size());
    info.put("merge_s", Math.round(mergeSeconds * 1000) / 1000.0);
    info.put("build_includes", "commit+forceMerge(1)+commit");
    return info;
  }

  @Override
  public Searcher searcher(int ef, int nprobe, QueryFilter filter) {
    Query filterQuery =
        filter == null ? null : LuceneFilters.toQuery(filter.parsed(), filter.attributes());
    boolean rescore = config.quantize() != AnnConfig.Quantize.NONE && config.refine();
    return (query, k, out) -> {
      Query q = new KnnFloatVectorQuery(FIELD, query, Math.max(ef, k), filterQuery);
      if (rescore) {
        q = RescoreTopNQuery.createFullPrecisionRescorerQuery(q, query, FIELD, k);
      }
      TopDocs top = searcher.search(q, k);
      ScoreDoc[] docs = top.scoreDocs;
      int n = Math.min(k, docs.length);
      for (int i = 0; i < n; i++) {
        out[i] = docToRow[docs[i].doc];
      }
      return n;
    };
  }

  @Override
  public void close() throws IOException {
    try (Directory d = directory;
        IndexWriter w = writer;
        DirectoryReader r = reader) {
      // closed in reverse order by try-with-resources
    } finally {
      if (mergeExecutor != null) {
        mergeExecutor.shutdownNow();
      }
    }
  }
}
