package io.quiver.bench.ann;

/** Recall@k of returned ids against ground truth. */
public final class Recall {
  private Recall() {}

  /**
   * The share of true neighbours found: for each query, the returned ids that are among the first
   * {@code k} ground-truth ids, summed and divided by the number of true neighbours (k per query,
   * fewer where a filter leaves fewer than k rows; -1 pads those ground-truth rows).
   */
  public static double at(int[][] ids, int[] counts, int[][] gt, int k) {
    long hits = 0;
    long expected = 0;
    for (int q = 0; q < ids.length; q++) {
      int[] truth = gt[q];
      int valid = 0;
      while (valid < Math.min(k, truth.length) && truth[valid] >= 0) {
        valid++;
      }
      expected += valid;
      for (int i = 0; i < counts[q]; i++) {
        for (int j = 0; j < valid; j++) {
          if (ids[q][i] == truth[j]) {
            hits++;
            break;
          }
        }
      }
    }
    return expected == 0 ? 1.0 : (double) hits / expected;
  }
}
