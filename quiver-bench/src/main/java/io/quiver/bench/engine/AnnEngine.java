package io.quiver.bench.engine;

import io.quiver.bench.data.AttributeTable;
import java.io.IOException;
import java.util.Map;

/**
 * One engine behind {@code quiver bench ann --engine}. The harness calls {@link #insert}, then
 * {@link #finish} (together: the build time), then asks for one {@link Searcher} per thread and
 * search setting. Adapters use their engine the way its documentation recommends and say so in
 * their class comment.
 */
public interface AnnEngine extends AutoCloseable {

  /** The engine's name and version as printed in the JSON, for example {@code lucene-10.6.0}. */
  String name();

  /**
   * Adds every base vector (row i gets id i) with its attributes, if any. Timed as {@code
   * insert_s}.
   *
   * @param base the base vectors, not modified
   * @param attributes one row per vector, or null without {@code --attrs}
   */
  void insert(float[][] base, AttributeTable attributes) throws IOException;

  /**
   * Completes the index and makes it durable (commit, merge, write and fsync): after it returns, a
   * restart would find the index ready. Timed together with {@link #insert} as {@code build_s}.
   */
  void finish() throws IOException;

  /** Extra keys for the build JSON line (for example what {@code build_s} includes). */
  default Map<String, Object> buildInfo() {
    return Map.of();
  }

  /**
   * A searcher for one thread and one setting.
   *
   * @param ef HNSW candidate list size (0 when the index is not HNSW)
   * @param nprobe IVF lists to scan (0 when the index is not IVF)
   * @param filter the filter, or null
   */
  Searcher searcher(int ef, int nprobe, QueryFilter filter) throws IOException;

  /**
   * Deletes the vectors of the given base rows and makes the deletion durable, for {@code --delete}
   * (recall under deletes). Engines that cannot delete say so.
   */
  default void delete(int[] rows) throws IOException {
    throw new UnsupportedOperationException(name() + " does not support --delete in this harness");
  }

  /** Releases the engine's files and threads. */
  @Override
  void close() throws IOException;

  /** Searches from one thread; not thread-safe. */
  interface Searcher extends AutoCloseable {
    /**
     * Writes the ids (base row numbers) of the best {@code k} hits of {@code query}, best first,
     * into {@code out} and returns how many there are.
     */
    int search(float[] query, int k, int[] out) throws IOException;

    /** Releases per-thread state. */
    @Override
    default void close() throws IOException {}
  }
}
