package io.quiver;

/** The outcome of one document (or id) of a write call. */
public enum WriteStatus {
  /** Written (or, for delete, deleted). */
  OK,
  /** {@code insert}: a live document with this id exists; nothing was written for it. */
  ALREADY_EXISTS,
  /** {@code update} or {@code delete}: no live document has this id; nothing was written. */
  NOT_FOUND,
  /** The document broke a rule of the schema or the limits; the message says which. */
  INVALID_ARGUMENT
}
