package io.quiver.internal.segment;

import java.util.List;

/**
 * What the manifest records about a segment.
 *
 * @param id the segment number (names its files)
 * @param rows number of rows, deleted ones included
 * @param vectorFieldIds the vector fields the segment has a file for (fields added later have none:
 *     their values read as null)
 * @param indexes the vector indexes built for this segment so far
 */
public record SegmentInfo(
    long id, int rows, List<Integer> vectorFieldIds, List<IndexFile> indexes) {

  /** Copies the lists. */
  public SegmentInfo {
    vectorFieldIds = List.copyOf(vectorFieldIds);
    indexes = List.copyOf(indexes);
  }

  /**
   * A built index file of a segment.
   *
   * @param fieldId the vector field it indexes
   * @param kind the index kind ("hnsw", "ivf", ...)
   * @param fileName the file in {@code segments/}
   */
  public record IndexFile(int fieldId, String kind, String fileName) {}

  /** This segment with one more index (replacing an older one of the same field). */
  public SegmentInfo withIndex(IndexFile index) {
    List<IndexFile> list = new java.util.ArrayList<>();
    for (IndexFile f : indexes) {
      if (f.fieldId() != index.fieldId()) {
        list.add(f);
      }
    }
    list.add(index);
    return new SegmentInfo(id, rows, vectorFieldIds, list);
  }

  /** This segment without the index of {@code fieldId}. */
  public SegmentInfo withoutIndex(int fieldId) {
    List<IndexFile> list = new java.util.ArrayList<>();
    for (IndexFile f : indexes) {
      if (f.fieldId() != fieldId) {
        list.add(f);
      }
    }
    return new SegmentInfo(id, rows, vectorFieldIds, list);
  }

  /** The index of a field, or null. */
  public IndexFile index(int fieldId) {
    for (IndexFile f : indexes) {
      if (f.fieldId() == fieldId) {
        return f;
      }
    }
    return null;
  }
}
