package io.quiver;

/**
 * What the call needs is held by someone else: typically another process holds the collection's
 * writer lock. The message names the lock file.
 */
public final class ConflictException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what is held and by whom, when known. */
  public ConflictException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
