package io.quiver;

/**
 * The caller's input broke a rule of the schema, the limits or the API. Nothing was written and the
 * collection remains usable. The message names the field, the value and the rule, for example
 * {@code "field 'embedding': dimension 3 != 384"}.
 */
public final class InvalidArgumentException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the field, the value and the rule. */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
