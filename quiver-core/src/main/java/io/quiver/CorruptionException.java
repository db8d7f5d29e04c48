package io.quiver;

import java.nio.file.Path;

/**
 * A file of the collection is damaged: a checksum does not match, the file is truncated, or its
 * header is not the one expected. The damaged file is named in the message and by {@link #file()}.
 * Quiver never answers a query from a file it found damaged.
 */
public final class CorruptionException extends QuiverException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** Creates the exception for {@code file}, with what was found wrong. */
  public CorruptionException(Path file, String problem) {
    super("corrupt file " + file + ": " + problem);
    this.file = file;
  }

  /** Creates the exception for {@code file}, with what was found wrong and the cause. */
  public CorruptionException(Path file, String problem, Throwable cause) {
    super("corrupt file " + file + ": " + problem, cause);
    this.file = file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
