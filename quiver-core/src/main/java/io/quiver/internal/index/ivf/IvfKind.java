package io.quiver.internal.index.ivf;

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
 * IVF as an engine index kind: trains a segment's lists with {@link IvfBuilder} on the engine's
 * worker threads, writes them with {@link IvfWriter} and opens them with {@link IvfIndex} over the
 * segment's mapped vectors. FP32 and FP16 fields; INT8 fields are searched exactly.
 */
public final class IvfKind implements IndexKind {
  /** The kind's name in manifests and file names. */
  public static final String NAME = "ivf";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(VectorField field) {
    return field.index() instanceof VectorIndex.Ivf
        && (field.type() == DataType.VECTOR_FP32 || field.type() == DataType.VECTOR_FP16);
  }

  @Override
  public void build(
      DenseVectors vectors, VectorField field, Path file, ExecutorService pool, int threads)
      throws IOException {
    long seed = file.getFileName().toString().hashCode();
    VectorIndex.Ivf spec = (VectorIndex.Ivf) field.index();
    // Shared: the build's worker threads read the packed copy.
    try (Arena arena = Arena.ofShared()) {
      PresentRows present = PresentRows.of(vectors, arena);
      IvfWriter.write(
          IvfBuilder.train(present.source(), field.metric(), spec, seed, threads, pool)
              .mappedTo(present.rows(), vectors.rows()),
          file);
    }
  }

  @Override
  public SegmentIndex open(
      Path file, DenseVectors vectors, VectorField field, boolean mmap, boolean verify)
      throws IOException {
    // Like HNSW, the whole file is always verified when opened.
    return IndexFiles.open(
        file,
        mmap,
        (bytes, arena) ->
            new Opened(
                IvfIndex.load(file, bytes, VectorSource.of(vectors)), arena, field.metric()));
  }

  /** An opened IVF index and the arena its file lives in. */
  private record Opened(IvfIndex index, Arena arena, Metric metric) implements SegmentIndex {
    @Override
    public void search(
        QueryVector q, int k, SearchParams params, IntPredicate accept, long refBase, TopK out) {
      index.search(q.floats(), k, params, accept).offerTo(metric, refBase, out);
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
