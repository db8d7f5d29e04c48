package io.quiver.internal.index.scalar;

import io.quiver.CorruptionException;
import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.Layouts;
import io.quiver.internal.store.MappedFile;
import io.quiver.schema.DataType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.RoaringBitmap;

/**
 * The inverted index of one scalar field of one segment (layout in {@link ScalarIndexWriter}), read
 * in place from its mapped file; only the null rows are copied onto the heap. Keys are addressed by
 * their position in the sorted key array: lookups return positions, and the rows of keys {@code
 * [from, to)} are one run of postings. Checked completely when opened (every offset, order and row
 * number), so a lookup never reads outside the file nor returns a row the segment does not have.
 * Immutable and thread-safe; {@link #close} unmaps it.
 */
public final class ScalarIndex implements AutoCloseable {
  private final MappedFile file;
  private final MemorySegment seg;
  private final int fieldId;
  private final DataType type;
  private final int rows;
  private final int keyCount;
  private final int postingCount;
  private final RoaringBitmap nulls;
  private final long keys;
  private final long bytes;
  private final long starts;
  private final long postings;

  private ScalarIndex(MappedFile file, int expectedField, DataType expectedType, int expectedRows) {
    this.file = file;
    this.seg = file.segment();
    ByteReader in = file.body();
    fieldId = in.readInt();
    int t = in.readByte();
    rows = in.readInt();
    int nullCount = in.readInt();
    keyCount = in.readInt();
    postingCount = in.readInt();
    if (fieldId != expectedField
        || t != expectedType.ordinal()
        || rows != expectedRows
        || nullCount < 0
        || nullCount > rows
        || keyCount < 0
        || postingCount < 0) {
      throw in.corrupt(
          String.format(
              "index header (field %d, type %d, rows %d, nulls %d, keys %d, postings %d) does"
                  + " not match field %d (%s) with %d rows",
              fieldId,
              t,
              rows,
              nullCount,
              keyCount,
              postingCount,
              expectedField,
              expectedType,
              expectedRows));
    }
    type = expectedType;
    in.align(8);
    int[] nullRows = new int[nullCount];
    for (int i = 0; i < nullCount; i++) {
      nullRows[i] = in.readInt();
      if (nullRows[i] < 0 || nullRows[i] >= rows || (i > 0 && nullRows[i] <= nullRows[i - 1])) {
        throw in.corrupt("null row " + nullRows[i] + " is out of order or range");
      }
    }
    nulls = RoaringBitmap.bitmapOf(nullRows);
    in.align(8);
    keys = in.position();
    if (type.elementType() == DataType.STRING) {
      long prev = 0;
      for (int i = 0; i <= keyCount; i++) {
        long o = in.readLong();
        if (o < prev || (i == 0 && o != 0)) {
          throw in.corrupt("key offset " + o + " of key " + i + " is out of order");
        }
        prev = o;
      }
      bytes = in.position();
      in.skip(prev);
      in.align(4);
      for (int i = 1; i < keyCount; i++) {
        if (compareKeys(i - 1, i) >= 0) {
          throw in.corrupt("keys " + (i - 1) + " and " + i + " are out of order");
        }
      }
    } else {
      bytes = -1;
      long prev = 0;
      for (int i = 0; i < keyCount; i++) {
        long k = in.readLong();
        if (i > 0 && k <= prev) {
          throw in.corrupt("keys " + (i - 1) + " and " + i + " are out of order");
        }
        prev = k;
      }
    }
    starts = in.position();
    int prevStart = 0;
    for (int i = 0; i <= keyCount; i++) {
      int s = in.readInt();
      if (s < prevStart || (i == 0 && s != 0) || (i == keyCount && s != postingCount)) {
        throw in.corrupt("posting start " + s + " of key " + i + " is out of order or range");
      }
      prevStart = s;
    }
    postings = in.position();
    for (int i = 0; i < keyCount; i++) {
      int prev = -1;
      for (int p = start(i); p < start(i + 1); p++) {
        int r = posting(p);
        if (r <= prev || r >= rows) {
          throw in.corrupt("row " + r + " of key " + i + " is out of order or range");
        }
        prev = r;
      }
    }
    in.skip(4L * postingCount);
    if (in.remaining() != 0) {
      throw in.corrupt(in.remaining() + " unexpected bytes after the postings");
    }
  }

  /**
   * Opens the index file of field {@code fieldId} (of {@code type}) of a segment with {@code rows}
   * rows.
   *
   * @param mmap map the file (true) or read it into memory (false)
   * @param verify recompute the whole checksum now
   * @throws CorruptionException naming the file when it is damaged or does not match
   */
  public static ScalarIndex open(
      Path path, int fieldId, DataType type, int rows, boolean mmap, boolean verify)
      throws IOException {
    MappedFile f =
        MappedFile.open(
            path,
            ScalarIndexWriter.FORMAT,
            ScalarIndexWriter.VERSION,
            ScalarIndexWriter.VERSION,
            mmap,
            verify);
    try {
      return new ScalarIndex(f, fieldId, type, rows);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** The key of a FLOAT or DOUBLE value: sortable bits of {@code v + 0.0} (no -0.0). */
  public static long sortable(double v) {
    long bits = Double.doubleToLongBits(v + 0.0);
    return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
  }

  /** The file. */
  public Path path() {
    return file.path();
  }

  /** The field's type. */
  public DataType type() {
    return type;
  }

  /** Rows of the segment. */
  public int rows() {
    return rows;
  }

  /** Number of distinct keys. */
  public int keyCount() {
    return keyCount;
  }

  /** The rows whose value is null (shared; do not modify). */
  public RoaringBitmap nulls() {
    return nulls;
  }

  /** Number of rows with a value. */
  public int nonNullRows() {
    return rows - nulls.getCardinality();
  }

  /** Bytes of the index file. */
  public long byteSize() {
    return seg.byteSize();
  }

  private int start(int key) {
    return seg.get(Layouts.INT, starts + 4L * key);
  }

  private int posting(int p) {
    return seg.get(Layouts.INT, postings + 4L * p);
  }

  private long longKey(int i) {
    return seg.get(Layouts.LONG, keys + 8L * i);
  }

  /** Number of (row, key) postings of keys {@code [from, to)}: rows, for single values. */
  public int count(int from, int to) {
    return from >= to ? 0 : start(to) - start(from);
  }

  /** The first key position whose (numeric or BOOL) key is at least {@code key}. */
  public int lowerBound(long key) {
    int lo = 0;
    int hi = keyCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (longKey(mid) < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first key position whose key is greater than {@code key}. */
  public int upperBound(long key) {
    return key == Long.MAX_VALUE ? keyCount : lowerBound(key + 1);
  }

  /** The first key position whose string key is at least {@code utf8} (unsigned bytes). */
  public int lowerBound(byte[] utf8) {
    MemorySegment probe = MemorySegment.ofArray(utf8);
    int lo = 0;
    int hi = keyCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Layouts.compareUnsigned(stringKey(mid), probe) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first key position whose string key is greater than {@code utf8}. */
  public int upperBound(byte[] utf8) {
    int at = lowerBound(utf8);
    if (at < keyCount && Layouts.compareUnsigned(stringKey(at), MemorySegment.ofArray(utf8)) == 0) {
      at++;
    }
    return at;
  }

  /** The first key position at or after {@code from} whose string key does not start with it. */
  public int prefixEnd(byte[] prefix, int from) {
    MemorySegment p = MemorySegment.ofArray(prefix);
    int lo = from;
    int hi = keyCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      MemorySegment k = stringKey(mid);
      boolean startsWith =
          k.byteSize() >= prefix.length
              && MemorySegment.mismatch(k, 0, prefix.length, p, 0, prefix.length) < 0;
      if (startsWith) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private MemorySegment stringKey(int i) {
    long from = seg.get(Layouts.LONG, keys + 8L * i);
    long to = seg.get(Layouts.LONG, keys + 8L * i + 8);
    return seg.asSlice(bytes + from, to - from);
  }

  private int compareKeys(int a, int b) {
    return Layouts.compareUnsigned(stringKey(a), stringKey(b));
  }

  /** Sets the bits of the rows of keys {@code [from, to)} in {@code words} (row-indexed). */
  public void addRows(int from, int to, long[] words) {
    if (from >= to) {
      return;
    }
    for (int p = start(from), end = start(to); p < end; p++) {
      int r = posting(p);
      words[r >>> 6] |= 1L << r;
    }
  }

  /** The rows of keys {@code [from, to)}. */
  public RoaringBitmap rows(int from, int to) {
    if (from >= to) {
      return new RoaringBitmap();
    }
    int begin = start(from);
    int end = start(to);
    if (to - from == 1) {
      // One key's rows are ascending: append them as they come.
      int[] run = new int[end - begin];
      MemorySegment.copy(seg, Layouts.INT, postings + 4L * begin, run, 0, run.length);
      RoaringBitmap b = new RoaringBitmap();
      b.addN(run, 0, run.length);
      return b;
    }
    long[] words = new long[(rows + 63) >>> 6];
    addRows(from, to, words);
    return BitSetUtil.bitmapOf(words);
  }

  @Override
  public void close() {
    file.close();
  }
}
