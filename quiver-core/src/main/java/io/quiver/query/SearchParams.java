package io.quiver.query;

import io.quiver.InvalidArgumentException;

/**
 * Per-query knobs of the approximate indexes. Zero means "the index's default".
 *
 * @param ef HNSW: size of the candidate list while searching (at least topK is used)
 * @param nprobe IVF: number of lists scanned
 * @param refineFactor quantized indexes: re-score {@code refineFactor x topK} candidates with the
 *     raw vectors; 0 uses the index default, 1 re-scores just topK
 * @param exact score every row (brute force), ignoring the indexes; the oracle for the others
 */
public record SearchParams(int ef, int nprobe, int refineFactor, boolean exact) {

  /** The indexes' defaults. */
  public static final SearchParams DEFAULT = new SearchParams(0, 0, 0, false);

  /** Exact search. */
  public static final SearchParams EXACT = new SearchParams(0, 0, 0, true);

  /** Checks the ranges. */
  public SearchParams {
    if (ef < 0 || ef > 65_536) {
      throw new InvalidArgumentException("ef " + ef + " is outside 0..65536");
    }
    if (nprobe < 0 || nprobe > 1 << 20) {
      throw new InvalidArgumentException("nprobe " + nprobe + " is outside 0..1048576");
    }
    if (refineFactor < 0 || refineFactor > 1000) {
      throw new InvalidArgumentException("refineFactor " + refineFactor + " is outside 0..1000");
    }
  }

  /** These parameters with another ef. */
  public SearchParams withEf(int value) {
    return new SearchParams(value, nprobe, refineFactor, exact);
  }

  /** These parameters with another nprobe. */
  public SearchParams withNprobe(int value) {
    return new SearchParams(ef, value, refineFactor, exact);
  }

  /** These parameters with another refine factor. */
  public SearchParams withRefineFactor(int value) {
    return new SearchParams(ef, nprobe, value, exact);
  }
}
