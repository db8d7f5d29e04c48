package io.quiver.internal.manifest;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.store.ByteReader;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.DataType;
import io.quiver.schema.EmbeddingBinding;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.Limits;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorField;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a manifest file ("quiver.manifest", version 1):
 *
 * <pre>
 * version u64, createdMillis u64, collectionId string, walCheckpoint u64, nextSegmentId u64
 * schema:   nextFieldId vint, fieldCount vint, per field:
 *           id vint, name string, type u8 (DataType ordinal), nullable u8, then
 *           scalar: indexed u8
 *           vector: dimension vint, metric u8, index kind u8 (0 flat, 1 hnsw, 2 ivf), then
 *                   hnsw: m vint, efConstruction vint, quantization u8
 *                   ivf:  nlist vint, quantization u8
 *                   then embedded u8 (0 no, 1 yes), then if embedded:
 *                   sourceField string, function string,
 *                   configCount vint + (key string, value string) each, keys sorted
 * segments: count vint, per segment: id u64, rows u32, vectorFieldCount vint + ids (vint),
 *           indexCount vint + (fieldId vint, kind string, fileName string),
 *           deletesGeneration u64, deletedRows u32
 * tags:     count vint, (key string, value string) each
 * </pre>
 *
 * Strings are a vint byte length and UTF-8 bytes.
 */
public final class ManifestCodec {
  /** Format name. */
  public static final String FORMAT = "quiver.manifest";

  /** Current version. */
  public static final int VERSION = 1;

  private ManifestCodec() {}

  /** Writes the body of {@code m}. */
  public static void write(Manifest m, ChecksumWriter out) throws IOException {
    out.writeLong(m.version());
    out.writeLong(m.createdMillis());
    out.writeString(m.collectionId());
    out.writeLong(m.walCheckpoint());
    out.writeLong(m.nextSegmentId());
    writeSchema(m.schema(), out);
    out.writeVInt(m.segments().size());
    for (Manifest.SegmentEntry e : m.segments()) {
      SegmentInfo s = e.info();
      out.writeLong(s.id());
      out.writeInt(s.rows());
      out.writeVInt(s.vectorFieldIds().size());
      for (int id : s.vectorFieldIds()) {
        out.writeVInt(id);
      }
      out.writeVInt(s.indexes().size());
      for (SegmentInfo.IndexFile f : s.indexes()) {
        out.writeVInt(f.fieldId());
        out.writeString(f.kind());
        out.writeString(f.fileName());
      }
      out.writeLong(e.deletesGeneration());
      out.writeInt(e.deletedRows());
    }
    out.writeVInt(m.tags().size());
    for (Map.Entry<String, String> t : m.tags().entrySet()) {
      out.writeString(t.getKey());
      out.writeString(t.getValue());
    }
  }

  private static void writeSchema(BoundSchema schema, ChecksumWriter out) throws IOException {
    out.writeVInt(schema.nextFieldId());
    out.writeVInt(schema.fields().size());
    int[] ids = schema.ids();
    for (int i = 0; i < ids.length; i++) {
      FieldSpec f = schema.schema().fields().get(i);
      out.writeVInt(ids[i]);
      out.writeString(f.name());
      out.writeByte(f.type().ordinal());
      out.writeByte(f.nullable() ? 1 : 0);
      switch (f) {
        case ScalarField s -> out.writeByte(s.indexed() ? 1 : 0);
        case VectorField v -> {
          out.writeVInt(v.dimension());
          out.writeByte(v.metric().ordinal());
          switch (v.index()) {
            case VectorIndex.Flat flat -> out.writeByte(0);
            case VectorIndex.Hnsw h -> {
              out.writeByte(1);
              out.writeVInt(h.m());
              out.writeVInt(h.efConstruction());
              out.writeByte(h.quantization().ordinal());
            }
            case VectorIndex.Ivf ivf -> {
              out.writeByte(2);
              out.writeVInt(ivf.nlist());
              out.writeByte(ivf.quantization().ordinal());
            }
          }
          writeEmbedding(v.embedding(), out);
        }
      }
    }
  }

  private static void writeEmbedding(EmbeddingBinding b, ChecksumWriter out) throws IOException {
    if (b == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    out.writeString(b.sourceField());
    out.writeString(b.function());
    out.writeVInt(b.config().size());
    for (Map.Entry<String, String> e : b.config().entrySet()) { // sorted by key
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  private static EmbeddingBinding readEmbedding(ByteReader in, String field) {
    int embedded = in.readByte();
    if (embedded == 0) {
      return null;
    }
    if (embedded != 1) {
      throw in.corrupt("field '" + field + "' has unknown embedding flag " + embedded);
    }
    String source = in.readString();
    String function = in.readString();
    int n = in.readCount(EmbeddingBinding.MAX_CONFIG_ENTRIES, "embedding configuration entry");
    Map<String, String> config = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      config.put(in.readString(), in.readString());
    }
    return new EmbeddingBinding(source, function, config);
  }

  /** Reads a body written by {@link #write}. */
  public static Manifest read(ByteReader in) {
    long version = in.readLong();
    long created = in.readLong();
    String collectionId = in.readString();
    long checkpoint = in.readLong();
    long nextSegment = in.readLong();
    BoundSchema schema = readSchema(in);
    int segCount = in.readCount(1 << 20, "segment");
    List<Manifest.SegmentEntry> segments = new ArrayList<>(segCount);
    for (int i = 0; i < segCount; i++) {
      long id = in.readLong();
      int rows = in.readInt();
      int nv = in.readCount(Limits.MAX_FIELDS, "vector field");
      List<Integer> vf = new ArrayList<>(nv);
      for (int j = 0; j < nv; j++) {
        vf.add(in.readVInt());
      }
      int ni = in.readCount(Limits.MAX_FIELDS, "index");
      List<SegmentInfo.IndexFile> idx = new ArrayList<>(ni);
      for (int j = 0; j < ni; j++) {
        idx.add(new SegmentInfo.IndexFile(in.readVInt(), in.readString(), in.readString()));
      }
      long gen = in.readLong();
      int deleted = in.readInt();
      if (rows < 0 || deleted < 0 || deleted > rows) {
        throw in.corrupt("segment " + id + " has " + rows + " rows and " + deleted + " deleted");
      }
      segments.add(new Manifest.SegmentEntry(new SegmentInfo(id, rows, vf, idx), gen, deleted));
    }
    int tagCount = in.readCount(1 << 16, "tag");
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < tagCount; i++) {
      tags.put(in.readString(), in.readString());
    }
    if (in.remaining() != 0) {
      throw in.corrupt(in.remaining() + " unexpected bytes after the manifest");
    }
    return new Manifest(
        version, created, collectionId, schema, checkpoint, nextSegment, segments, tags);
  }

  private static BoundSchema readSchema(ByteReader in) {
    int nextFieldId = in.readVInt();
    int n = in.readCount(Limits.MAX_FIELDS, "field");
    int[] ids = new int[n];
    List<FieldSpec> fields = new ArrayList<>(n);
    DataType[] types = DataType.values();
    try {
      for (int i = 0; i < n; i++) {
        ids[i] = in.readVInt();
        String name = in.readString();
        int t = in.readByte();
        if (t >= types.length) {
          throw in.corrupt("field '" + name + "' has unknown type " + t);
        }
        DataType type = types[t];
        boolean nullable = in.readByte() != 0;
        if (type.isScalar()) {
          fields.add(new ScalarField(name, type, nullable, in.readByte() != 0));
        } else {
          int dim = in.readVInt();
          Metric metric = enumAt(Metric.values(), in.readByte(), in, "metric");
          int kind = in.readByte();
          VectorIndex index =
              switch (kind) {
                case 0 -> VectorIndex.flat();
                case 1 ->
                    new VectorIndex.Hnsw(
                        in.readVInt(),
                        in.readVInt(),
                        enumAt(Quantization.values(), in.readByte(), in, "quantization"));
                case 2 ->
                    new VectorIndex.Ivf(
                        in.readVInt(),
                        enumAt(Quantization.values(), in.readByte(), in, "quantization"));
                default -> throw in.corrupt("field '" + name + "' has unknown index kind " + kind);
              };
          fields.add(
              new VectorField(name, type, dim, metric, index, nullable, readEmbedding(in, name)));
        }
      }
      return new BoundSchema(new Schema(fields), ids, nextFieldId);
    } catch (io.quiver.InvalidArgumentException | IllegalArgumentException e) {
      throw in.corrupt("the schema is invalid: " + e.getMessage());
    }
  }

  private static <E> E enumAt(E[] values, int ordinal, ByteReader in, String what) {
    if (ordinal >= values.length) {
      throw in.corrupt("unknown " + what + " " + ordinal);
    }
    return values[ordinal];
  }
}
