package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.schema.Metric;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A freshly built HNSW graph, still on the heap: what {@link HnswBuilder} returns and {@link
 * HnswWriter} writes. Holds the codes computed while building (native memory), so close it once
 * written.
 */
public final class HnswGraph implements AutoCloseable {
  final OnHeapGraph graph;
  final VectorSource raw;
  final Metric metric;
  final TraversalCodes codes;
  final int efConstruction;
  // The codes the build scored, in the build records (code of node i at i * buildStride +
  // buildCodeOffset); reused by the writer when they are the traversal codes.
  final TraversalCodes buildCodes;
  final MemorySegment buildCodeData;
  final long buildCodeOffset;
  final long buildStride;
  private final Arena arena;
  // Segment row of each node, or null when node i is row i.
  int[] rows;

  HnswGraph(
      OnHeapGraph graph,
      VectorSource raw,
      Metric metric,
      TraversalCodes codes,
      int efConstruction,
      TraversalCodes buildCodes,
      MemorySegment buildCodeData,
      long buildCodeOffset,
      long buildStride,
      Arena arena) {
    this.graph = graph;
    this.raw = raw;
    this.metric = metric;
    this.codes = codes;
    this.efConstruction = efConstruction;
    this.buildCodes = buildCodes;
    this.buildCodeData = buildCodeData;
    this.buildCodeOffset = buildCodeOffset;
    this.buildStride = buildStride;
    this.arena = arena;
  }

  /**
   * Records that node {@code i} is segment row {@code rows[i]}: the graph was built over the rows
   * that have a vector only ({@link io.quiver.internal.index.PresentRows}); null keeps node {@code
   * i} as row {@code i}. Returns this graph.
   */
  public HnswGraph mappedTo(int[] rows) {
    if (rows != null && rows.length != graph.size) {
      throw new IllegalArgumentException(rows.length + " rows for " + graph.size + " nodes");
    }
    this.rows = rows;
    return this;
  }

  /** The segment row of node {@code node}. */
  int row(int node) {
    return rows == null ? node : rows[node];
  }

  /** Number of nodes (the segment's rows that have a vector). */
  public int size() {
    return graph.size;
  }

  /** The metric. */
  public Metric metric() {
    return metric;
  }

  /** The traversal codes the written index will carry. */
  public TraversalCodes codes() {
    return codes;
  }

  /** Number of levels, 0 for an empty graph. */
  public int levels() {
    return graph.maxLevel() + 1;
  }

  /** Frees the build-time codes. */
  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }
}
