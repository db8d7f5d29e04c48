package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.IndexFiles;
import io.quiver.internal.index.quant.ScalarCodes;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.internal.store.ChecksumWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an {@link HnswGraph} as an HNSW index file, laid out to be memory-mapped and searched in
 * place by {@link HnswIndex}. Nodes are renumbered breadth-first ({@link GraphOrder}) so that
 * neighbours sit near each other; a row map turns node numbers back into row ordinals.
 *
 * <p>Layout (format {@value #FORMAT}, version {@value #VERSION}; every integer little-endian):
 *
 * <pre>
 * header        see {@link IndexFiles}: magic, format name "quiver.hnsw", version; 8-aligned
 * metadata      int32 size            nodes = rows of the segment
 *               int32 dimension
 *               int32 metric          0 L2, 1 IP, 2 COSINE
 *               int32 quantization    0 NONE, 1 FP16, 2 INT8, 3 INT4
 *               int32 m               neighbours per node on upper levels
 *               int32 maxConn0        neighbours per node on level 0 (2 m)
 *               int32 levelCount      levels including level 0; 0 when size is 0
 *               int32 entryNode       node where searches start; -1 when size is 0
 *               int32 efConstruction  as built (informational)
 *               int32 codeBytes       bytes of one traversal code (0 for NONE)
 *               int32 recordStride    bytes of one level-0 record, a multiple of 8
 *               int32 flags           bit 0: the codes are lossless (see
 *                                     {@link ScalarCodes#lossless()}); other bits 0
 *               int64 paramsOffset    file offset of the code parameters
 *               int64 level0Offset    file offset of level 0, a multiple of 64
 *               int64 rowMapOffset    file offset of the row map
 *               levelCount-1 times, for levels 1, 2, ...:
 *                 int64 offset        file offset of the level's block
 *                 int32 count         nodes on the level
 *                 int32 reserved      0
 * parameters    INT8, INT4: float32[dimension] offsets, float32[dimension] scales (see
 *               {@link ScalarCodes}); NONE, FP16: nothing
 * padding       zeros up to level0Offset
 * level 0       size records of recordStride bytes, record i for node i:
 *                 int32 count, int32[maxConn0] neighbour nodes (unused slots -1),
 *                 codeBytes of the node's traversal code (INT8/INT4: see {@link ScalarCodes},
 *                 FP16: see {@link io.quiver.internal.index.quant.HalfCodes}), zeros up to
 *                 recordStride
 * row map       int32[size]: the row ordinal of each node
 * level l >= 1  int32[count] its nodes in ascending order, then per node in that order
 *                 int32 count, int32[m] neighbour nodes (unused slots -1)
 * footer        see {@link IndexFiles}: CRC32C of all the preceding bytes
 * </pre>
 *
 * A node's traversal code sits right after its neighbour list, so the search reads the list of a
 * node it scored a moment ago from the cache lines next to its code.
 */
public final class HnswWriter {
  /** Format name in the header. */
  public static final String FORMAT = "quiver.hnsw";

  /** Current format version. */
  public static final int VERSION = 1;

  static final int FLAG_LOSSLESS = 1;
  static final int METADATA_BYTES = 12 * 4 + 3 * 8;
  static final int LEVEL_ENTRY_BYTES = 16;
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private HnswWriter() {}

  /** Writes {@code graph} to a new file {@code file}, forced to disk before returning. */
  public static void write(HnswGraph graph, Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      write(graph, ch, true);
      ch.force(true);
    }
  }

  /**
   * Writes {@code graph} to {@code out}.
   *
   * @param reorder renumber nodes breadth-first (true in production; false keeps node = row)
   */
  public static void write(HnswGraph graph, WritableByteChannel out, boolean reorder)
      throws IOException {
    OnHeapGraph g = graph.graph;
    TraversalCodes codes = graph.codes;
    int n = g.size;
    int dim = graph.raw.dimension();
    int m = g.m;
    int maxConn0 = g.maxConn0;
    int levelCount = n == 0 ? 0 : g.maxLevel() + 1;
    int[] order = reorder ? GraphOrder.breadthFirst(g) : GraphOrder.identity(n);
    int[] inv = GraphOrder.inverse(order);
    int codeBytes = codes.codeBytes();
    int stride = recordStride(maxConn0, codeBytes);

    int[][] members = new int[Math.max(0, levelCount - 1)][];
    for (int l = 1; l < levelCount; l++) {
      int count = 0;
      for (int v = 0; v < n; v++) {
        if (g.levels[order[v]] >= l) {
          count++;
        }
      }
      int[] nodes = new int[count];
      int at = 0;
      for (int v = 0; v < n; v++) {
        if (g.levels[order[v]] >= l) {
          nodes[at++] = v;
        }
      }
      members[l - 1] = nodes;
    }

    ChecksumWriter w = ChecksumWriter.over(out);
    long header = IndexFiles.writeHeader(w, FORMAT, VERSION);
    long paramsOffset = header + METADATA_BYTES + (long) LEVEL_ENTRY_BYTES * members.length;
    long paramsBytes = codes instanceof ScalarCodes ? 8L * dim : 0;
    long level0Offset = (paramsOffset + paramsBytes + 63) & ~63L;
    long rowMapOffset = level0Offset + (long) n * stride;
    long[] levelOffsets = new long[members.length];
    long at = rowMapOffset + 4L * n;
    for (int l = 0; l < members.length; l++) {
      levelOffsets[l] = at;
      at += 4L * members[l].length * (2 + m);
    }

    w.writeInt(n);
    w.writeInt(dim);
    w.writeInt(graph.metric.ordinal());
    w.writeInt(quantizationCode(codes));
    w.writeInt(m);
    w.writeInt(maxConn0);
    w.writeInt(levelCount);
    w.writeInt(n == 0 ? -1 : inv[g.entry()]);
    w.writeInt(graph.efConstruction);
    w.writeInt(codeBytes);
    w.writeInt(stride);
    w.writeInt(codes instanceof ScalarCodes sq && sq.lossless() ? FLAG_LOSSLESS : 0);
    w.writeLong(paramsOffset);
    w.writeLong(level0Offset);
    w.writeLong(rowMapOffset);
    for (int l = 0; l < members.length; l++) {
      w.writeLong(levelOffsets[l]);
      w.writeInt(members[l].length);
      w.writeInt(0);
    }
    if (codes instanceof ScalarCodes sq) {
      for (float f : sq.offsets()) {
        w.writeFloat(f);
      }
      for (float f : sq.scales()) {
        w.writeFloat(f);
      }
    }
    w.align(64);

    writeLevel0(graph, w, order, inv, stride);
    for (int v = 0; v < n; v++) {
      w.writeInt(graph.row(order[v]));
    }
    int[] nbrs = new int[maxConn0];
    for (int l = 1; l < levelCount; l++) {
      int[] nodes = members[l - 1];
      for (int v : nodes) {
        w.writeInt(v);
      }
      for (int v : nodes) {
        int count = g.neighbors(order[v], l, nbrs);
        w.writeInt(count);
        for (int i = 0; i < m; i++) {
          w.writeInt(i < count ? inv[nbrs[i]] : -1);
        }
      }
    }
    IndexFiles.writeFooter(w);
  }

  private static void writeLevel0(
      HnswGraph graph, ChecksumWriter w, int[] order, int[] inv, int stride) throws IOException {
    OnHeapGraph g = graph.graph;
    TraversalCodes codes = graph.codes;
    int codeBytes = codes.codeBytes();
    boolean reuse = codes == graph.buildCodes && graph.buildCodeData != null;
    MemorySegment record = MemorySegment.ofArray(new byte[stride]);
    int[] nbrs = new int[g.maxConn0];
    float[] x = new float[graph.raw.dimension()];
    long codeAt = 4L + 4L * g.maxConn0;
    for (int v = 0; v < g.size; v++) {
      int old = order[v];
      record.fill((byte) 0);
      int count = g.neighbors(old, 0, nbrs);
      record.set(I32, 0, count);
      for (int i = 0; i < g.maxConn0; i++) {
        record.set(I32, 4L + 4L * i, i < count ? inv[nbrs[i]] : -1);
      }
      if (reuse) {
        MemorySegment.copy(
            graph.buildCodeData,
            old * graph.buildStride + graph.buildCodeOffset,
            record,
            codeAt,
            codeBytes);
      } else if (codeBytes > 0) {
        graph.raw.readRow(old, x);
        codes.encode(x, record, codeAt);
      }
      w.writeBytes(record, 0, stride);
    }
  }

  /** Bytes of one level-0 record: count, neighbours and code, rounded up to 8. */
  static int recordStride(int maxConn0, int codeBytes) {
    // Rounding records up to whole cache lines (64) measured no faster on fashion-mnist and makes
    // the file 4% larger; readers accept any multiple of 8.
    return (4 + 4 * maxConn0 + codeBytes + 7) & ~7;
  }

  static int quantizationCode(TraversalCodes codes) {
    return switch (codes.quantization()) {
      case NONE -> 0;
      case FP16 -> 1;
      case INT8 -> 2;
      case INT4 -> 3;
      default -> throw new IllegalArgumentException("no file code for " + codes.quantization());
    };
  }
}
