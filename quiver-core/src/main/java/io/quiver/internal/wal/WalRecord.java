package io.quiver.internal.wal;

import io.quiver.Document;

/**
 * One logged operation, already resolved by the writer: replaying the log applies exactly these,
 * whatever the collection held, so replay is idempotent.
 */
public sealed interface WalRecord {

  /** The operation's sequence number; strictly increasing across the log. */
  long seq();

  /** Make {@code document} the live version of its id (replacing any live one). */
  record Put(long seq, Document document) implements WalRecord {}

  /** Make no version of {@code id} live. */
  record Delete(long seq, String id) implements WalRecord {}
}
