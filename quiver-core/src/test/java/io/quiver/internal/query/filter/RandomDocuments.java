package io.quiver.internal.query.filter;

import io.quiver.Document;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A schema with a nullable field of every scalar type (after a vector field, so that ordinals are
 * not just scalar positions) and random documents for it: values from small pools full of edge
 * cases (NaN, infinities, -0.0, 2^53+1, surrogate pairs, LIKE wildcards as data), nulls and empty
 * arrays; one document in ten has no vector.
 */
final class RandomDocuments {
  static final Schema SCHEMA = schema(false);

  /** {@link #SCHEMA} with an inverted index on every scalar field. */
  static final Schema INDEXED = schema(true);

  private static final String[] STRINGS = {
    "",
    "a",
    "ab",
    "abc",
    "b",
    "ba",
    "A",
    "B",
    "it's",
    "\\",
    "a%b",
    "a_b",
    "%",
    "_",
    "😀",
    "😀a",
    "\uE000",
    "\uFFFF",
    "é",
    "x y",
    "\"q\"",
    "line\nbreak",
    "aab",
    "bab"
  };
  private static final int[] INTS = {
    -3, -2, -1, 0, 1, 2, 3, 2020, 2021, 16_777_217, Integer.MIN_VALUE, Integer.MAX_VALUE
  };
  private static final long[] LONGS = {
    -3,
    -1,
    0,
    1,
    2,
    3,
    2020,
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MAX_VALUE - 1,
    1L << 53,
    (1L << 53) + 1,
    Integer.MAX_VALUE + 1L
  };
  private static final float[] FLOATS = {
    0.1f,
    -0.0f,
    0.0f,
    1.5f,
    2.5f,
    -2.5f,
    3f,
    -3f,
    16_777_216f,
    Float.MAX_VALUE,
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    1e-7f,
    Float.MIN_VALUE,
    1f
  };
  private static final double[] DOUBLES = {
    0.1,
    -0.0,
    0.0,
    1.5,
    2.5,
    -2.5,
    3.0,
    0x1p53,
    0x1p53 + 2,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    (double) 0.1f,
    2020.5,
    1e30,
    1.0,
    -1.0
  };

  private final Random random;

  RandomDocuments(Random random) {
    this.random = random;
  }

  private static Schema schema(boolean indexed) {
    return schema(indexed, false);
  }

  /**
   * The schema, its scalar fields indexed or not, its vector field exact or with an HNSW index
   * (small parameters: the tests want graphs, not recall).
   */
  static Schema schema(boolean indexed, boolean hnsw) {
    Schema.Builder b =
        hnsw
            ? Schema.builder()
                .vector(
                    "vec",
                    DataType.VECTOR_FP32,
                    2,
                    Metric.L2,
                    VectorIndex.hnsw(6, 40, Quantization.NONE))
            : Schema.builder().vector("vec", DataType.VECTOR_FP32, 2, Metric.L2);
    String[] names = {"s", "b", "i32", "i64", "f32", "f64"};
    DataType[] types = {
      DataType.STRING,
      DataType.BOOL,
      DataType.INT32,
      DataType.INT64,
      DataType.FLOAT,
      DataType.DOUBLE
    };
    for (int i = 0; i < names.length; i++) {
      b.add(field(names[i], types[i], indexed));
      b.add(field("a" + names[i], types[i].arrayOf(), indexed));
    }
    b.add(field("s2", DataType.STRING, indexed));
    return b.build();
  }

  private static ScalarField field(String name, DataType type, boolean indexed) {
    ScalarField f = ScalarField.of(name, type).asNullable();
    return indexed ? f.asIndexed() : f;
  }

  List<Document> documents(int n) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Document.Builder d =
          Document.builder(random.nextInt(4) == 0 ? "doc-" + i : pick(STRINGS) + i);
      if (random.nextInt(10) != 0) { // some documents have no vector (and no graph node)
        d.set("vec", new float[] {random.nextFloat(), random.nextFloat()});
      }
      for (ScalarField f : SCHEMA.scalarFields()) {
        if (random.nextInt(5) == 0) {
          if (random.nextBoolean()) {
            d.set(f.name(), null);
          } // else absent, which reads as null too
        } else {
          d.set(f.name(), value(f.type()));
        }
      }
      out.add(d.build());
    }
    return out;
  }

  private Object value(DataType type) {
    if (type.isArray()) {
      int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(4);
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        list.add(value(type.elementType()));
      }
      return list;
    }
    return switch (type) {
      case STRING -> random.nextInt(4) == 0 ? randomString() : pick(STRINGS);
      case BOOL -> random.nextBoolean();
      case INT32 -> INTS[random.nextInt(INTS.length)];
      case INT64 -> LONGS[random.nextInt(LONGS.length)];
      case FLOAT -> FLOATS[random.nextInt(FLOATS.length)];
      case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)];
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private String randomString() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append("😀");
        case 1 -> sb.append('\'');
        case 2 -> sb.append("%_\\".charAt(random.nextInt(3)));
        default -> sb.append("ab".charAt(random.nextInt(2)));
      }
    }
    return sb.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
