package io.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroundTruthTest {

  /** The obvious computation in doubles: sort every allowed row by distance, then by id. */
  private static int[] naive(float[][] base, float[] q, Metric metric, int k, BitSet allowed) {
    int[] sorted =
        IntStream.range(0, base.length)
            .filter(i -> allowed == null || allowed.get(i))
            .boxed()
            .sorted(
                Comparator.<Integer>comparingDouble(i -> naiveDistance(base[i], q, metric))
                    .thenComparingInt(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    int[] row = new int[k];
    java.util.Arrays.fill(row, -1);
    System.arraycopy(sorted, 0, row, 0, Math.min(k, sorted.length));
    return row;
  }

  private static double naiveDistance(float[] a, float[] b, Metric metric) {
    double dot = 0, na = 0, nb = 0, l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
      l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return switch (metric) {
      case L2 -> l2;
      case IP -> -dot;
      case COSINE -> -dot / Math.sqrt(na * nb);
    };
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void matchesNaiveComputation(Metric metric) {
    float[][] centres = SyntheticData.centres(5, 19, 7);
    float[][] base = SyntheticData.vectors(centres, 800, 0.5f, 8);
    float[][] queries = SyntheticData.vectors(centres, 25, 0.5f, 9);
    int[][] gt = GroundTruth.compute(base, queries, metric, 10, null, 3);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(naive(base, queries[q], metric, 10, null), gt[q], "query " + q);
    }
  }

  @Test
  void respectsFilterAndPadsShortRows() {
    float[][] centres = SyntheticData.centres(3, 8, 1);
    float[][] base = SyntheticData.vectors(centres, 1000, 0.5f, 2);
    float[][] queries = SyntheticData.vectors(centres, 10, 0.5f, 3);
    AttributeTable attrs = SyntheticData.attributes(1000, 4);
    BitSet allowed = io.quiver.bench.filter.Filter.parse("cat < 5").matches(attrs);
    assertEquals(5, allowed.cardinality());
    int[][] gt = GroundTruth.compute(base, queries, Metric.L2, 10, allowed, 2);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(naive(base, queries[q], Metric.L2, 10, allowed), gt[q]);
      assertEquals(-1, gt[q][5]);
    }
  }
}
