package io.quiver;

/** A write was attempted through a collection opened read-only. Nothing was written. */
public final class ReadOnlyException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the collection and the refused operation. */
  public ReadOnlyException(String message) {
    super(message);
  }
}
