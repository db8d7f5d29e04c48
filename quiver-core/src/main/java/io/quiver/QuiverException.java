package io.quiver;

/**
 * The root of every error the public API throws. All are unchecked; the subclass says what kind of
 * failure it is, and the message quotes the bad value and the rule it broke.
 *
 * <ul>
 *   <li>{@link InvalidArgumentException}: the caller's input broke a rule; nothing was written.
 *   <li>{@link CorruptionException}: a file on disk is damaged; names the file.
 *   <li>{@link ConflictException}: another process or handle holds what this call needs.
 *   <li>{@link ReadOnlyException}: a write was attempted through a read-only handle.
 *   <li>{@link ClosedException}: the collection was closed.
 *   <li>{@link StorageException}: the operating system refused an I/O operation (disk full,
 *       permissions).
 * </ul>
 */
public abstract sealed class QuiverException extends RuntimeException
    permits InvalidArgumentException,
        CorruptionException,
        ConflictException,
        ReadOnlyException,
        ClosedException,
        StorageException {

  private static final long serialVersionUID = 1L;

  QuiverException(String message) {
    super(message);
  }

  QuiverException(String message, Throwable cause) {
    super(message, cause);
  }
}
