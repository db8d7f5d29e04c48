package io.quiver.internal.index;

import io.quiver.internal.segment.DenseVectors;
import io.quiver.schema.VectorField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/** Builds and opens one kind of per-segment vector index (HNSW, IVF). */
public interface IndexKind {

  /** A short name, stored in the manifest and used in file names ("hnsw"). */
  String name();

  /** Whether this kind builds the index {@code field}'s spec asks for, for its vector type. */
  boolean handles(VectorField field);

  /**
   * Builds the index of {@code field} over a segment's vectors into {@code file} (created new,
   * fsynced), using the threads of {@code pool} (at most {@code threads} at once).
   */
  void build(DenseVectors vectors, VectorField field, Path file, ExecutorService pool, int threads)
      throws IOException;

  /** Opens an index file built for these vectors, checking it (and its checksum if asked). */
  SegmentIndex open(
      Path file, DenseVectors vectors, VectorField field, boolean mmap, boolean verify)
      throws IOException;
}
