package io.quiver.internal.doc;

import io.quiver.Document;
import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.BytesOut;
import io.quiver.schema.Limits;
import io.quiver.schema.SparseVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a normalized document, as stored in the write-ahead log. Self-describing per
 * value, keyed by permanent field id, so a record stays readable after fields are added, renamed or
 * dropped (values of dropped fields are skipped).
 *
 * <pre>
 * document: id string, fieldCount vint, fieldCount x (fieldId vint, value)
 * value:    tag u8, then per tag:
 *   0 null | 1 string (vint length, UTF-8) | 2 false | 3 true | 4 int32 | 5 int64 | 6 float
 *   7 double | 8 array (element tag u8, count vint, elements without tags)
 *   9 fp32 vector (dim vint, dim x f32) | 10 fp16 vector (dim vint, dim x binary16)
 *   11 int8 vector (dim vint, dim x i8) | 12 sparse (nnz vint, nnz x i32 index, nnz x f32 weight)
 * </pre>
 */
public final class DocumentCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int FALSE = 2;
  private static final int TRUE = 3;
  private static final int INT32 = 4;
  private static final int INT64 = 5;
  private static final int FLOAT = 6;
  private static final int DOUBLE = 7;
  private static final int ARRAY = 8;
  private static final int FP32 = 9;
  private static final int FP16 = 10;
  private static final int INT8 = 11;
  private static final int SPARSE = 12;

  private DocumentCodec() {}

  /** Appends the encoding of a normalized document. */
  public static void encode(Document doc, BoundSchema schema, BytesOut out) {
    out.writeString(doc.id());
    out.writeVInt(doc.fields().size());
    for (Map.Entry<String, Object> e : doc.fields().entrySet()) {
      FieldInfo f = schema.field(e.getKey());
      out.writeVInt(f.id());
      writeValue(f, e.getValue(), out);
    }
  }

  private static void writeValue(FieldInfo f, Object v, BytesOut out) {
    switch (v) {
      case null -> out.writeByte(NULL);
      case String s -> {
        out.writeByte(STRING);
        out.writeString(s);
      }
      case Boolean b -> out.writeByte(b ? TRUE : FALSE);
      case Integer i -> {
        out.writeByte(INT32);
        out.writeInt(i);
      }
      case Long l -> {
        out.writeByte(INT64);
        out.writeLong(l);
      }
      case Float x -> {
        out.writeByte(FLOAT);
        out.writeFloat(x);
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      }
      case List<?> list -> {
        out.writeByte(ARRAY);
        out.writeByte(elementTag(f));
        out.writeVInt(list.size());
        for (Object e : list) {
          writeElement(e, out);
        }
      }
      case float[] vec -> {
        boolean half = f.spec().type() == io.quiver.schema.DataType.VECTOR_FP16;
        out.writeByte(half ? FP16 : FP32);
        out.writeVInt(vec.length);
        for (float x : vec) {
          if (half) {
            out.writeShort(Float.floatToFloat16(x));
          } else {
            out.writeFloat(x);
          }
        }
      }
      case byte[] vec -> {
        out.writeByte(INT8);
        out.writeVInt(vec.length);
        out.writeBytes(vec, 0, vec.length);
      }
      case SparseVector s -> {
        out.writeByte(SPARSE);
        int[] idx = s.indices();
        float[] val = s.values();
        out.writeVInt(idx.length);
        for (int i : idx) {
          out.writeInt(i);
        }
        for (float x : val) {
          out.writeFloat(x);
        }
      }
      default -> throw new IllegalStateException("unexpected value type " + v.getClass());
    }
  }

  private static int elementTag(FieldInfo f) {
    return switch (f.spec().type().elementType()) {
      case STRING -> STRING;
      case BOOL -> TRUE;
      case INT32 -> INT32;
      case INT64 -> INT64;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      default -> throw new IllegalStateException("not an array field: " + f.name());
    };
  }

  private static void writeElement(Object e, BytesOut out) {
    switch (e) {
      case String s -> out.writeString(s);
      case Boolean b -> out.writeByte(b ? 1 : 0);
      case Integer i -> out.writeInt(i);
      case Long l -> out.writeLong(l);
      case Float x -> out.writeFloat(x);
      case Double d -> out.writeDouble(d);
      default -> throw new IllegalStateException("unexpected element " + e.getClass());
    }
  }

  /**
   * Decodes a document; values of field ids no longer in {@code schema} are dropped.
   *
   * @throws io.quiver.CorruptionException when the bytes are malformed
   */
  public static Document decode(ByteReader in, BoundSchema schema) {
    String id = in.readString();
    int n = in.readCount(Limits.MAX_FIELDS * 2, "field");
    Document.Builder b = Document.builder(id);
    for (int i = 0; i < n; i++) {
      int fieldId = in.readVInt();
      Object v = readValue(in);
      FieldInfo f = schema.fieldById(fieldId);
      if (f != null) {
        b.set(f.name(), v);
      }
    }
    return b.build();
  }

  private static Object readValue(ByteReader in) {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING -> in.readString();
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      case INT32 -> in.readInt();
      case INT64 -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case ARRAY -> {
        int elementTag = in.readByte();
        int count = in.readCount(Limits.MAX_ARRAY_LENGTH, "array element");
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          list.add(readElement(elementTag, in));
        }
        yield Collections.unmodifiableList(list);
      }
      case FP32 -> {
        int dim = in.readCount(Limits.MAX_DIMENSION, "dimension");
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
          v[i] = in.readFloat();
        }
        yield v;
      }
      case FP16 -> {
        int dim = in.readCount(Limits.MAX_DIMENSION, "dimension");
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
          v[i] = Float.float16ToFloat(in.readShort());
        }
        yield v;
      }
      case INT8 -> in.readBytes(in.readCount(Limits.MAX_DIMENSION, "dimension"));
      case SPARSE -> {
        int nnz = in.readCount(Limits.MAX_SPARSE_ENTRIES, "sparse entry");
        int[] idx = new int[nnz];
        float[] val = new float[nnz];
        for (int i = 0; i < nnz; i++) {
          idx[i] = in.readInt();
        }
        for (int i = 0; i < nnz; i++) {
          val[i] = in.readFloat();
        }
        try {
          yield new SparseVector(idx, val);
        } catch (RuntimeException e) {
          throw in.corrupt("malformed sparse vector: " + e.getMessage());
        }
      }
      default -> throw in.corrupt("unknown value tag " + tag);
    };
  }

  private static Object readElement(int tag, ByteReader in) {
    return switch (tag) {
      case STRING -> in.readString();
      case TRUE -> in.readByte() != 0;
      case INT32 -> in.readInt();
      case INT64 -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      default -> throw in.corrupt("unknown array element tag " + tag);
    };
  }
}
