package io.quiver.internal.engine;

/** The four write calls. */
enum WriteKind {
  INSERT,
  UPSERT,
  UPDATE,
  DELETE
}
