package io.quiver.bench.engine;

/**
 * The engine cannot run the requested setup (an index kind, a quantization or filtering it does not
 * have). The harness prints "unsupported: ..." on stderr and exits with status 2.
 */
public final class UnsupportedSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An unsupported setup, described for the user. */
  public UnsupportedSetupException(String message) {
    super(message);
  }
}
