package io.quiver;

import java.io.IOException;

/**
 * The operating system refused an I/O operation: the disk is full, a permission is missing, a
 * device failed. A write that fails this way was not acknowledged; the collection stays consistent
 * and can be reopened.
 */
public final class StorageException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Wraps an I/O failure with a message naming what was being done. */
  public StorageException(String message, IOException cause) {
    super(message + ": " + cause, cause);
  }
}
