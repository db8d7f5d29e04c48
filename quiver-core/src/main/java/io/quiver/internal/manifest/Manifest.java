package io.quiver.internal.manifest;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.segment.SegmentInfo;
import java.util.List;
import java.util.Map;

/**
 * One committed version of a collection: its schema, its segments with their deletions, and how far
 * the log has been folded into segments. Immutable; serialized by {@link ManifestCodec}.
 *
 * @param version the version number (the manifest's file name); 1 for a new collection
 * @param createdMillis when the version was committed (epoch milliseconds)
 * @param collectionId a random id fixed at creation, to tell collections apart
 * @param schema the schema with its field ids
 * @param walCheckpoint every logged write with a sequence number up to this one is in the segments;
 *     replay starts after it
 * @param nextSegmentId the number the next new segment gets
 * @param segments the segments, oldest first
 * @param tags user labels of this version (reserved for version tags)
 */
public record Manifest(
    long version,
    long createdMillis,
    String collectionId,
    BoundSchema schema,
    long walCheckpoint,
    long nextSegmentId,
    List<SegmentEntry> segments,
    Map<String, String> tags) {

  /** Copies the collections. */
  public Manifest {
    segments = List.copyOf(segments);
    tags = Map.copyOf(tags);
  }

  /**
   * A segment of a version.
   *
   * @param info the segment's files and shape
   * @param deletesGeneration the generation of its deletion file ({@code <id>_<gen>.del}), or 0
   *     when no row is deleted
   * @param deletedRows number of deleted rows
   */
  public record SegmentEntry(SegmentInfo info, long deletesGeneration, int deletedRows) {}
}
