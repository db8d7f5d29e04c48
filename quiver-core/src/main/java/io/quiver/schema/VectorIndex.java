package io.quiver.schema;

import io.quiver.InvalidArgumentException;

/**
 * The index a dense vector field carries in each flushed segment. Rows not yet covered by the index
 * (the in-memory segment, segments whose build is pending) are searched exactly, so an index
 * changes speed and recall, never which rows are searchable.
 */
public sealed interface VectorIndex {

  /** Exact search: every row is scored. */
  record Flat() implements VectorIndex {}

  /**
   * A hierarchical navigable small-world graph.
   *
   * @param m neighbours per node on the upper layers (twice as many on the bottom layer), 2..512
   * @param efConstruction candidate list size while building, at least {@code m}
   * @param quantization how the traversed vectors are stored
   * @param rotate turn the vectors by a random rotation before quantizing them (INT8, INT4, PQ;
   *     RABITQ always rotates): spreads uneven per-dimension variance, at the cost of losing the
   *     exact codes of integer data and a rotation of each query
   */
  record Hnsw(int m, int efConstruction, Quantization quantization, boolean rotate)
      implements VectorIndex {
    /** Checks the ranges of the parameters. */
    public Hnsw {
      if (m < 2 || m > 512) {
        throw new InvalidArgumentException("HNSW m " + m + " is outside 2..512");
      }
      if (efConstruction < m || efConstruction > 4096) {
        throw new InvalidArgumentException(
            "HNSW efConstruction " + efConstruction + " is outside " + m + "..4096");
      }
      if (quantization == null) {
        throw new InvalidArgumentException("HNSW quantization must not be null");
      }
      checkRotation(rotate, quantization);
    }

    /** Without rotation. */
    public Hnsw(int m, int efConstruction, Quantization quantization) {
      this(m, efConstruction, quantization, false);
    }

    /** These parameters with rotation on or off. */
    public Hnsw withRotation(boolean on) {
      return new Hnsw(m, efConstruction, quantization, on);
    }
  }

  /**
   * An inverted file: vectors are grouped around {@code nlist} k-means centroids and a query scans
   * the {@code nprobe} nearest lists (default: about the square root of nlist, see {@link
   * io.quiver.query.SearchParams#nprobe()}).
   *
   * @param nlist number of lists; 0 picks one from the segment size (about 4 x sqrt(rows))
   * @param quantization how the vectors in the lists are stored
   * @param rotate turn the vectors by a random rotation before quantizing them (INT8, INT4, PQ;
   *     RABITQ always rotates)
   */
  record Ivf(int nlist, Quantization quantization, boolean rotate) implements VectorIndex {
    /** Checks the ranges of the parameters. */
    public Ivf {
      if (nlist < 0 || nlist > 1 << 20) {
        throw new InvalidArgumentException("IVF nlist " + nlist + " is outside 0..1048576");
      }
      if (quantization == null) {
        throw new InvalidArgumentException("IVF quantization must not be null");
      }
      checkRotation(rotate, quantization);
    }

    /** Without rotation. */
    public Ivf(int nlist, Quantization quantization) {
      this(nlist, quantization, false);
    }

    /** These parameters with rotation on or off. */
    public Ivf withRotation(boolean on) {
      return new Ivf(nlist, quantization, on);
    }
  }

  private static void checkRotation(boolean rotate, Quantization quantization) {
    if (rotate && (quantization == Quantization.NONE || quantization == Quantization.FP16)) {
      throw new InvalidArgumentException(
          "rotation applies to INT8, INT4, PQ and RABITQ codes, not " + quantization);
    }
  }

  /** Exact search. */
  static VectorIndex flat() {
    return new Flat();
  }

  /** HNSW with M = 16, efConstruction = 200 over the raw vectors: the default index. */
  static VectorIndex hnsw() {
    return new Hnsw(16, 200, Quantization.NONE);
  }

  /** HNSW with the given parameters. */
  static VectorIndex hnsw(int m, int efConstruction, Quantization quantization) {
    return new Hnsw(m, efConstruction, quantization);
  }

  /** IVF with the given parameters. */
  static VectorIndex ivf(int nlist, Quantization quantization) {
    return new Ivf(nlist, quantization);
  }
}
