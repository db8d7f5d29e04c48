package io.quiver;

/**
 * The outcome of one document of a write call.
 *
 * @param id the document's id (as given, even when invalid)
 * @param status what happened
 * @param message why, when the status is not {@link WriteStatus#OK}; empty otherwise
 */
public record WriteResult(String id, WriteStatus status, String message) {

  /** Whether the document was written. */
  public boolean ok() {
    return status == WriteStatus.OK;
  }

  /** Returns this result if it is OK; otherwise throws an {@link InvalidArgumentException}. */
  public WriteResult orThrow() {
    if (!ok()) {
      throw new InvalidArgumentException("document '" + id + "': " + status + ": " + message);
    }
    return this;
  }

  /** A successful result for this id. */
  public static WriteResult success(String id) {
    return new WriteResult(id, WriteStatus.OK, "");
  }
}
