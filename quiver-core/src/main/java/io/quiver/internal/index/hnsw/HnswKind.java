package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.IndexFiles;
import io.quiver.internal.index.IndexKind;
import io.quiver.internal.index.PresentRows;
import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.query.QueryVector;
import io.quiver.internal.query.TopK;
import io.quiver.internal.segment.DenseVectors;
import io.quiver.query.SearchParams;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.VectorField;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * HNSW as an engine index kind: builds a segment's graph with {@link HnswBuilder} on the engine's
 * worker threads and writes it with {@link HnswWriter}; opens it with {@link HnswIndex} over the
 * segment's mapped vectors. FP32 and FP16 fields; INT8 fields are searched exactly for now.
 */
public final class HnswKind implements IndexKind {
  /** The kind's name in manifests and file names. */
  public static final String NAME = "hnsw";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(VectorField field) {
    return field.index() instanceof VectorIndex.Hnsw
        && (field.type() == DataType.VECTOR_FP32 || field.type() == DataType.VECTOR_FP16);
  }

  @Override
  public void build(
      DenseVectors vectors, VectorField field, Path file, ExecutorService pool, int threads)
      throws IOException {
    long seed = file.getFileName().toString().hashCode();
    // Shared: the build's worker threads read the packed copy.
    try (Arena arena = Arena.ofShared()) {
      PresentRows present = PresentRows.of(vectors, arena);
      try (HnswGraph graph =
          HnswBuilder.build(
                  present.source(),
                  field.metric(),
                  (VectorIndex.Hnsw) field.index(),
                  seed,
                  threads,
                  pool)
              .mappedTo(present.rows())) {
        HnswWriter.write(graph, file);
      }
    }
  }

  @Override
  public SegmentIndex open(
      Path file, DenseVectors vectors, VectorField field, boolean mmap, boolean verify)
      throws IOException {
    // HnswIndex always verifies the whole file when it opens it (a few ms per 50 MB).
    return IndexFiles.open(
        file,
        mmap,
        (bytes, arena) ->
            new Opened(
                HnswIndex.load(file, bytes, VectorSource.of(vectors)), arena, field.metric()));
  }

  /** An opened HNSW index and the arena its file lives in. */
  private record Opened(HnswIndex index, Arena arena, Metric metric) implements SegmentIndex {
    @Override
    public void search(
        QueryVector q, int k, SearchParams params, IntPredicate accept, long refBase, TopK out) {
      search(q, k, params, accept, Traversal.CHECK_AS_FOUND, refBase, out);
    }

    @Override
    public void search(
        QueryVector q,
        int k,
        SearchParams params,
        IntPredicate accept,
        Traversal traversal,
        long refBase,
        TopK out) {
      index
          .search(q.floats(), k, params, accept, traversal == Traversal.TWO_HOP)
          .offerTo(metric, refBase, out);
    }

    @Override
    public long byteSize() {
      return index.byteSize();
    }

    @Override
    public Path file() {
      return index.file();
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
