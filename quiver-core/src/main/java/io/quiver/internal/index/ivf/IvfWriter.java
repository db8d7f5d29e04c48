package io.quiver.internal.index.ivf;

import io.quiver.internal.index.IndexFiles;
import io.quiver.internal.index.quant.BlockCodes;
import io.quiver.internal.index.quant.CodesFormat;
import io.quiver.internal.index.quant.TraversalCodes;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.store.ChecksumWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a trained IVF index ({@link IvfBuilder}) as a file laid out to be memory-mapped and
 * scanned in place by {@link IvfIndex}: lists are contiguous, so a probe reads one run of codes.
 *
 * <p>Layout (format {@value #FORMAT}, version {@value #VERSION}; every integer little-endian):
 *
 * <pre>
 * header        see {@link IndexFiles}: magic, format name "quiver.ivf", version; 8-aligned
 * metadata      int32 size             vectors: the rows of the segment that have one
 *               int32 dimension
 *               int32 metric           0 L2, 1 IP, 2 COSINE
 *               int32 quantization     0 NONE, 1 FP16, 2 INT8, 3 INT4, 4 PQ, 5 RABITQ
 *                                      (see {@link CodesFormat})
 *               int32 nlist            lists; 0 when size is 0
 *               int32 codeBytes        NONE: 0; FP16, INT8, INT4: bytes of one code;
 *                                      PQ, RABITQ: bytes of one block of 16 codes
 *               int32 blocked          0: one code per vector; 1: blocks of 16 (PQ, RABITQ)
 *               int32 flags            see {@link CodesFormat}: bit 0 lossless, bit 1 rotated
 *               int32 extraBytes       bytes of a vector's second-stage code (RABITQ), else 0
 *               int32 segmentRows      rows of the segment, at least size (rows without a
 * vector are in no list)
 *               int64 paramsLength     bytes of the code parameters
 *               int64 centroidsOffset  64-aligned
 *               int64 transposedOffset 64-aligned
 *               int64 normsOffset
 *               int64 listsOffset
 *               int64 rowsOffset
 *               int64 codesOffset      64-aligned
 *               int64 codesLength
 * parameters    the codes' parameters, as {@link CodesFormat} writes them
 * centroids     float32[nlist][dimension]: the list centroids in the codes' space (unit vectors
 *               for COSINE, rotated when the codes rotate)
 * transposed    float32[dimension][nlist]: the same, component-major, for choosing lists
 * norms         float32[nlist]: squared norms of the centroids
 * lists         int64[nlist + 1]: the first position of each list; the last entry is size
 * rows          int32[size]: the segment row at each position; rows ascend within a list
 * codes         blocked = 0: size codes of codeBytes in position order (NONE: nothing, the raw
 *               vectors are read through rows); blocked = 1: for each list, ceil(count / 16)
 *               blocks of codeBytes holding its positions in order, unused slots zero (layouts in
 *               {@link io.quiver.internal.index.quant.PqCodes} and
 *               {@link io.quiver.internal.index.quant.RabitCodes}), then count second-stage codes
 *               of extraBytes in position order (RABITQ: see
 *               {@link io.quiver.internal.index.quant.RabitCodes}); codes of PQ and RABITQ are of
 *               the residual from the list's centroid
 * footer        see {@link IndexFiles}: CRC32C of all the preceding bytes
 * </pre>
 *
 * Sections not marked aligned start right after the previous one, padded to 8 bytes.
 */
public final class IvfWriter {
  /** Format name in the header. */
  public static final String FORMAT = "quiver.ivf";

  /** Current format version. */
  public static final int VERSION = 1;

  static final int METADATA_BYTES = 10 * 4 + 8 * 8;
  private static final int BLOCK = QuantOps.BLOCK;

  private IvfWriter() {}

  /** Writes {@code index} to a new file {@code file}, forced to disk before returning. */
  static void write(IvfBuilder.Trained index, Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      write(index, ch);
      ch.force(true);
    }
  }

  /** Section offsets of a file; the reader recomputes them to check the metadata. */
  record Sections(
      long centroids, long transposed, long norms, long lists, long rows, long codes, long end) {

    static Sections of(
        long body, long paramsLength, int nlist, int dim, int size, long codesLength) {
      long centroids = align(body + METADATA_BYTES + paramsLength, 64);
      long transposed = align(centroids + 4L * nlist * dim, 64);
      long norms = align(transposed + 4L * nlist * dim, 8);
      long lists = align(norms + 4L * nlist, 8);
      long rows = lists + 8L * (nlist + 1);
      long codes = align(rows + 4L * size, 64);
      return new Sections(centroids, transposed, norms, lists, rows, codes, codes + codesLength);
    }
  }

  static long align(long x, int a) {
    return (x + a - 1) & -(long) a;
  }

  /** Bytes of the codes section for lists of the given sizes. */
  static long codesLength(TraversalCodes codes, int[] counts, int size) {
    if (codes instanceof BlockCodes bc) {
      long blocks = 0;
      for (int c : counts) {
        blocks += (c + BLOCK - 1) / BLOCK;
      }
      return blocks * bc.blockBytes() + (long) size * bc.extraBytes();
    }
    return (long) size * codes.codeBytes();
  }

  /** Writes {@code index} to {@code out}. */
  static void write(IvfBuilder.Trained index, WritableByteChannel out) throws IOException {
    TraversalCodes codes = index.codes;
    int n = index.raw.size();
    int dim = index.raw.dimension();
    int nlist = index.nlist;
    int[] counts = new int[nlist];
    for (int l : index.listOf) {
      counts[l]++;
    }
    int[] starts = new int[nlist + 1];
    for (int l = 0; l < nlist; l++) {
      starts[l + 1] = starts[l] + counts[l];
    }
    int[] rows = new int[n];
    int[] fill = starts.clone();
    for (int r = 0; r < n; r++) {
      rows[fill[index.listOf[r]]++] = r;
    }
    boolean blocked = codes instanceof BlockCodes;
    int codeBytes = blocked ? ((BlockCodes) codes).blockBytes() : codes.codeBytes();
    long paramsLength = CodesFormat.paramBytes(codes);
    long codesLength = codesLength(codes, counts, n);

    ChecksumWriter w = ChecksumWriter.over(out);
    long body = IndexFiles.writeHeader(w, FORMAT, VERSION);
    Sections s = Sections.of(body, paramsLength, nlist, dim, n, codesLength);
    w.writeInt(n);
    w.writeInt(dim);
    w.writeInt(index.metric.ordinal());
    w.writeInt(CodesFormat.code(codes.quantization()));
    w.writeInt(nlist);
    w.writeInt(codeBytes);
    w.writeInt(blocked ? 1 : 0);
    w.writeInt(CodesFormat.flags(codes));
    w.writeInt(blocked ? ((BlockCodes) codes).extraBytes() : 0);
    w.writeInt(index.segmentRows);
    w.writeLong(paramsLength);
    w.writeLong(s.centroids());
    w.writeLong(s.transposed());
    w.writeLong(s.norms());
    w.writeLong(s.lists());
    w.writeLong(s.rows());
    w.writeLong(s.codes());
    w.writeLong(codesLength);
    CodesFormat.writeParams(codes, w);
    w.align(64);
    float[] c = index.centroids;
    for (float f : c) {
      w.writeFloat(f);
    }
    w.align(64);
    for (int d = 0; d < dim; d++) {
      for (int l = 0; l < nlist; l++) {
        w.writeFloat(c[l * dim + d]);
      }
    }
    w.align(8);
    for (int l = 0; l < nlist; l++) {
      double sq = 0;
      for (int d = 0; d < dim; d++) {
        sq += (double) c[l * dim + d] * c[l * dim + d];
      }
      w.writeFloat((float) sq);
    }
    w.align(8);
    for (int l = 0; l <= nlist; l++) {
      w.writeLong(starts[l]);
    }
    for (int r : rows) {
      w.writeInt(index.row(r));
    }
    w.align(64);
    if (blocked) {
      writeBlocks(index, (BlockCodes) codes, w, rows, starts);
    } else if (codeBytes > 0) {
      MemorySegment code = MemorySegment.ofArray(new byte[codeBytes]);
      float[] x = new float[dim];
      for (int r : rows) {
        index.raw.readRow(r, x);
        codes.encode(x, code, 0);
        w.writeBytes(code, 0, codeBytes);
      }
    }
    if (w.position() != s.end()) {
      throw new IllegalStateException(
          "IVF writer wrote " + w.position() + " bytes, planned " + s.end());
    }
    IndexFiles.writeFooter(w);
  }

  private static void writeBlocks(
      IvfBuilder.Trained index, BlockCodes codes, ChecksumWriter w, int[] rows, int[] starts)
      throws IOException {
    int dim = index.raw.dimension();
    int blockBytes = codes.blockBytes();
    int extraBytes = codes.extraBytes();
    MemorySegment block = MemorySegment.ofArray(new byte[blockBytes]);
    float[] xs = new float[BLOCK * dim];
    float[] x = new float[dim];
    float[] centre = new float[dim];
    for (int l = 0; l < index.nlist; l++) {
      System.arraycopy(index.centroids, l * dim, centre, 0, dim);
      // The list's second-stage codes follow its blocks: gathered while the blocks are written.
      MemorySegment extra =
          MemorySegment.ofArray(new byte[(starts[l + 1] - starts[l]) * extraBytes]);
      for (int p = starts[l]; p < starts[l + 1]; p += BLOCK) {
        int count = Math.min(BLOCK, starts[l + 1] - p);
        for (int i = 0; i < count; i++) {
          index.raw.readRow(rows[p + i], x);
          index.space.mapInPlace(x);
          System.arraycopy(x, 0, xs, i * dim, dim);
        }
        codes.encodeBlock(xs, count, centre, block, 0, extra, (long) (p - starts[l]) * extraBytes);
        w.writeBytes(block, 0, blockBytes);
      }
      w.writeSegment(extra);
    }
  }
}
