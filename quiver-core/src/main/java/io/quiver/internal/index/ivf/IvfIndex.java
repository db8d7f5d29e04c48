package io.quiver.internal.index.ivf;

import io.quiver.CorruptionException;
import io.quiver.internal.index.IndexFiles;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.internal.index.quant.BlockCodes;
import io.quiver.internal.index.quant.CodeSpace;
import io.quiver.internal.index.quant.CodesFormat;
import io.quiver.internal.index.quant.ScalarCodes;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.internal.simd.QuantOps;
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
 * An IVF index file ({@link IvfWriter}) opened for search and read in place from its memory: only
 * the code parameters and the first block of each list are held on the heap. Verified when opened:
 * header, footer, checksum, section offsets, list bounds and every row ordinal, so a search never
 * reads outside the file or the segment. Immutable and thread-safe; each thread searches through
 * its own {@link IvfSearcher}.
 *
 * <p>A view: the memory belongs to the arena given to {@link #open} (or to whoever made the segment
 * given to {@link #load}); closing it ends this index.
 */
public final class IvfIndex {
  static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  final Path file;
  final MemorySegment data;
  final VectorSource raw;
  final int size;
  final int dimension;
  final int nlist;
  final Metric metric;
  final TraversalCodes codes;
  final CodeSpace space;
  final boolean blocked;
  final int codeBytes;
  final long centroidsOffset;
  final long transposedOffset;
  final long normsOffset;
  final long listsOffset;
  final long rowsOffset;
  final long codesOffset;

  /** Bytes of a vector's second-stage code (after its list's blocks), or 0. */
  final int extraBytes;

  /**
   * For blocked codes, where each list's codes start, from {@link #codesOffset} (entry nlist: the
   * length of the codes).
   */
  final long[] listCodes;

  private final ThreadLocal<IvfSearcher> searchers = ThreadLocal.withInitial(this::newSearcher);

  private IvfIndex(Path file, MemorySegment data, VectorSource raw) {
    this.file = file;
    this.data = data;
    this.raw = raw;
    IndexFiles.check(file, data, IvfWriter.FORMAT, IvfWriter.VERSION, IvfWriter.VERSION);
    long at = IndexFiles.bodyOffset(IvfWriter.FORMAT.getBytes(StandardCharsets.US_ASCII).length);
    long fileEnd = data.byteSize() - IndexFiles.FOOTER_BYTES;
    check(at + IvfWriter.METADATA_BYTES <= fileEnd, "file length " + data.byteSize());
    size = data.get(I32, at);
    dimension = data.get(I32, at + 4);
    int metricCode = data.get(I32, at + 8);
    int quantCode = data.get(I32, at + 12);
    nlist = data.get(I32, at + 16);
    codeBytes = data.get(I32, at + 20);
    int blockedFlag = data.get(I32, at + 24);
    int flags = data.get(I32, at + 28);
    extraBytes = data.get(I32, at + 32);
    int segmentRows = data.get(I32, at + 36);
    long paramsLength = data.get(I64, at + 40);
    check(
        size >= 0 && dimension > 0 && dimension <= 1 << 16, "size " + size + ", dim " + dimension);
    check(metricCode >= 0 && metricCode < 3, "metric code " + metricCode);
    check(size == 0 ? nlist == 0 : nlist >= 1 && nlist <= size, "nlist " + nlist);
    check(paramsLength >= 0 && paramsLength <= fileEnd, "parameters length " + paramsLength);
    metric = Metric.values()[metricCode];
    long paramsOffset = at + IvfWriter.METADATA_BYTES;
    try {
      codes =
          CodesFormat.read(
              quantCode, flags, metric, dimension, data, paramsOffset, paramsOffset + paramsLength);
    } catch (IllegalArgumentException e) {
      throw new CorruptionException(file, "bad quantizer parameters: " + e.getMessage(), e);
    }
    check(CodesFormat.paramBytes(codes) == paramsLength, "parameters length " + paramsLength);
    blocked = codes instanceof BlockCodes;
    check(blockedFlag == (blocked ? 1 : 0), "blocked flag " + blockedFlag);
    int expectedBytes = blocked ? ((BlockCodes) codes).blockBytes() : codes.codeBytes();
    check(codeBytes == expectedBytes, "code size " + codeBytes);
    int expectedExtra = blocked ? ((BlockCodes) codes).extraBytes() : 0;
    check(extraBytes == expectedExtra, "second-stage code size " + extraBytes);
    check(segmentRows >= size, "segment rows " + segmentRows + " for " + size + " vectors");
    space = blocked ? ((BlockCodes) codes).space() : new CodeSpace(metric, rotation(codes));

    long codesLength = data.get(I64, at + 96);
    check(codesLength >= 0 && codesLength <= fileEnd, "codes length " + codesLength);
    IvfWriter.Sections s =
        IvfWriter.Sections.of(at, paramsLength, nlist, dimension, size, codesLength);
    centroidsOffset = data.get(I64, at + 48);
    transposedOffset = data.get(I64, at + 56);
    normsOffset = data.get(I64, at + 64);
    listsOffset = data.get(I64, at + 72);
    rowsOffset = data.get(I64, at + 80);
    codesOffset = data.get(I64, at + 88);
    check(
        centroidsOffset == s.centroids()
            && transposedOffset == s.transposed()
            && normsOffset == s.norms()
            && listsOffset == s.lists()
            && rowsOffset == s.rows()
            && codesOffset == s.codes()
            && s.end() == fileEnd,
        "section offsets (file length " + data.byteSize() + ")");
    listCodes = new long[nlist + 1];
    long prev = 0;
    check(nlist == 0 || data.get(I64, listsOffset) == 0, "first list start");
    // The loops below run for every list and every row when the file opens: their messages are
    // built only on failure.
    for (int l = 0; l < nlist; l++) {
      long end = data.get(I64, listsOffset + 8L * (l + 1));
      if (end < prev || end > size) {
        check(false, "end " + end + " of list " + l);
      }
      long blocks = (end - prev + QuantOps.BLOCK - 1) / QuantOps.BLOCK;
      listCodes[l + 1] = listCodes[l] + blocks * codeBytes + (end - prev) * extraBytes;
      prev = end;
    }
    check(prev == size, "lists end at " + prev + ", not " + size);
    long expectedCodes = blocked ? listCodes[nlist] : (long) size * codes.codeBytes();
    check(codesLength == expectedCodes, "codes length " + codesLength);
    for (int p = 0; p < size; p++) {
      int row = data.get(I32, rowsOffset + 4L * p);
      if (row < 0 || row >= segmentRows) {
        check(false, "row " + row + " at position " + p);
      }
    }
    if (raw.size() != segmentRows || raw.dimension() != dimension) {
      throw new IllegalArgumentException(
          "index "
              + file
              + " has "
              + segmentRows
              + " rows of dimension "
              + dimension
              + " but the segment has "
              + raw.size()
              + " of dimension "
              + raw.dimension());
    }
  }

  private static io.quiver.internal.index.quant.Rotation rotation(TraversalCodes codes) {
    return codes instanceof ScalarCodes sq ? sq.rotation() : null;
  }

  /**
   * Maps {@code file} read-only into {@code arena} and opens it.
   *
   * @param raw the raw vectors of the segment the index was built from
   * @throws CorruptionException naming the file if it is damaged
   */
  public static IvfIndex open(Path file, Arena arena, VectorSource raw) throws IOException {
    return new IvfIndex(file, IndexFiles.bytes(file, arena, true), raw);
  }

  /** Opens index bytes already in memory; {@code file} names them in errors. */
  public static IvfIndex load(Path file, MemorySegment data, VectorSource raw) {
    return new IvfIndex(file, data, raw);
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      throw new CorruptionException(file, "bad IVF metadata: " + what);
    }
  }

  /** First position of list {@code l} ({@code l = nlist} gives size). */
  long listStart(int l) {
    return data.get(I64, listsOffset + 8L * l);
  }

  /** Row ordinal at {@code position}. */
  int row(int position) {
    return data.get(I32, rowsOffset + 4L * position);
  }

  /** The file this index was read from. */
  public Path file() {
    return file;
  }

  /** Number of vectors. */
  public int size() {
    return size;
  }

  /** Number of lists. */
  public int listCount() {
    return nlist;
  }

  /** The metric. */
  public Metric metric() {
    return metric;
  }

  /** The quantization of the lists' codes. */
  public Quantization quantization() {
    return codes.quantization();
  }

  /** Bytes of the index file: everything a search maps (the raw vectors are not in it). */
  public long byteSize() {
    return data.byteSize();
  }

  /** The default number of lists probed: the square root of the list count, rounded up. */
  public int defaultNprobe() {
    return Math.max(1, (int) Math.ceil(Math.sqrt(nlist)));
  }

  /** The default refine factor of these codes (re-scored candidates per hit wanted). */
  int defaultRefine() {
    return switch (codes.quantization()) {
      case NONE, FP16 -> 1;
      case INT8 -> 2;
      case INT4 -> 4;
      case PQ -> PQ_REFINE;
      case RABITQ -> RABITQ_REFINE;
    };
  }

  /**
   * Refine factor of PQ codes: about a tenth of the true top ten is missing from the ten best
   * estimates of 32-subspace codes, but almost none from the hundred best.
   */
  static final int PQ_REFINE = 10;

  /** Whether these codes are lossless (distances on them are exact). */
  boolean lossless() {
    return codes instanceof ScalarCodes sq && sq.lossless();
  }

  /**
   * Refine factor of RaBitQ codes: their second-stage (4-bit) estimates rank the candidates well
   * enough that a few per hit suffice.
   */
  static final int RABITQ_REFINE = 4;

  /**
   * Whether the codes give lower bounds of the true distances (RaBitQ), so that with the default
   * refine factor a search re-scores exactly the candidates whose bound beats the current k-th.
   */
  boolean bounded() {
    return codes instanceof io.quiver.internal.index.quant.RabitCodes;
  }

  /** A new searcher: reusable scratch state for one thread at a time. */
  public IvfSearcher newSearcher() {
    return new IvfSearcher(this);
  }

  /**
   * Searches with the calling thread's cached searcher.
   *
   * @param query the query vector
   * @param k hits wanted
   * @param params nprobe (0 = {@link #defaultNprobe()}) and refineFactor (0 = the codes' default)
   * @param accept rows that may be returned, or null for all
   */
  public TopHits search(float[] query, int k, SearchParams params, IntPredicate accept) {
    return searchers.get().search(query, k, params.nprobe(), params.refineFactor(), accept);
  }
}
