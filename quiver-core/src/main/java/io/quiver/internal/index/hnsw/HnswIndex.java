package io.quiver.internal.index.hnsw;

import io.quiver.CorruptionException;
import io.quiver.internal.index.IndexFiles;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.quant.CodesFormat;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.query.SearchParams;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * An HNSW index file opened for search, read in place from its memory (a mapped file): nothing is
 * copied onto the heap. Verified when opened: header, footer, checksum, and every neighbour
 * reference, so a search never follows a damaged pointer. Immutable and thread-safe; each thread
 * searches through its own {@link HnswSearcher}.
 *
 * <p>A view: the memory belongs to the arena the caller passed to {@link #open} (or to whoever made
 * the segment given to {@link #load}); closing that arena ends this index.
 */
public final class HnswIndex {
  static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  final Path file;
  final MemorySegment data;
  final VectorSource raw;
  final int size;
  final int dimension;
  final Metric metric;
  final TraversalCodes codes;
  final int m;
  final int maxConn0;
  final int levelCount;
  final int entry;
  final int stride;
  final long level0Offset;
  final long codeOffset;
  final long rowMapOffset;
  final long[] levelOffsets;
  final int[] levelCounts;
  private final ThreadLocal<HnswSearcher> searchers = ThreadLocal.withInitial(this::newSearcher);

  private HnswIndex(Path file, MemorySegment data, VectorSource raw) {
    this.file = file;
    this.data = data;
    this.raw = raw;
    IndexFiles.check(file, data, HnswWriter.FORMAT, HnswWriter.VERSION, HnswWriter.VERSION);
    long at = IndexFiles.bodyOffset(HnswWriter.FORMAT.getBytes(StandardCharsets.US_ASCII).length);
    size = data.get(I32, at);
    dimension = data.get(I32, at + 4);
    int metricCode = data.get(I32, at + 8);
    int quantCode = data.get(I32, at + 12);
    m = data.get(I32, at + 16);
    maxConn0 = data.get(I32, at + 20);
    levelCount = data.get(I32, at + 24);
    entry = data.get(I32, at + 28);
    int codeBytes = data.get(I32, at + 36);
    stride = data.get(I32, at + 40);
    int flags = data.get(I32, at + 44);
    long paramsOffset = data.get(I64, at + 48);
    level0Offset = data.get(I64, at + 56);
    rowMapOffset = data.get(I64, at + 64);
    long fileEnd = data.byteSize() - IndexFiles.FOOTER_BYTES;
    check(size >= 0 && dimension > 0, "size " + size + ", dimension " + dimension);
    check(metricCode >= 0 && metricCode < 3, "metric code " + metricCode);
    check(quantCode >= 0 && quantCode < 6, "quantization code " + quantCode);
    check(m >= 2 && m <= 512 && maxConn0 == 2 * m, "m " + m + ", maxConn0 " + maxConn0);
    check(
        size == 0 ? levelCount == 0 && entry == -1 : levelCount >= 1 && levelCount <= 64,
        "levelCount " + levelCount + " for size " + size);
    check(size == 0 || (entry >= 0 && entry < size), "entry node " + entry);
    metric = Metric.values()[metricCode];
    check(
        paramsOffset
                == at
                    + HnswWriter.METADATA_BYTES
                    + (long) HnswWriter.LEVEL_ENTRY_BYTES * Math.max(0, levelCount - 1)
            && paramsOffset <= level0Offset
            && level0Offset <= fileEnd
            && level0Offset % 64 == 0,
        "section offsets");
    codes = readCodes(quantCode, flags, paramsOffset, level0Offset);
    check(codeBytes == codes.codeBytes(), "code size " + codeBytes);
    check(
        stride >= 4 + 4 * maxConn0 + codeBytes && stride % 8 == 0 && stride <= 1 << 24,
        "record stride " + stride);
    codeOffset = 4L + 4L * maxConn0;
    check(rowMapOffset == level0Offset + (long) size * stride, "row map offset " + rowMapOffset);
    levelOffsets = new long[Math.max(0, levelCount - 1)];
    levelCounts = new int[levelOffsets.length];
    long next = rowMapOffset + 4L * size;
    for (int l = 0; l < levelOffsets.length; l++) {
      long e = at + HnswWriter.METADATA_BYTES + (long) HnswWriter.LEVEL_ENTRY_BYTES * l;
      levelOffsets[l] = data.get(I64, e);
      levelCounts[l] = data.get(I32, e + 8);
      check(
          levelOffsets[l] == next && levelCounts[l] >= 1 && levelCounts[l] <= size,
          "level " + (l + 1));
      next += 4L * levelCounts[l] * (2 + m);
    }
    check(next == fileEnd, "file length " + data.byteSize() + " (body ends at " + next + ")");
    if (raw.size() < size || raw.dimension() != dimension) {
      throw new IllegalArgumentException(
          "index "
              + file
              + " has "
              + size
              + " vectors of dimension "
              + dimension
              + " but the segment has "
              + raw.size()
              + " of dimension "
              + raw.dimension());
    }
    validateLinks();
  }

  /**
   * Maps {@code file} read-only into {@code arena} and opens it.
   *
   * @param raw the raw vectors of the segment the index was built from (re-ranking, NONE)
   * @throws CorruptionException naming the file if it is damaged
   */
  public static HnswIndex open(Path file, Arena arena, VectorSource raw) throws IOException {
    return new HnswIndex(file, IndexFiles.bytes(file, arena, true), raw);
  }

  /**
   * Opens index bytes already in memory; {@code file} names them in errors.
   *
   * @throws CorruptionException naming {@code file} if the bytes are damaged
   */
  public static HnswIndex load(Path file, MemorySegment data, VectorSource raw) {
    return new HnswIndex(file, data, raw);
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      throw new CorruptionException(file, "bad HNSW metadata: " + what);
    }
  }

  private TraversalCodes readCodes(int quantCode, int flags, long paramsOffset, long paramsEnd) {
    try {
      return CodesFormat.read(quantCode, flags, metric, dimension, data, paramsOffset, paramsEnd);
    } catch (IllegalArgumentException e) {
      throw new CorruptionException(file, "bad quantizer parameters: " + e.getMessage(), e);
    }
  }

  /** Every count within capacity and every neighbour and row inside its range. */
  private void validateLinks() {
    for (int v = 0; v < size; v++) {
      long rec = level0Offset + (long) v * stride;
      checkList(data.get(I32, rec), rec + 4, maxConn0, size, v, 0);
      int row = data.get(I32, rowMapOffset + 4L * v);
      if (row < 0 || row >= raw.size()) {
        check(false, "row " + row + " of node " + v);
      }
    }
    for (int l = 0; l < levelOffsets.length; l++) {
      int count = levelCounts[l];
      long base = levelOffsets[l];
      int prev = -1;
      for (int i = 0; i < count; i++) {
        int node = data.get(I32, base + 4L * i);
        if (node <= prev || node >= size) {
          check(false, "node " + node + " on level " + (l + 1));
        }
        prev = node;
      }
      long blocks = base + 4L * count;
      for (int i = 0; i < count; i++) {
        long b = blocks + 4L * i * (1 + m);
        checkList(data.get(I32, b), b + 4, m, size, i, l + 1);
      }
    }
    if (levelCount > 1) {
      check(upperSlot(levelCount - 1, entry) >= 0, "entry node " + entry + " not on top level");
    }
  }

  // Runs for every list of the file when it opens: the messages are built only on failure.
  private void checkList(int count, long at, int cap, int n, int node, int level) {
    if (count < 0 || count > cap) {
      check(false, "count " + count + " of node " + node + " on level " + level);
    }
    for (int i = 0; i < count; i++) {
      int x = data.get(I32, at + 4L * i);
      if (x < 0 || x >= n) {
        check(false, "neighbour " + x + " of node " + node + " on level " + level);
      }
    }
  }

  /** Slot of {@code node} among the nodes of upper {@code level}, or -1. */
  int upperSlot(int level, int node) {
    long base = levelOffsets[level - 1];
    int lo = 0;
    int hi = levelCounts[level - 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = data.get(I32, base + 4L * mid);
      if (v < node) {
        lo = mid + 1;
      } else if (v > node) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * File offset of the neighbour block (count, then m nodes) of slot {@code slot} of {@code level}.
   */
  long upperBlock(int level, int slot) {
    return levelOffsets[level - 1] + 4L * levelCounts[level - 1] + 4L * slot * (1 + m);
  }

  /** Row ordinal of {@code node}. */
  int row(int node) {
    return data.get(I32, rowMapOffset + 4L * node);
  }

  /** The file this index was read from. */
  public Path file() {
    return file;
  }

  /** Number of nodes (rows). */
  public int size() {
    return size;
  }

  /** Dimension of the vectors. */
  public int dimension() {
    return dimension;
  }

  /** The metric scores are computed with. */
  public Metric metric() {
    return metric;
  }

  /** The traversal quantization. */
  public Quantization quantization() {
    return codes.quantization();
  }

  /** Bytes of the index file. */
  public long byteSize() {
    return data.byteSize();
  }

  /** A new searcher: reusable scratch state for one thread at a time. */
  public HnswSearcher newSearcher() {
    return new HnswSearcher(this);
  }

  /**
   * Searches with the calling thread's cached searcher.
   *
   * @param query the query vector, of {@link #dimension()} elements
   * @param k number of hits wanted
   * @param params ef (at least k is used; 0 = default) and refineFactor (0 = default)
   * @param accept rows that may be returned, or null for all; rejected rows are still traversed
   */
  public TopHits search(float[] query, int k, SearchParams params, IntPredicate accept) {
    return searchers.get().search(query, k, params.ef(), params.refineFactor(), accept);
  }

  /**
   * {@link #search(float[], int, SearchParams, IntPredicate)}, traversing two hops past rejected
   * nodes when {@code twoHop} (see {@link HnswSearcher}).
   */
  public TopHits search(
      float[] query, int k, SearchParams params, IntPredicate accept, boolean twoHop) {
    return searchers.get().search(query, k, params.ef(), params.refineFactor(), accept, twoHop);
  }
}
