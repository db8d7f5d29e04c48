package io.quiver.internal.segment;

/**
 * Names and formats of a segment's files, all in the collection's {@code segments/} folder:
 *
 * <ul>
 *   <li>{@code <id>.rows}: ids, the primary-key order and the scalar columns ({@link RowsWriter})
 *   <li>{@code <id>.f<fieldId>.vec}: one dense vector field ({@link VectorsWriter})
 *   <li>{@code <id>.f<fieldId>.spv}: one sparse vector field ({@link VectorsWriter})
 *   <li>{@code <id>.f<fieldId>.sidx}: the inverted index of one indexed scalar field ({@code
 *       internal.index.scalar.ScalarIndexWriter})
 *   <li>{@code <id>_<generation>.del}: the rows deleted as of a version (engine)
 * </ul>
 *
 * {@code <id>} is the segment number in 10 decimal digits.
 */
public final class SegmentFiles {
  /** Format name of the rows file. */
  public static final String ROWS_FORMAT = "quiver.rows";

  /** Format name of a dense vector file. */
  public static final String VECTORS_FORMAT = "quiver.vectors";

  /** Format name of a sparse vector file. */
  public static final String SPARSE_FORMAT = "quiver.sparse";

  /** Current version of the vector files. */
  public static final int VERSION = 1;

  /** Current version of the rows file (2 added the column statistics; 1 is still read). */
  public static final int ROWS_VERSION = 2;

  private SegmentFiles() {}

  /** The segment's name prefix. */
  public static String prefix(long segmentId) {
    return String.format("%010d", segmentId);
  }

  /** The rows file. */
  public static String rows(long segmentId) {
    return prefix(segmentId) + ".rows";
  }

  /** The dense vector file of a field. */
  public static String vectors(long segmentId, int fieldId) {
    return prefix(segmentId) + ".f" + fieldId + ".vec";
  }

  /** The sparse vector file of a field. */
  public static String sparse(long segmentId, int fieldId) {
    return prefix(segmentId) + ".f" + fieldId + ".spv";
  }

  /** The scalar index file of a field. */
  public static String scalarIndex(long segmentId, int fieldId) {
    return prefix(segmentId) + ".f" + fieldId + ".sidx";
  }

  /** The segment id a file of the {@code segments/} folder belongs to, or -1. */
  public static long segmentIdOf(String fileName) {
    if (fileName.length() < 11 || !Character.isDigit(fileName.charAt(0))) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(0, 10));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
