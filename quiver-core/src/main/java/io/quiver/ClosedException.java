package io.quiver;

/** The collection was closed (or destroyed) before or during the call. */
public final class ClosedException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the closed collection. */
  public ClosedException(String message) {
    super(message);
  }
}
