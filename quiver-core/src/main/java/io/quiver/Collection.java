package io.quiver;

import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.ScanPage;
import io.quiver.query.ScanRequest;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A durable collection of documents with a typed schema, opened from a directory with {@link
 * Quiver#open} or {@link Quiver#create}. Thread-safe: any number of threads may read and write at
 * once. Writes are serialized (one writer), are durable when the call returns (see {@link
 * Durability}) and are visible to queries at once. Queries read a consistent snapshot and never see
 * half of a write call.
 *
 * <p>Batch writes return one {@link WriteResult} per document, in order; a bad document is reported
 * in its result and does not stop the others. A malformed batch as a whole (null, over {@link
 * io.quiver.schema.Limits#MAX_BATCH_SIZE}, the same id twice) throws {@link
 * InvalidArgumentException} and writes nothing.
 *
 * <p>Close it (try-with-resources) to release its files and threads.
 */
public interface Collection extends AutoCloseable {

  /** The collection's schema. */
  Schema schema();

  /**
   * Adds a scalar field. It must be nullable: the documents already stored read it as null. The
   * in-memory segment is flushed first and the change is committed as a new version.
   */
  void addField(ScalarField field);

  /** Drops a scalar field; its stored values are ignored and reclaimed by later merges. */
  void dropField(String name);

  /** Renames a scalar field; stored values keep their field. */
  void renameField(String name, String newName);

  /**
   * Gives a vector field a new index (replacing its current one). Each segment's index is built in
   * the background, without re-inserting data; until it is ready the segment is searched exactly.
   * {@link #optimize()} waits for the builds; {@link #stats()} reports their progress.
   */
  void createIndex(String field, VectorIndex index);

  /** Gives a scalar field an inverted index (value to rows), used to speed up filters. */
  void createIndex(String field);

  /**
   * Drops a field's index: a vector field goes back to exact search, a scalar field loses its
   * inverted index. Filters and searches give the same results either way.
   */
  void dropIndex(String field);

  /**
   * Adds documents; a document whose id is already live fails with ALREADY_EXISTS.
   *
   * <p>Vector fields bound to an embedding function ({@link
   * io.quiver.schema.VectorField#withEmbedding}) are filled from their text field when a document
   * carries the text and leaves the vector out; a vector the document gives (or an explicit null)
   * wins. The texts of a call are embedded in batches, in parallel on up to {@link
   * CollectionOptions#optimizeThreads()} threads, before anything is written. The same holds for
   * {@link #upsert} and {@link #update} (an update that changes the text re-embeds it; one that
   * clears the text clears the vector).
   */
  List<WriteResult> insert(List<Document> documents);

  /** Adds or replaces documents: a live document with the same id is replaced as a whole. */
  List<WriteResult> upsert(List<Document> documents);

  /**
   * Changes only the fields each document carries: a field mapped to null is cleared, a field left
   * out keeps its value. A document whose id is not live fails with NOT_FOUND.
   */
  List<WriteResult> update(List<Document> documents);

  /** Deletes documents by id; an id that is not live gives NOT_FOUND. */
  List<WriteResult> delete(List<String> ids);

  /**
   * Deletes every live document that passes {@code filter} (required: to remove everything, {@link
   * #destroy()} the collection), as one write call; returns how many were deleted.
   */
  long deleteByFilter(String filter);

  /**
   * A filter-only read in ascending id order, one page at a time: see {@link ScanRequest}. Pages
   * come from one consistent snapshot each.
   */
  ScanPage scan(ScanRequest request);

  /** {@link #insert(List)} of one document. */
  default WriteResult insert(Document document) {
    return insert(List.of(document)).getFirst();
  }

  /** {@link #upsert(List)} of one document. */
  default WriteResult upsert(Document document) {
    return upsert(List.of(document)).getFirst();
  }

  /** {@link #update(List)} of one document. */
  default WriteResult update(Document document) {
    return update(List.of(document)).getFirst();
  }

  /** {@link #delete(List)} of some ids. */
  default List<WriteResult> delete(String... ids) {
    return delete(Arrays.asList(ids));
  }

  /**
   * The live documents with these ids, keyed by id in request order; ids that are not live are
   * absent.
   *
   * @param ids the ids to look up
   * @param outputFields the scalar fields to return; null for all
   * @param includeVectors whether to return the vector fields as well
   */
  Map<String, Document> fetch(List<String> ids, List<String> outputFields, boolean includeVectors);

  /** The live document with this id, with every field, vectors included. */
  default Optional<Document> fetch(String id) {
    return Optional.ofNullable(fetch(List.of(id), null, true).get(id));
  }

  /** The number of live documents. */
  long count();

  /** Runs a search; hits are best first (see {@link io.quiver.schema.Metric} for scores). */
  List<Hit> query(Query query);

  /**
   * How {@code query} would run on the current snapshot, without running it: for the in-memory
   * segment and every flushed segment, the strategy the planner picks (exact scoring of the rows
   * that pass the filter, a filtered graph traversal, or none when no row can match) and the
   * estimates behind it: the matching rows (counted from scalar indexes, or estimated from column
   * statistics), per top-level condition its selectivity and where that comes from. {@link
   * QueryPlan#toString()} prints it readably; {@link QueryPlan} describes the rules.
   *
   * <pre>{@code
   * QueryPlan plan = books.explain(Query.builder().vector("embedding", v).filter("year < 1900").build());
   * System.out.print(plan);
   * }</pre>
   */
  QueryPlan explain(Query query);

  /** The {@code topK} nearest neighbours of {@code vector} in {@code field}. */
  default List<Hit> query(String field, float[] vector, int topK) {
    return query(Query.of(field, vector, topK));
  }

  /**
   * The {@code topK} nearest neighbours of {@code text}, embedded by the embedding function bound
   * to {@code field} (a vector field, or the STRING field it is embedded from).
   */
  default List<Hit> query(String field, String text, int topK) {
    return query(Query.of(field, text, topK));
  }

  /**
   * Writes the in-memory segment to an immutable segment and commits a new version; returns when it
   * is durable. Writes go on meanwhile.
   */
  void flush();

  /** Flushes, then finishes every pending index build and merge; returns when they are done. */
  void optimize();

  /** Counts, sizes and index completeness. */
  CollectionStats stats();

  /**
   * For a read-only handle: moves to the newest committed version (other processes' flushes). A
   * read-write handle always sees its own writes; for it this does nothing.
   */
  void refresh();

  /** Whether this handle was opened read-only. */
  boolean isReadOnly();

  /** Releases the collection's files and threads. Idempotent. */
  @Override
  void close();

  /** Closes the collection and deletes its directory. */
  void destroy();
}
