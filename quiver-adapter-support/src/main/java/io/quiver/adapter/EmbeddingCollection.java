package io.quiver.adapter;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.Quiver;
import io.quiver.WriteResult;
import io.quiver.WriteStatus;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.ScanPage;
import io.quiver.query.ScanRequest;
import io.quiver.query.filter.Filter;
import io.quiver.schema.DataType;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Limits;
import io.quiver.schema.Metric;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorField;
import io.quiver.schema.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A Quiver collection used the way LangChain4j and Spring AI use a vector store: documents with an
 * id, an optional text, one embedding and open-ended metadata. The adapters of both frameworks are
 * thin layers over this class.
 *
 * <h2>Schema</h2>
 *
 * <ul>
 *   <li>the text, in a nullable STRING field ({@code text} by default);
 *   <li>the embedding, in a VECTOR_FP32 field with the COSINE metric ({@code embedding} by
 *       default), whose dimension is configured or taken from the first embedding stored: a new
 *       collection is created on the first write when no dimension is configured;
 *   <li>one nullable scalar field per metadata key, added the first time a value for the key is
 *       stored, named as {@link MetadataFieldNames} says and typed by the value as {@link
 *       MetadataTypes} says.
 * </ul>
 *
 * <p>A key's type is the type of the first value stored for it, and a later value must fit it (an
 * Integer fits an INT64 field, a Float a DOUBLE one); otherwise the write is refused with a message
 * naming the key and both types. Once no live document has a value for the key (they were deleted),
 * a value of another type re-creates the field with the new type.
 *
 * <h2>Deleting by filter</h2>
 *
 * <p>{@link #deleteWhere} is one {@link Collection#deleteByFilter} call: all matching documents are
 * deleted atomically.
 *
 * <p>Thread-safe. Writes (and schema changes) are serialized; searches run concurrently with writes
 * but never see a field being re-created.
 */
public final class EmbeddingCollection implements AutoCloseable {

  /**
   * What to open.
   *
   * @param directory the collection's directory (created when needed), or null when {@code
   *     collection} is given
   * @param collection an open collection to use (the caller closes it), or null
   * @param textField the name of the text field; must start with an ASCII letter
   * @param embeddingField the name of the embedding field; must start with an ASCII letter
   * @param dimension the embedding dimension, or 0 to take it from the first embedding stored
   * @param index the index of the embedding field of a collection created here
   * @param options how a collection in {@code directory} is opened
   */
  public record Config(
      Path directory,
      Collection collection,
      String textField,
      String embeddingField,
      int dimension,
      VectorIndex index,
      CollectionOptions options) {

    /** Checks that exactly one of directory and collection is given, and the names. */
    public Config {
      if ((directory == null) == (collection == null)) {
        throw new IllegalArgumentException("give either a directory or a collection");
      }
      if (textField == null || embeddingField == null || textField.equals(embeddingField)) {
        throw new IllegalArgumentException(
            "the text and embedding fields need two different names, got '"
                + textField
                + "' and '"
                + embeddingField
                + "'");
      }
      if (dimension < 0 || dimension > Limits.MAX_DIMENSION) {
        throw new IllegalArgumentException(
            "dimension " + dimension + " is outside 0.." + Limits.MAX_DIMENSION);
      }
      index = index == null ? VectorIndex.hnsw() : index;
      options = options == null ? CollectionOptions.defaults() : options;
    }
  }

  /**
   * One document to store.
   *
   * @param id the document id (1 to {@link Limits#MAX_ID_LENGTH} characters)
   * @param embedding the embedding
   * @param text the text, or null for none
   * @param metadata the metadata; values as in {@link MetadataTypes}
   */
  public record Entry(String id, float[] embedding, String text, Map<String, ?> metadata) {
    /** Checks the id and embedding are present; a null metadata map is empty. */
    public Entry {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a document id must not be null or blank");
      }
      if (embedding == null) {
        throw new IllegalArgumentException("document '" + id + "' has no embedding");
      }
      metadata = metadata == null ? Map.of() : metadata;
    }
  }

  /**
   * One search result.
   *
   * @param id the document id
   * @param cosine the cosine similarity with the query, in [-1, 1]
   * @param embedding the stored embedding, or null when not asked for
   * @param text the text, or null when the document has none
   * @param metadata the metadata (keys without a value are left out)
   */
  public record Match(
      String id, double cosine, float[] embedding, String text, Map<String, Object> metadata) {

    /** The relevance {@code (cosine + 1) / 2}, in [0, 1]; 1 is the same direction. */
    public double relevance() {
      return (cosine + 1) / 2;
    }
  }

  private final Config config;
  private final MetadataFieldNames names;
  private final Object writeLock = new Object();

  /** Held for writing while a field is dropped and re-created, for reading by searches. */
  private final ReadWriteLock schemaLock = new ReentrantReadWriteLock();

  private volatile Collection collection;

  private EmbeddingCollection(Config config) {
    this.config = config;
    this.names = new MetadataFieldNames(Set.of(config.textField(), config.embeddingField()));
  }

  /**
   * Opens the collection: the given one, the one in the directory, or a new one in the directory
   * (at once when the dimension is configured, else on the first write).
   *
   * @throws IllegalArgumentException when an existing collection has no dense COSINE field of that
   *     name, its dimension differs from the configured one, or its text field is not STRING
   */
  public static EmbeddingCollection open(Config config) {
    EmbeddingCollection ec = new EmbeddingCollection(config);
    if (config.collection() != null) {
      ec.attach(config.collection(), false);
    } else if (Quiver.exists(config.directory())) {
      ec.attach(Quiver.open(config.directory(), config.options()), true);
    } else if (config.dimension() > 0) {
      ec.collection = ec.create(config.dimension());
    }
    return ec;
  }

  /** The underlying collection, once it exists. */
  public Optional<Collection> collection() {
    return Optional.ofNullable(collection);
  }

  /** The embedding dimension, or 0 while no collection exists. */
  public int dimension() {
    Collection c = collection;
    return c == null ? config.dimension() : embeddingSpec(c.schema()).dimension();
  }

  /** The configuration this was opened with. */
  public Config config() {
    return config;
  }

  /**
   * Adds or replaces documents (a document with an existing id is replaced as a whole).
   *
   * @throws IllegalArgumentException when a metadata value has an unsupported type or conflicts
   *     with its key's type, or a document is refused by the collection (the message names it); the
   *     other documents of the call are still written in that last case
   */
  public void upsert(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    synchronized (writeLock) {
      Collection c = collection;
      if (c == null) {
        c = create(entries.getFirst().embedding().length);
        collection = c;
      }
      Map<String, ScalarField> fields = ensureFields(c, entries);
      List<Document> docs = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        Document.Builder b = Document.builder(e.id()).set(config.embeddingField(), e.embedding());
        if (e.text() != null) {
          b.set(config.textField(), e.text());
        }
        e.metadata()
            .forEach(
                (k, v) -> {
                  ScalarField f = fields.get(k);
                  b.set(f.name(), MetadataTypes.stored(v, f.type()));
                });
        docs.add(b.build());
      }
      for (int i = 0; i < docs.size(); i += Limits.MAX_BATCH_SIZE) {
        check(c.upsert(docs.subList(i, Math.min(docs.size(), i + Limits.MAX_BATCH_SIZE))), false);
      }
    }
  }

  /** Deletes documents by id; ids that are not stored are ignored. */
  public void delete(java.util.Collection<String> ids) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
    unique.removeIf(id -> id == null);
    synchronized (writeLock) {
      Collection c = collection;
      if (c == null || unique.isEmpty()) {
        return;
      }
      for (int i = 0; i < unique.size(); i += Limits.MAX_BATCH_SIZE) {
        check(
            c.delete(unique.subList(i, Math.min(unique.size(), i + Limits.MAX_BATCH_SIZE))), true);
      }
    }
  }

  /**
   * Deletes every document the filter matches and returns how many. The filter is built from {@link
   * Conditions} over the current schema; null matches everything.
   */
  public long deleteWhere(Function<Conditions, Filter> filter) {
    synchronized (writeLock) {
      Collection c = collection;
      if (c == null) {
        return 0;
      }
      Filter f = filter == null ? Conditions.TRUE : filter.apply(conditions(c.schema()));
      return f.equals(Conditions.FALSE) ? 0 : c.deleteByFilter(f.toString());
    }
  }

  /** Deletes every document; the metadata fields stay (see the class comment on types). */
  public void deleteAll() {
    deleteWhere(null);
  }

  /**
   * The {@code topK} documents nearest to {@code vector} that the filter matches, best first.
   *
   * @param vector the query embedding, of the collection's dimension
   * @param topK how many; at most {@link Limits#MAX_TOP_K} are returned
   * @param filter builds the filter from {@link Conditions} over the current schema; null for none
   * @param includeEmbeddings whether matches carry the stored embeddings
   */
  public List<Match> search(
      float[] vector, int topK, Function<Conditions, Filter> filter, boolean includeEmbeddings) {
    Collection c = collection;
    if (c == null || topK < 1) {
      return List.of();
    }
    schemaLock.readLock().lock();
    try {
      Schema schema = c.schema();
      Filter f = filter == null ? Conditions.TRUE : filter.apply(conditions(schema));
      if (f.equals(Conditions.FALSE)) {
        return List.of();
      }
      Query.Builder q =
          Query.builder()
              .vector(config.embeddingField(), vector)
              .topK(Math.min(topK, Limits.MAX_TOP_K))
              .includeVectors(includeEmbeddings);
      if (!f.equals(Conditions.TRUE)) {
        q.filter(f.toString());
      }
      List<Hit> hits = c.query(q.build());
      List<Match> out = new ArrayList<>(hits.size());
      for (Hit h : hits) {
        out.add(match(h, schema, includeEmbeddings));
      }
      return out;
    } finally {
      schemaLock.readLock().unlock();
    }
  }

  /** Closes the collection if it was opened here from a directory. Idempotent. */
  @Override
  public void close() {
    synchronized (writeLock) {
      Collection c = collection;
      if (c != null && config.collection() == null) {
        c.close();
      }
    }
  }

  private Conditions conditions(Schema schema) {
    return new Conditions(schema, names);
  }

  private Match match(Hit h, Schema schema, boolean includeEmbeddings) {
    Document d = h.document();
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (ScalarField f : schema.scalarFields()) {
      Object v = d.get(f.name());
      String key = v == null ? null : names.keyOf(f.name());
      if (key != null) {
        metadata.put(key, v);
      }
    }
    Object text = d.get(config.textField());
    return new Match(
        h.id(),
        h.score(),
        includeEmbeddings ? d.getVector(config.embeddingField()) : null,
        text instanceof String s ? s : null,
        metadata);
  }

  /** The ids of up to {@code limit} documents the filter matches. */
  private static List<String> scan(Collection c, Filter f, int limit) {
    ScanPage page =
        c.scan(
            new ScanRequest(
                f.equals(Conditions.TRUE) ? null : f.toString(), limit, null, List.of(), false));
    List<String> ids = new ArrayList<>(page.documents().size());
    page.documents().forEach(d -> ids.add(d.id()));
    return ids;
  }

  /**
   * The field of every metadata key of the entries, added (or re-created with another type) where
   * needed.
   */
  private Map<String, ScalarField> ensureFields(Collection c, List<Entry> entries) {
    Map<String, DataType> wanted = new LinkedHashMap<>();
    for (Entry e : entries) {
      for (Map.Entry<String, ?> m : e.metadata().entrySet()) {
        DataType t = MetadataTypes.typeOf(m.getKey(), m.getValue());
        DataType before = wanted.get(m.getKey());
        DataType both = before == null ? t : MetadataTypes.unify(before, t);
        if (both == null) {
          throw new IllegalArgumentException(
              "metadata key '"
                  + m.getKey()
                  + "' has values of types "
                  + before
                  + " and "
                  + t
                  + " in one call; a key holds values of one type");
        }
        wanted.put(m.getKey(), both);
      }
    }
    // Decide for every key before changing anything, so that a refused call changes nothing.
    Map<String, ScalarField> fields = new LinkedHashMap<>();
    Map<ScalarField, ScalarField> toAdd = new LinkedHashMap<>(); // new field -> the one it replaces
    Schema schema = c.schema();
    for (Map.Entry<String, DataType> w : wanted.entrySet()) {
      String key = w.getKey();
      String name = names.fieldName(key);
      ScalarField want = new ScalarField(name, w.getValue(), true, false);
      FieldSpec have = schema.field(name).orElse(null);
      if (have instanceof ScalarField s && MetadataTypes.fits(want.type(), s.type())) {
        fields.put(key, s);
        continue;
      }
      if (have != null
          && !(have instanceof ScalarField && scan(c, Filter.isNotNull(name), 1).isEmpty())) {
        throw new IllegalArgumentException(
            "metadata key '"
                + key
                + "' holds "
                + have.type()
                + " values (field '"
                + name
                + "'), which a "
                + w.getValue()
                + " value does not fit; a key keeps its type while a document has a value for it");
      }
      fields.put(key, want);
      toAdd.put(want, (ScalarField) have);
    }
    toAdd.forEach(
        (want, old) -> {
          if (old == null) {
            c.addField(want);
          } else {
            recreate(c, old, want);
          }
        });
    return fields;
  }

  private void recreate(Collection c, ScalarField old, ScalarField replacement) {
    schemaLock.writeLock().lock();
    try {
      c.dropField(old.name());
      c.addField(old.indexed() ? replacement.asIndexed() : replacement);
    } finally {
      schemaLock.writeLock().unlock();
    }
  }

  private Collection create(int dimension) {
    if (config.dimension() > 0 && dimension != config.dimension()) {
      throw new IllegalArgumentException(
          "embedding dimension " + dimension + " != the configured " + config.dimension());
    }
    Schema schema =
        Schema.builder()
            .nullableScalar(config.textField(), DataType.STRING)
            .vector(
                config.embeddingField(),
                DataType.VECTOR_FP32,
                dimension,
                Metric.COSINE,
                config.index())
            .build();
    return Quiver.create(config.directory(), schema, config.options());
  }

  private void attach(Collection c, boolean owned) {
    try {
      Schema schema = c.schema();
      VectorField v = embeddingSpec(schema);
      if (config.dimension() > 0 && v.dimension() != config.dimension()) {
        throw new IllegalArgumentException(
            "field '"
                + v.name()
                + "' has dimension "
                + v.dimension()
                + ", not the configured "
                + config.dimension());
      }
      FieldSpec text = schema.field(config.textField()).orElse(null);
      if (text == null) {
        c.addField(ScalarField.of(config.textField(), DataType.STRING).asNullable());
      } else if (text.type() != DataType.STRING) {
        throw new IllegalArgumentException(
            "text field '" + text.name() + "' is " + text.type() + ", not STRING");
      }
      collection = c;
    } catch (RuntimeException e) {
      if (owned) {
        try {
          c.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private VectorField embeddingSpec(Schema schema) {
    FieldSpec f = schema.field(config.embeddingField()).orElse(null);
    if (!(f instanceof VectorField v) || !v.type().isDenseVector() || v.metric() != Metric.COSINE) {
      throw new IllegalArgumentException(
          "field '"
              + config.embeddingField()
              + "' must be a dense vector field with the COSINE metric, got "
              + (f == null
                  ? "no such field"
                  : f.type() + (f instanceof VectorField v ? " " + v.metric() : "")));
    }
    return v;
  }

  /** Throws when a result is neither OK nor, for deletes, NOT_FOUND. */
  private static void check(List<WriteResult> results, boolean deleting) {
    List<WriteResult> failed = new ArrayList<>();
    for (WriteResult r : results) {
      if (!r.ok() && !(deleting && r.status() == WriteStatus.NOT_FOUND)) {
        failed.add(r);
      }
    }
    if (!failed.isEmpty()) {
      WriteResult first = failed.getFirst();
      throw new IllegalArgumentException(
          failed.size()
              + " of "
              + results.size()
              + " documents were not "
              + (deleting ? "deleted" : "written")
              + "; the first, '"
              + first.id()
              + "': "
              + first.status()
              + ": "
              + first.message());
    }
  }

  @Override
  public String toString() {
    Collection c = collection;
    return "EmbeddingCollection["
        + (c != null ? c : config.directory())
        + ", fields "
        + Arrays.asList(config.textField(), config.embeddingField())
        + "]";
  }
}
