package io.quiver.internal.engine;

/**
 * The folders of a collection directory:
 *
 * <pre>
 * LOCK        the writer lock (see DirLock)
 * manifests/  numbered manifests, one per committed version
 * segments/   immutable segment files and deletion files
 * wal/        the write-ahead log
 * </pre>
 */
final class Layout {
  static final String MANIFESTS = "manifests";
  static final String SEGMENTS = "segments";
  static final String WAL = "wal";

  private Layout() {}
}
