package io.quiver.testkit;

import io.quiver.Document;
import io.quiver.schema.Metric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The exact brute-force answer to a vector query, computed in double precision and independently of
 * the engine's kernels: the reference every search path is checked against.
 */
public final class Oracle {
  private Oracle() {}

  /** A document and its true score. */
  public record Scored(String id, double score) {}

  /** The true score of {@code v} for query {@code q} under {@code metric} (public convention). */
  public static double score(Metric metric, float[] q, Object v) {
    double dot = 0;
    double qq = 0;
    double vv = 0;
    double l2 = 0;
    for (int i = 0; i < q.length; i++) {
      double x = v instanceof byte[] b ? b[i] : ((float[]) v)[i];
      dot += q[i] * x;
      qq += (double) q[i] * q[i];
      vv += x * x;
      l2 += (q[i] - x) * (q[i] - x);
    }
    return switch (metric) {
      case L2 -> l2;
      case IP -> dot;
      case COSINE -> dot / Math.sqrt(qq * vv);
    };
  }

  /** All documents with a value in {@code field}, best first. */
  public static List<Scored> rank(
      Collection<Document> docs, String field, Metric metric, float[] q) {
    List<Scored> out = new ArrayList<>();
    for (Document d : docs) {
      Object v = d.get(field);
      if (v != null) {
        out.add(new Scored(d.id(), score(metric, q, v)));
      }
    }
    Comparator<Scored> c = Comparator.comparingDouble(Scored::score);
    out.sort(metric.higherIsBetter() ? c.reversed() : c);
    return out;
  }

  /** Whether two scores agree up to float rounding of the engine's kernels. */
  public static boolean close(double expected, double actual) {
    return Math.abs(expected - actual) <= 1e-3 * Math.max(1.0, Math.abs(expected));
  }
}
