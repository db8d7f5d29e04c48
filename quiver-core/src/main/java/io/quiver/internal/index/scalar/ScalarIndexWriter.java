package io.quiver.internal.index.scalar;

import io.quiver.internal.segment.Column;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the inverted index of one scalar field of one segment ({@code <segment>.f<fieldId>.sidx}):
 * the field's distinct values sorted, and for each the rows holding it. An {@code ARRAY_} field is
 * indexed by its elements (a row is listed once per distinct element it holds), which answers
 * {@code CONTAIN_ANY} and {@code CONTAIN_ALL}.
 *
 * <pre>
 * header    ({@link io.quiver.internal.store.FileFormat}, "quiver.sidx", version 1)
 * fieldId u32 | type u8 (DataType ordinal of the field) | rows u32 | nullCount u32 |
 * keyCount u32 | postingCount u32
 * nulls     at an 8-byte boundary: nullCount x u32, the null rows ascending
 * keys      at an 8-byte boundary, ascending, distinct:
 *           INT32, INT64: keyCount x i64, the value
 *           FLOAT, DOUBLE: keyCount x i64, the value as a double (-0.0 stored as 0.0) in sortable
 *                  form bits ^ ((bits >> 63) &amp; 0x7fffffffffffffff), which orders like
 *                  Double.compare (NaN, one canonical key, last)
 *           BOOL: keyCount x i64, 0 for false and 1 for true
 *           STRING: (keyCount + 1) x u64 offsets into the bytes, then the UTF-8 bytes; ascending
 *                  by unsigned bytes, which is the filter language's string order
 * starts    (keyCount + 1) x u32: key i's rows are postings[starts[i] .. starts[i + 1])
 * postings  postingCount x u32: rows grouped by key, ascending within each key
 * footer
 * </pre>
 *
 * The keys form one sorted array (fixed width, or addressed through the offsets), so a value, a
 * range or a prefix is a binary search, and the rows of a whole range of keys are one contiguous
 * run of postings: counting them is a subtraction, whatever the number of distinct values.
 */
public final class ScalarIndexWriter {
  /** Format name. */
  public static final String FORMAT = "quiver.sidx";

  /** Current version. */
  public static final int VERSION = 1;

  private ScalarIndexWriter() {}

  /**
   * Indexes {@code column} (null when the segment predates the field: every row is null) of a
   * segment with {@code rows} rows into {@code path}, created new and fsynced.
   */
  public static void write(Path path, int fieldId, DataType type, Column column, int rows)
      throws IOException {
    int[] nulls = nullRows(column, rows);
    DataType element = type.elementType();
    Pairs pairs = new Pairs(rows);
    if (column != null) {
      collect(column, type, element, rows, pairs);
    }
    try (ChecksumWriter out = ChecksumWriter.create(path, FORMAT, VERSION)) {
      if (element == DataType.STRING) {
        writeStrings(out, fieldId, type, rows, nulls, pairs);
      } else {
        writeNumbers(out, fieldId, type, rows, nulls, pairs);
      }
      out.finish();
    }
  }

  private static int[] nullRows(Column column, int rows) {
    int count = 0;
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      if (column == null || column.isNull(r)) {
        out[count++] = r;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** (key, row) pairs in row order; string keys are numbered in {@link Pairs#strings}. */
  private static final class Pairs {
    long[] keys;
    int[] rows;
    int size;
    final Map<String, Integer> strings = new HashMap<>();
    String[] byId = new String[16];

    Pairs(int capacity) {
      keys = new long[Math.max(16, capacity)];
      rows = new int[keys.length];
    }

    void add(long key, int row) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        rows = Arrays.copyOf(rows, size * 2);
      }
      keys[size] = key;
      rows[size++] = row;
    }

    long stringId(String s) {
      Integer id = strings.get(s);
      if (id == null) {
        id = strings.size();
        strings.put(s, id);
        if (id == byId.length) {
          byId = Arrays.copyOf(byId, id * 2);
        }
        byId[id] = s;
      }
      return id;
    }
  }

  private static void collect(Column column, DataType type, DataType element, int rows, Pairs out) {
    long[] scratch = new long[16];
    for (int r = 0; r < rows; r++) {
      if (column.isNull(r)) {
        continue;
      }
      if (!type.isArray()) {
        out.add(key(column, element, r, out), r);
        continue;
      }
      int n = column.arrayLength(r);
      if (scratch.length < n) {
        scratch = new long[n];
      }
      Column elements = column.elements();
      for (int i = 0; i < n; i++) {
        scratch[i] = key(elements, element, column.elementIndex(r, i), out);
      }
      // A row is listed once per distinct element.
      Arrays.sort(scratch, 0, n);
      for (int i = 0; i < n; i++) {
        if (i == 0 || scratch[i] != scratch[i - 1]) {
          out.add(scratch[i], r);
        }
      }
    }
  }

  private static long key(Column c, DataType element, int i, Pairs pairs) {
    return switch (element) {
      case INT32 -> c.getInt(i);
      case INT64 -> c.getLong(i);
      case FLOAT -> ScalarIndex.sortable(c.getFloat(i));
      case DOUBLE -> ScalarIndex.sortable(c.getDouble(i));
      case BOOL -> c.getBool(i) ? 1 : 0;
      case STRING -> pairs.stringId(c.getString(i));
      default -> throw new IllegalStateException("not a scalar element type: " + element);
    };
  }

  private static void header(
      ChecksumWriter out, int fieldId, DataType type, int rows, int[] nulls, int keys, int postings)
      throws IOException {
    out.writeInt(fieldId);
    out.writeByte(type.ordinal());
    out.writeInt(rows);
    out.writeInt(nulls.length);
    out.writeInt(keys);
    out.writeInt(postings);
    out.align(8);
    for (int r : nulls) {
      out.writeInt(r);
    }
    out.align(8);
  }

  private static void writeNumbers(
      ChecksumWriter out, int fieldId, DataType type, int rows, int[] nulls, Pairs pairs)
      throws IOException {
    long[] distinct = Arrays.copyOf(pairs.keys, pairs.size);
    Arrays.sort(distinct);
    int k = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[k++] = distinct[i];
      }
    }
    int[] rank = new int[pairs.size];
    for (int i = 0; i < pairs.size; i++) {
      rank[i] = Arrays.binarySearch(distinct, 0, k, pairs.keys[i]);
    }
    header(out, fieldId, type, rows, nulls, k, pairs.size);
    for (int i = 0; i < k; i++) {
      out.writeLong(distinct[i]);
    }
    writePostings(out, k, rank, pairs);
  }

  private static void writeStrings(
      ChecksumWriter out, int fieldId, DataType type, int rows, int[] nulls, Pairs pairs)
      throws IOException {
    int k = pairs.strings.size();
    byte[][] bytes = new byte[k][];
    Integer[] order = new Integer[k];
    for (int id = 0; id < k; id++) {
      bytes[id] = pairs.byId[id].getBytes(StandardCharsets.UTF_8);
      order[id] = id;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
    int[] sortedPos = new int[k];
    for (int i = 0; i < k; i++) {
      sortedPos[order[i]] = i;
    }
    int[] rank = new int[pairs.size];
    for (int i = 0; i < pairs.size; i++) {
      rank[i] = sortedPos[(int) pairs.keys[i]];
    }
    header(out, fieldId, type, rows, nulls, k, pairs.size);
    long total = 0;
    out.writeLong(0);
    for (int i = 0; i < k; i++) {
      total += bytes[order[i]].length;
      out.writeLong(total);
    }
    for (int i = 0; i < k; i++) {
      out.writeBytes(bytes[order[i]]);
    }
    out.align(4);
    writePostings(out, k, rank, pairs);
  }

  /** A counting sort by key rank; pairs come in row order, so each key's rows stay ascending. */
  private static void writePostings(ChecksumWriter out, int k, int[] rank, Pairs pairs)
      throws IOException {
    int[] starts = new int[k + 1];
    for (int i = 0; i < pairs.size; i++) {
      starts[rank[i] + 1]++;
    }
    for (int i = 0; i < k; i++) {
      starts[i + 1] += starts[i];
    }
    int[] next = Arrays.copyOf(starts, k);
    int[] postings = new int[pairs.size];
    for (int i = 0; i < pairs.size; i++) {
      postings[next[rank[i]]++] = pairs.rows[i];
    }
    for (int s : starts) {
      out.writeInt(s);
    }
    for (int r : postings) {
      out.writeInt(r);
    }
  }
}
