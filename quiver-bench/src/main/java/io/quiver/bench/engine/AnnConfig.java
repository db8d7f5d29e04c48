package io.quiver.bench.engine;

import io.quiver.bench.data.Metric;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What to build, the same for every engine: the index kind and its parameters as the harness's
 * command line gives them. Each adapter maps them onto its engine and refuses (with {@link
 * UnsupportedSetupException}) what the engine cannot do.
 *
 * @param metric how vectors compare
 * @param dim the vectors' dimension
 * @param index the index kind
 * @param m HNSW neighbours per node (upper layers; the bottom layer keeps 2 x m)
 * @param efConstruction HNSW candidate list size while building
 * @param nlist IVF list count (0: the engine's default)
 * @param quantize how the traversed vectors are stored
 * @param refine whether quantized candidates are re-scored with the raw vectors
 * @param buildThreads threads the engine may use to build
 * @param queryThreads threads that will query at once
 * @param filtered whether queries carry a filter (engines without filtering refuse up front)
 * @param dir an empty directory the engine owns
 */
public record AnnConfig(
    Metric metric,
    int dim,
    IndexKind index,
    int m,
    int efConstruction,
    int nlist,
    Quantize quantize,
    boolean refine,
    int buildThreads,
    int queryThreads,
    boolean filtered,
    Path dir) {

  /** The index kinds of {@code --index}. */
  public enum IndexKind {
    FLAT,
    HNSW,
    IVF;

    /** The lower-case name used on the command line and in the JSON. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The storage of traversed vectors, {@code --quantize}. */
  public enum Quantize {
    NONE,
    FP16,
    INT8,
    INT4,
    PQ,
    RABITQ;

    /** The lower-case name used on the command line and in the JSON. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
