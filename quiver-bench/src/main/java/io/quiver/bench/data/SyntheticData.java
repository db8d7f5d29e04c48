package io.quiver.bench.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic data set: vectors drawn from a mixture of Gaussian clusters, and scalar
 * attributes whose filters hit exact selectivities.
 *
 * <p>Vectors: {@code clusters} centres are drawn from N(0, 1) per dimension; each vector picks a
 * centre uniformly and adds N(0, spread²) noise per dimension. Queries come from the same mixture
 * with their own random stream, so they are not copies of base vectors.
 *
 * <p>Attributes (independent of the vectors, so a filter does not pick a cluster):
 *
 * <ul>
 *   <li>{@code cat:int32} in 0..999, exactly {@code n/1000} rows per value (a shuffled {@code row
 *       mod 1000}), so {@code cat < t} keeps exactly {@code t/1000} of the rows when {@code n} is a
 *       multiple of 1000: {@code cat < 1} = 0.1%, {@code cat < 10} = 1%, {@code cat < 100} = 10%,
 *       {@code cat < 500} = 50%, {@code cat < 900} = 90%.
 *   <li>{@code tag:string} {@code t0..t9}, exactly one tenth each (a shuffled {@code row mod 10}).
 *   <li>{@code flag:bool}, exactly half true (a shuffled {@code row mod 2 = 0}).
 *   <li>{@code price:double} uniform in [0, 1): for range filters without an exact share.
 * </ul>
 */
public final class SyntheticData {
  private SyntheticData() {}

  /** The selectivities the {@code cat} column hits exactly, with their thresholds. */
  public static final List<Selectivity> SELECTIVITIES =
      List.of(
          new Selectivity("0.1%", 1),
          new Selectivity("1%", 10),
          new Selectivity("10%", 100),
          new Selectivity("50%", 500),
          new Selectivity("90%", 900));

  /**
   * A share of rows and the filter that keeps it.
   *
   * @param label the share, for example "1%"
   * @param catBelow the threshold of {@code cat < catBelow}
   */
  public record Selectivity(String label, int catBelow) {
    /** The filter expression, for example {@code cat < 10}. */
    public String filter() {
      return "cat < " + catBelow;
    }
  }

  /**
   * {@code count} vectors of {@code dim} dimensions from the mixture.
   *
   * @param centres the cluster centres (from {@link #centres})
   * @param spread standard deviation of the noise around a centre
   * @param seed the random stream of these vectors
   */
  public static float[][] vectors(float[][] centres, int count, float spread, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int dim = centres[0].length;
    float[][] out = new float[count][dim];
    for (int i = 0; i < count; i++) {
      float[] c = centres[rnd.nextInt(centres.length)];
      float[] v = out[i];
      for (int j = 0; j < dim; j++) {
        v[j] = c[j] + spread * (float) gaussian(rnd);
      }
    }
    return out;
  }

  /** {@code clusters} centres with N(0, 1) components. */
  public static float[][] centres(int clusters, int dim, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] c = new float[clusters][dim];
    for (float[] row : c) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) gaussian(rnd);
      }
    }
    return c;
  }

  /** The attribute table described in the class comment, for {@code n} rows. */
  public static AttributeTable attributes(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] cat = shuffledModulo(n, 1000, rnd);
    int[] tagIdx = shuffledModulo(n, 10, rnd);
    int[] flagIdx = shuffledModulo(n, 2, rnd);
    String[] tag = new String[n];
    boolean[] flag = new boolean[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      tag[i] = "t" + tagIdx[i];
      flag[i] = flagIdx[i] == 0;
      price[i] = rnd.nextDouble();
    }
    return new AttributeTable(
        List.of(
            new AttributeTable.Column("cat", AttributeTable.Type.INT32, cat),
            new AttributeTable.Column("tag", AttributeTable.Type.STRING, tag),
            new AttributeTable.Column("flag", AttributeTable.Type.BOOL, flag),
            new AttributeTable.Column("price", AttributeTable.Type.DOUBLE, price)),
        n);
  }

  /** {@code i mod m} for every row, shuffled: each value appears as evenly as {@code n} allows. */
  private static int[] shuffledModulo(int n, int m, SplittableRandom rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % m;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static double gaussian(SplittableRandom rnd) {
    return rnd.nextGaussian();
  }
}
