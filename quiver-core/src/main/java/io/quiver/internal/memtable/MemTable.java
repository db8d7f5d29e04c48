package io.quiver.internal.memtable;

import io.quiver.Document;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.schema.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mutable, in-memory segment: every document written since the last flush, in write order, one
 * row each (a replaced or deleted document keeps its row; the snapshot's deletion bitmap hides it).
 * Searchable at once: queries scan its {@link VectorColumn}s.
 *
 * <p>One writer appends (under the collection's writer lock); readers see the first {@code
 * visibleRows} rows of a snapshot, which were all written before the snapshot was published. For
 * lookups by id, each row links to the previous row of the same id, so a reader can walk back from
 * the newest row to the newest one it may see.
 */
public final class MemTable {
  static final int CHUNK_SHIFT = 10;
  static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
  static final int CHUNK_MASK = CHUNK_ROWS - 1;

  private final BoundSchema schema;
  private final VectorColumn[] columns;
  private final boolean hasDense;
  private final ConcurrentHashMap<String, Integer> newest = new ConcurrentHashMap<>();
  private volatile Document[][] docs = new Document[4][];
  private volatile int[][] previous = new int[4][];
  private volatile long[][] seqs = new long[4][];
  private volatile int size;
  private long bytes;
  private long lastSeq = -1;

  /** An empty memtable for {@code schema}. */
  public MemTable(BoundSchema schema) {
    this.schema = schema;
    this.columns = new VectorColumn[schema.fields().size()];
    boolean dense = false;
    for (FieldInfo f : schema.vectorFields()) {
      if (f.spec().type().isDenseVector()) {
        columns[f.ordinal()] = new VectorColumn(f.spec().type(), f.vector().dimension());
        dense = true;
      }
    }
    this.hasDense = dense;
  }

  /** The schema the rows follow. */
  public BoundSchema schema() {
    return schema;
  }

  /** Rows appended so far (visible or not). */
  public int size() {
    return size;
  }

  /** Approximate heap bytes held, for the flush threshold. */
  public long bytes() {
    return bytes;
  }

  /** Sequence number of the last appended row's write, or -1. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Appends a normalized full document written at {@code seq}; returns its row. Writer only. */
  public int append(Document doc, long seq) {
    int row = size;
    int c = row >>> CHUNK_SHIFT;
    if (c >= docs.length) {
      int n = docs.length * 2;
      docs = Arrays.copyOf(docs, n);
      previous = Arrays.copyOf(previous, n);
      seqs = Arrays.copyOf(seqs, n);
    }
    if (docs[c] == null) {
      docs[c] = new Document[CHUNK_ROWS];
      previous[c] = new int[CHUNK_ROWS];
      seqs[c] = new long[CHUNK_ROWS];
    }
    docs[c][row & CHUNK_MASK] = withoutDenseVectors(doc);
    seqs[c][row & CHUNK_MASK] = seq;
    Integer prev = newest.put(doc.id(), row);
    previous[c][row & CHUNK_MASK] = prev == null ? -1 : prev;
    for (FieldInfo f : schema.vectorFields()) {
      VectorColumn col = columns[f.ordinal()];
      if (col != null) {
        col.set(row, doc.get(f.name()));
      }
    }
    bytes += estimateBytes(doc);
    lastSeq = seq;
    size = row + 1;
    return row;
  }

  /** Records that the write at {@code seq} touched this memtable without appending (a delete). */
  public void noteSeq(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  /**
   * The whole document at {@code row}. Dense vectors live only in the {@link VectorColumn}s (one
   * copy per vector in memory); they are copied back into the document here.
   */
  public Document doc(int row) {
    Document stored = stored(row);
    if (!hasDense) {
      return stored;
    }
    Document.Builder b = stored.toBuilder();
    for (FieldInfo f : schema.vectorFields()) {
      VectorColumn col = columns[f.ordinal()];
      if (col != null) {
        b.set(f.name(), col.present(row) ? col.copy(row) : null);
      }
    }
    return b.build();
  }

  /**
   * The document at {@code row} without its dense vectors: what filters and fetches of scalars
   * read.
   */
  public Document stored(int row) {
    return docs[row >>> CHUNK_SHIFT][row & CHUNK_MASK];
  }

  /** The value of one field at {@code row}; for dense vectors a copy from the column. */
  public Object value(FieldInfo field, int row) {
    VectorColumn col = columns[field.ordinal()];
    if (col != null) {
      return col.present(row) ? col.copy(row) : null;
    }
    return stored(row).get(field.name());
  }

  /** The id at {@code row}. */
  public String id(int row) {
    return stored(row).id();
  }

  private Document withoutDenseVectors(Document doc) {
    if (!hasDense) {
      return doc;
    }
    Document.Builder b = doc.toBuilder();
    for (FieldInfo f : schema.vectorFields()) {
      if (columns[f.ordinal()] != null) {
        b.remove(f.name());
      }
    }
    return b.build();
  }

  /** The sequence number of the write that appended {@code row}. */
  public long seq(int row) {
    return seqs[row >>> CHUNK_SHIFT][row & CHUNK_MASK];
  }

  /**
   * The newest row with this id among the first {@code visibleRows}, or -1. The caller checks
   * whether that row is deleted in its snapshot.
   */
  public int newestRow(String id, int visibleRows) {
    Integer r = newest.get(id);
    int row = r == null ? -1 : r;
    while (row >= visibleRows) {
      row = previous[row >>> CHUNK_SHIFT][row & CHUNK_MASK];
    }
    return row;
  }

  /** The vector column of a dense vector field. */
  public VectorColumn column(FieldInfo field) {
    return columns[field.ordinal()];
  }

  private static long estimateBytes(Document doc) {
    long b = 96 + 2L * doc.id().length();
    for (Object v : doc.fields().values()) {
      b +=
          switch (v) {
            case null -> 8;
            case String s -> 48 + 2L * s.length();
            case float[] f -> 4L * f.length;
            case byte[] a -> a.length;
            case SparseVector s -> 64 + 8L * s.size();
            case List<?> l -> 32 + 24L * l.size();
            default -> 24;
          };
    }
    return b;
  }
}
