package io.quiver.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureConsistentSizes;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.internal.Utils;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.quiver.CollectionOptions;
import io.quiver.adapter.EmbeddingCollection;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} of {@link TextSegment}s backed by a Quiver collection: an
 * embedded, durable vector store in a directory.
 *
 * <pre>{@code
 * try (QuiverEmbeddingStore store =
 *     QuiverEmbeddingStore.builder().directory(Path.of("segments")).build()) {
 *   store.add(embeddingModel.embed(segment).content(), segment);
 *   EmbeddingSearchResult<TextSegment> result = store.search(
 *       EmbeddingSearchRequest.builder()
 *           .queryEmbedding(embeddingModel.embed("question").content())
 *           .filter(metadataKey("lang").isEqualTo("en"))
 *           .maxResults(5)
 *           .build());
 * }
 * }</pre>
 *
 * <p>Each embedding is one Quiver document: the id, the segment's text in a STRING field ({@code
 * text}), the vector in a COSINE VECTOR_FP32 field ({@code embedding}) and each metadata key in its
 * own nullable field, added the first time the key is stored and typed by its value (String and
 * UUID: STRING, Integer: INT32, Long: INT64, Float: FLOAT, Double: DOUBLE; UUIDs read back as
 * strings, which {@link Metadata#getUUID} accepts). Keys that are not plain identifiers are escaped
 * into field names as {@link io.quiver.adapter.MetadataFieldNames} describes. A key keeps its type
 * while any stored segment has a value for it; a value of another type is refused with a message
 * naming the key. The collection is created on the first write, with the dimension of the first
 * embedding, unless {@link Builder#dimension} is given.
 *
 * <p>{@link EmbeddingMatch#score()} is the relevance {@code (cosine + 1) / 2} in [0, 1], as
 * LangChain4j's {@code RelevanceScore.fromCosineSimilarity} defines it, and {@code minScore} is
 * compared with it. Filters follow LangChain4j's semantics: a condition on a missing key is false,
 * except "not equal" and "not in", which are true, and {@code not(...)} is the plain complement.
 *
 * <p>Adding an id that is already stored replaces that entry. Thread-safe. Close the store to close
 * a collection it opened from a directory.
 */
public final class QuiverEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {
  private final EmbeddingCollection store;

  private QuiverEmbeddingStore(EmbeddingCollection store) {
    this.store = store;
  }

  /** A builder; give it a {@link Builder#directory} or a {@link Builder#collection}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String add(Embedding embedding) {
    String id = Utils.randomUUID();
    addAll(List.of(id), List.of(embedding), null);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    addAll(List.of(id), List.of(embedding), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment textSegment) {
    String id = Utils.randomUUID();
    addAll(List.of(id), List.of(embedding), List.of(textSegment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    List<String> ids = generateIds(embeddings.size());
    addAll(ids, embeddings, null);
    return ids;
  }

  /**
   * Adds (or replaces) embeddings with their ids and, when {@code embedded} is not null, their
   * segments. Empty lists add nothing.
   *
   * @throws IllegalArgumentException when the lists differ in size, or a metadata value conflicts
   *     with the type its key already has
   */
  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
    ensureConsistentSizes(ids, embeddings, embedded);
    if (embeddings == null || embeddings.isEmpty()) {
      return;
    }
    List<EmbeddingCollection.Entry> entries = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      Embedding e = ensureNotNull(embeddings.get(i), "embedding");
      TextSegment s = embedded == null ? null : embedded.get(i);
      entries.add(
          new EmbeddingCollection.Entry(
              ids.get(i),
              e.vector(),
              s == null ? null : s.text(),
              s == null ? null : s.metadata().toMap()));
    }
    store.upsert(entries);
  }

  /** Removes the embeddings with these ids; unknown ids, and a null or empty list, do nothing. */
  @Override
  public void removeAll(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return;
    }
    store.delete(ids);
  }

  /**
   * Removes every embedding whose segment's metadata matches the filter. Quiver has no delete by
   * filter yet, so this runs filtered queries and deletes what they find until nothing is left.
   */
  @Override
  public void removeAll(Filter filter) {
    ensureNotNull(filter, "filter");
    store.deleteWhere(c -> LangChain4jFilters.toQuiver(filter, c));
  }

  /**
   * Removes every embedding. The metadata fields stay, but as no segment has a value for any key
   * any more, each key may then take values of another type.
   */
  @Override
  public void removeAll() {
    store.deleteAll();
  }

  /**
   * The nearest embeddings to the request's query embedding, best first: at most {@code maxResults}
   * (and at most {@link io.quiver.schema.Limits#MAX_TOP_K}), each with a relevance score of at
   * least {@code minScore}, matching the filter if there is one.
   */
  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    ensureNotNull(request, "request");
    Filter filter = request.filter();
    List<EmbeddingCollection.Match> found =
        store.search(
            request.queryEmbedding().vector(),
            request.maxResults(),
            filter == null ? null : c -> LangChain4jFilters.toQuiver(filter, c),
            true);
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(found.size());
    for (EmbeddingCollection.Match m : found) {
      double relevance = m.relevance();
      if (relevance < request.minScore()) {
        break; // best first: the rest score lower still
      }
      matches.add(
          new EmbeddingMatch<>(relevance, m.id(), Embedding.from(m.embedding()), segment(m)));
    }
    return new EmbeddingSearchResult<>(matches);
  }

  /** The Quiver collection, once it exists (it is created on the first write). */
  public Optional<io.quiver.Collection> collection() {
    return store.collection();
  }

  /** Closes the collection when the store opened it from a directory. */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "QuiverEmbeddingStore[" + store + "]";
  }

  /**
   * The segment of a match, or null when the embedding was added without one. Values of types
   * LangChain4j metadata cannot hold (booleans another client stored) are left out.
   */
  private static TextSegment segment(EmbeddingCollection.Match m) {
    if (m.text() == null) {
      return null;
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    m.metadata()
        .forEach(
            (k, v) -> {
              if (v instanceof String
                  || v instanceof UUID
                  || v instanceof Integer
                  || v instanceof Long
                  || v instanceof Float
                  || v instanceof Double) {
                metadata.put(k, v);
              }
            });
    return TextSegment.from(m.text(), new Metadata(metadata));
  }

  /** Builds a {@link QuiverEmbeddingStore}. */
  public static final class Builder {
    private Path directory;
    private io.quiver.Collection collection;
    private String textField = "text";
    private String embeddingField = "embedding";
    private int dimension;
    private VectorIndex vectorIndex;
    private CollectionOptions collectionOptions;

    private Builder() {}

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

    /** The name of the STRING field holding each segment's text; default {@code text}. */
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
    public QuiverEmbeddingStore build() {
      return new QuiverEmbeddingStore(
          EmbeddingCollection.open(
              new EmbeddingCollection.Config(
                  directory,
                  collection,
                  textField,
                  embeddingField,
                  dimension,
                  vectorIndex,
                  collectionOptions)));
    }
  }
}
