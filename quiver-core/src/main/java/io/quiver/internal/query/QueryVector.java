package io.quiver.internal.query;

import io.quiver.InvalidArgumentException;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.VectorField;

/**
 * A query vector checked against its field and prepared once for the kernels: the floats, the bytes
 * for INT8 fields, and the norm for COSINE.
 *
 * @param field the field searched
 * @param floats the vector as floats
 * @param bytes the vector as bytes, for INT8 fields; null otherwise
 * @param norm the Euclidean norm
 */
public record QueryVector(FieldInfo field, float[] floats, byte[] bytes, float norm) {

  /**
   * Checks {@code vector} for a search of {@code field}.
   *
   * @throws InvalidArgumentException naming the field, the value and the rule
   */
  public static QueryVector prepare(FieldInfo field, float[] vector) {
    if (!(field.spec() instanceof VectorField vf) || !vf.type().isDenseVector()) {
      throw new InvalidArgumentException(
          "field '" + field.name() + "' is " + field.spec().type() + ", not a dense vector field");
    }
    if (vector.length != vf.dimension()) {
      throw new InvalidArgumentException(
          "query vector for field '"
              + field.name()
              + "': dimension "
              + vector.length
              + " != "
              + vf.dimension());
    }
    double sum = 0;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new InvalidArgumentException(
            "query vector for field '"
                + field.name()
                + "': element "
                + i
                + " is "
                + vector[i]
                + "; query vectors must be finite");
      }
      sum += (double) vector[i] * vector[i];
    }
    byte[] bytes = null;
    if (vf.type() == DataType.VECTOR_INT8) {
      bytes = new byte[vector.length];
      for (int i = 0; i < vector.length; i++) {
        float x = vector[i];
        if (x != Math.rint(x) || x < -128 || x > 127) {
          throw new InvalidArgumentException(
              "query vector for INT8 field '"
                  + field.name()
                  + "': element "
                  + i
                  + " = "
                  + x
                  + " is not an integer in -128..127");
        }
        bytes[i] = (byte) x;
      }
    }
    if (vf.metric() == Metric.COSINE && sum == 0) {
      throw new InvalidArgumentException(
          "query vector for COSINE field '" + field.name() + "' is zero and has no direction");
    }
    return new QueryVector(field, vector.clone(), bytes, (float) Math.sqrt(sum));
  }

  /** The field's metric. */
  public Metric metric() {
    return field.vector().metric();
  }

  /** The public score of an internal distance (lower is better internally). */
  public float score(float distance) {
    return metric() == Metric.L2 ? distance : -distance;
  }
}
