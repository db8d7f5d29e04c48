package io.quiver.internal.segment;

/**
 * What a segment knows about the values of one scalar field, computed when the segment is written
 * (for every scalar field, indexed or not) and stored in its rows file ({@link RowsWriter}). The
 * query planner estimates how many rows a filter matches from it; nothing else depends on it, so an
 * estimate is allowed to be rough. For {@code ARRAY_} fields the value statistics are over the
 * elements.
 *
 * @param rows rows of the segment
 * @param nulls rows whose value is null
 * @param values non-null values (for arrays: elements of non-null arrays)
 * @param nans NaN values (FLOAT and DOUBLE), counted in {@code values} but in no sample
 * @param trues true values (BOOL)
 * @param distinct distinct values, exact up to {@link StatsBuilder#SKETCH} of them, estimated above
 * @param min the smallest non-NaN number (numeric types), NaN when there is none
 * @param max the largest non-NaN number (numeric types), NaN when there is none
 * @param numbers a sorted sample of the non-NaN numbers (every value up to {@link
 *     StatsBuilder#SAMPLE} of them, else an evenly spaced subset in row order), or null when the
 *     type is not numeric
 * @param strings a sample of the strings as for {@code numbers}, sorted by UTF-8 bytes (the filter
 *     language's string order), each cut to {@link StatsBuilder#SAMPLE_CHARS} chars; or null
 */
public record FieldStats(
    int rows,
    int nulls,
    long values,
    long nans,
    long trues,
    long distinct,
    double min,
    double max,
    double[] numbers,
    String[] strings) {

  /** Number of values in the sample. */
  public int sampleSize() {
    return numbers != null ? numbers.length : strings != null ? strings.length : 0;
  }
}
