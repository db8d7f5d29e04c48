package io.quiver.springai;

import io.quiver.CollectionOptions;
import io.quiver.adapter.EmbeddingCollection;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} backed by a Quiver collection:
 * an embedded, durable vector store in a directory.
 *
 * <pre>{@code
 * try (QuiverVectorStore store =
 *     QuiverVectorStore.builder(embeddingModel).directory(Path.of("docs")).build()) {
 *   store.add(List.of(new Document("Quiver keeps vectors in a directory.", Map.of("lang", "en"))));
 *   List<Document> hits = store.similaritySearch(
 *       SearchRequest.builder().query("where are vectors kept?").topK(5)
 *           .filterExpression("lang == 'en'").build());
 * }
 * }</pre>
 *
 * <p>Each document is one Quiver document: its id, its text in a STRING field ({@code text}), its
 * embedding in a COSINE VECTOR_FP32 field ({@code embedding}) and each metadata key in its own
 * nullable field, added the first time the key is stored and typed by its value (String and UUID:
 * STRING, Boolean: BOOL, Integer: INT32, Long: INT64, Float: FLOAT, Double: DOUBLE; other types,
 * lists and maps included, are refused). Keys that are not plain identifiers are escaped into field
 * names as {@link io.quiver.adapter.MetadataFieldNames} describes. A key keeps its type while any
 * stored document has a value for it. The collection is created on the first write, with the
 * dimension of the first embedding, unless {@link Builder#dimension} is given.
 *
 * <p>{@link Document#getScore()} is {@code (cosine + 1) / 2}, in [0, 1] with 1 for the same
 * direction, so that a similarity threshold of 0 accepts everything and 1 only exact matches, as
 * {@link SearchRequest} describes; the metadata entry {@code distance} is {@code 1 - score}.
 * Filters are two-valued: a condition on a missing key is false, except {@code !=} and {@code nin},
 * which are true, and {@code NOT} is the plain complement.
 *
 * <p>Adding a document whose id is stored replaces it. Thread-safe. Close the store to close a
 * collection it opened from a directory.
 */
public final class QuiverVectorStore extends AbstractObservationVectorStore
    implements AutoCloseable {
  private static final String DB_SYSTEM = "quiver";

  private final EmbeddingCollection store;

  private QuiverVectorStore(Builder builder) {
    super(builder);
    this.store =
        EmbeddingCollection.open(
            new EmbeddingCollection.Config(
                builder.directory,
                builder.collection,
                builder.textField,
                builder.embeddingField,
                builder.dimension,
                builder.vectorIndex,
                builder.collectionOptions));
  }

  /** A builder using this model to embed documents and queries. */
  public static Builder builder(EmbeddingModel embeddingModel) {
    return new Builder(embeddingModel);
  }

  /**
   * Embeds the documents and adds (or replaces) them.
   *
   * @throws IllegalArgumentException when a metadata value has an unsupported type or conflicts
   *     with the type its key already has
   */
  @Override
  public void doAdd(List<Document> documents) {
    if (documents == null || documents.isEmpty()) {
      return;
    }
    List<float[]> embeddings =
        embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
    List<EmbeddingCollection.Entry> entries = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      entries.add(
          new EmbeddingCollection.Entry(
              d.getId(), embeddings.get(i), d.getText(), d.getMetadata()));
    }
    store.upsert(entries);
  }

  /** Deletes the documents with these ids; unknown ids are ignored. */
  @Override
  public void doDelete(List<String> idList) {
    if (idList != null) {
      store.delete(idList);
    }
  }

  /**
   * Deletes every document the filter matches. Quiver has no delete by filter yet, so this runs
   * filtered queries and deletes what they find until nothing is left.
   */
  @Override
  protected void doDelete(Filter.Expression filterExpression) {
    if (filterExpression == null) {
      throw new IllegalArgumentException("filter expression must not be null");
    }
    store.deleteWhere(c -> SpringAiFilters.toQuiver(filterExpression, c));
  }

  /**
   * The {@code topK} documents nearest to the embedded query (at most {@link
   * io.quiver.schema.Limits#MAX_TOP_K}), best first, whose score reaches the similarity threshold
   * and which match the filter expression if there is one.
   */
  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    float[] query = embeddingModel.embed(request.getQuery());
    Filter.Expression filter = request.getFilterExpression();
    List<EmbeddingCollection.Match> found =
        store.search(
            query,
            request.getTopK(),
            filter == null ? null : c -> SpringAiFilters.toQuiver(filter, c),
            false);
    List<Document> documents = new ArrayList<>(found.size());
    for (EmbeddingCollection.Match m : found) {
      double score = m.relevance();
      if (score < request.getSimilarityThreshold()) {
        break; // best first: the rest score lower still
      }
      Map<String, Object> metadata = new LinkedHashMap<>(m.metadata());
      metadata.put(DocumentMetadata.DISTANCE.value(), 1 - score);
      documents.add(
          Document.builder()
              .id(m.id())
              .text(m.text() == null ? "" : m.text())
              .metadata(metadata)
              .score(score)
              .build());
    }
    return documents;
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(
      String operationName) {
    EmbeddingCollection.Config config = store.config();
    int dimension = store.dimension();
    return VectorStoreObservationContext.builder(DB_SYSTEM, operationName)
        .collectionName(
            config.directory() != null
                ? String.valueOf(config.directory().getFileName())
                : String.valueOf(config.collection()))
        .dimensions(dimension > 0 ? dimension : null)
        .fieldName(config.embeddingField())
        .similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
  }

  /** The Quiver {@link io.quiver.Collection}, once it exists (it is created on the first write). */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> getNativeClient() {
    return (Optional<T>) store.collection();
  }

  /** Closes the collection when the store opened it from a directory. */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "QuiverVectorStore[" + store + "]";
  }

  /** Builds a {@link QuiverVectorStore}; give it a {@link #directory} or a {@link #collection}. */
  public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
    private Path directory;
    private io.quiver.Collection collection;
    private String textField = "text";
    private String embeddingField = "embedding";
    private int dimension;
    private VectorIndex vectorIndex;
    private CollectionOptions collectionOptions;

    private Builder(EmbeddingModel embeddingModel) {
      super(embeddingModel);
    }

    /**
     * The collection's directory: opened when it holds one, otherwise created (on the first write
     * unless the dimension is given). The store closes it.
     */
    public Builder directory(Path value) {
      this.directory = value;
      return this;
    }

    /** An open collection to use instead of a directory; the caller closes it. */
    public Builder collection(io.quiver.Collection value) {
      this.collection = value;
      return this;
    }

    /** The name of the STRING field holding each document's text; default {@code text}. */
    public Builder textField(String value) {
      this.textField = value;
      return this;
    }

    /** The name of the vector field (COSINE metric); default {@code embedding}. */
    public Builder embeddingField(String value) {
      this.embeddingField = value;
      return this;
    }

    /** The embedding dimension; by default the dimension of the first embedding added. */
    public Builder dimension(int value) {
      this.dimension = value;
      return this;
    }

    /** The index of the embedding field of a new collection; default HNSW. */
    public Builder vectorIndex(VectorIndex value) {
      this.vectorIndex = value;
      return this;
    }

    /**
     * How the collection in {@link #directory} is opened; default {@link
     * CollectionOptions#defaults()}.
     */
    public Builder collectionOptions(CollectionOptions value) {
      this.collectionOptions = value;
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws IllegalArgumentException when neither or both of a directory and a collection are
     *     given, or an existing collection does not have the expected fields
     */
    @Override
    public QuiverVectorStore build() {
      return new QuiverVectorStore(this);
    }
  }
}
