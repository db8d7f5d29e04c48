package io.quiver;

import io.quiver.internal.engine.LocalCollection;
import io.quiver.schema.Schema;
import java.nio.file.Path;

/**
 * Entry point: creates and opens collections. A collection is one directory; move or copy it
 * (closed) and open it elsewhere.
 *
 * <pre>{@code
 * try (Collection books = Quiver.create(Path.of("books"), schema)) {
 *   books.insert(List.of(doc));
 *   List<Hit> hits = books.query("embedding", queryVector, 10);
 * }
 * }</pre>
 */
public final class Quiver {
  private Quiver() {}

  /**
   * Creates a collection in {@code dir}, which must not exist or be empty.
   *
   * @throws InvalidArgumentException if {@code dir} holds files
   * @throws StorageException if the directory cannot be written
   */
  public static Collection create(Path dir, Schema schema, CollectionOptions options) {
    return LocalCollection.create(dir, schema, options);
  }

  /** Creates a collection with the default options. */
  public static Collection create(Path dir, Schema schema) {
    return create(dir, schema, CollectionOptions.defaults());
  }

  /**
   * Opens the collection in {@code dir}: recovers from the log any acknowledged write not yet
   * flushed. Read-write handles take the collection's writer lock.
   *
   * @throws InvalidArgumentException if {@code dir} is not a Quiver collection
   * @throws ConflictException if another process holds the writer lock
   * @throws CorruptionException if a file the newest version needs is damaged
   */
  public static Collection open(Path dir, CollectionOptions options) {
    return LocalCollection.open(dir, options);
  }

  /** Opens the collection in {@code dir} read-write with the default options. */
  public static Collection open(Path dir) {
    return open(dir, CollectionOptions.defaults());
  }

  /**
   * Checks the collection in {@code dir} without opening it for writing (it may be open elsewhere):
   * every manifest, every file of the kept versions (full checksums) and every log record. Like
   * SQLite's {@code PRAGMA integrity_check}.
   *
   * @throws InvalidArgumentException if {@code dir} is not a Quiver collection
   */
  public static VerifyReport verify(Path dir) {
    try {
      return io.quiver.internal.engine.Verifier.verify(dir);
    } catch (java.io.IOException e) {
      throw new StorageException("could not verify " + dir, e);
    }
  }

  /** Whether {@code dir} holds a Quiver collection. */
  public static boolean exists(Path dir) {
    return LocalCollection.isCollection(dir);
  }
}
