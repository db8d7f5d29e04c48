package io.quiver.internal.segment;

import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.DataType;
import io.quiver.schema.SparseVector;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the vectors of one field of a segment.
 *
 * <p>Dense ("quiver.vectors", version 1), laid out for memory mapping and in-place search:
 *
 * <pre>
 * fieldId u32, type u8 (DataType ordinal), dimension u32, rowCount u32, stride u32 (bytes/row)
 * hasAbsent u8, then if 1: ceil(rowCount/64) x u64 (bit i set = row i has no vector)
 * norms    rowCount x f32: the Euclidean norm of each vector (0 when absent)
 * (zero padding to a 64-byte boundary of the file)
 * data     rowCount x stride bytes, row-major: FP32 as f32, FP16 as IEEE binary16, INT8 as i8;
 *          absent rows hold zeros
 * </pre>
 *
 * <p>Sparse ("quiver.sparse", version 1):
 *
 * <pre>
 * fieldId u32, rowCount u32
 * offsets (rowCount + 1) x u64: entry index of each row's first entry (absent rows are empty)
 * hasAbsent u8, then if 1: ceil(rowCount/64) x u64
 * (padding to 8 bytes) indices entries x i32, then weights entries x f32
 * </pre>
 */
public final class VectorsWriter {
  /** Alignment of the dense data block inside the file. */
  public static final int DATA_ALIGNMENT = 64;

  private VectorsWriter() {}

  /** Writes the dense vectors of {@code field} and fsyncs the file. */
  public static void writeDense(Path path, FieldInfo field, RowSource source) throws IOException {
    DataType type = field.spec().type();
    int dim = field.vector().dimension();
    int n = source.rowCount();
    int stride = dim * type.vectorElementBytes();
    try (ChecksumWriter out =
        ChecksumWriter.create(path, SegmentFiles.VECTORS_FORMAT, SegmentFiles.VERSION)) {
      out.writeInt(field.id());
      out.writeByte(type.ordinal());
      out.writeInt(dim);
      out.writeInt(n);
      out.writeInt(stride);
      writeAbsent(out, field, source, n);
      for (int i = 0; i < n; i++) {
        out.writeFloat(norm(source.value(field, i)));
      }
      out.align(DATA_ALIGNMENT);
      byte[] zeros = new byte[stride];
      for (int i = 0; i < n; i++) {
        Object v = source.value(field, i);
        switch (v) {
          case null -> out.writeBytes(zeros);
          case float[] f when type == DataType.VECTOR_FP16 -> {
            for (float x : f) {
              out.writeShort(Float.floatToFloat16(x));
            }
          }
          case float[] f -> {
            for (float x : f) {
              out.writeFloat(x);
            }
          }
          case byte[] b -> out.writeBytes(b);
          default -> throw new IllegalStateException("unexpected vector " + v.getClass());
        }
      }
      out.finish();
    }
  }

  /** Writes the sparse vectors of {@code field} and fsyncs the file. */
  public static void writeSparse(Path path, FieldInfo field, RowSource source) throws IOException {
    int n = source.rowCount();
    try (ChecksumWriter out =
        ChecksumWriter.create(path, SegmentFiles.SPARSE_FORMAT, SegmentFiles.VERSION)) {
      out.writeInt(field.id());
      out.writeInt(n);
      long total = 0;
      out.writeLong(0);
      for (int i = 0; i < n; i++) {
        SparseVector s = (SparseVector) source.value(field, i);
        total += s == null ? 0 : s.size();
        out.writeLong(total);
      }
      writeAbsent(out, field, source, n);
      out.align(8);
      for (int i = 0; i < n; i++) {
        SparseVector s = (SparseVector) source.value(field, i);
        if (s != null) {
          for (int idx : s.indices()) {
            out.writeInt(idx);
          }
        }
      }
      for (int i = 0; i < n; i++) {
        SparseVector s = (SparseVector) source.value(field, i);
        if (s != null) {
          for (float w : s.values()) {
            out.writeFloat(w);
          }
        }
      }
      out.finish();
    }
  }

  private static void writeAbsent(ChecksumWriter out, FieldInfo field, RowSource source, int n)
      throws IOException {
    long[] absent = new long[(n + 63) / 64];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (source.value(field, i) == null) {
        absent[i >>> 6] |= 1L << i;
        any = true;
      }
    }
    out.writeByte(any ? 1 : 0);
    if (any) {
      for (long w : absent) {
        out.writeLong(w);
      }
    }
  }

  private static float norm(Object v) {
    double s = 0;
    switch (v) {
      case null -> {}
      case float[] f -> {
        for (float x : f) {
          s += (double) x * x;
        }
      }
      case byte[] b -> {
        for (byte x : b) {
          s += x * x;
        }
      }
      default -> throw new IllegalStateException("unexpected vector " + v.getClass());
    }
    return (float) Math.sqrt(s);
  }
}
