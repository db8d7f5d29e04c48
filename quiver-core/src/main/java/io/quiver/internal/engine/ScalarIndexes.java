package io.quiver.internal.engine;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.index.scalar.ScalarIndexWriter;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.store.Failpoints;
import io.quiver.internal.store.FileUtil;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Builds, opens and drops the scalar indexes of segments. Unlike vector indexes they are built
 * synchronously: a flush or merge writes one for every indexed field of the new segment before it
 * is committed, and {@code createIndex(field)} builds the missing ones of every segment inside its
 * schema change (writes wait meanwhile; sorting a million values takes a fraction of a second). A
 * segment written before a field existed needs none: every row of it is null, which the planner
 * answers without an index.
 */
final class ScalarIndexes {
  private ScalarIndexes() {}

  /** Whether the current schema wants an inverted index of {@code f}. */
  static boolean wanted(FieldInfo f) {
    return !f.isVector() && f.scalar().indexed();
  }

  /**
   * {@code s} with an opened index of every indexed field of {@code schema} it lacks (files written
   * and fsynced), and without the scalar indexes of fields that are gone or no longer indexed. The
   * manifest entries change accordingly; the caller commits them. Consumes no reference of {@code
   * s}; the returned snapshot's new indexes hold their initial reference.
   */
  static SegmentSnapshot sync(
      Path segmentsDir, SegmentSnapshot s, BoundSchema schema, Committer committer, boolean mmap)
      throws IOException {
    SegmentSnapshot out = s;
    for (SegmentInfo.IndexFile f : s.info().indexes()) {
      if (!f.kind().equals(IndexRef.SCALAR_KIND)) {
        continue;
      }
      FieldInfo field = schema.fieldById(f.fieldId());
      if (field == null || !wanted(field)) {
        out = out.withoutIndex(f.fieldId());
      }
    }
    Segment seg = s.segment();
    for (FieldInfo f : schema.scalarFields()) {
      if (!wanted(f) || out.info().index(f.id()) != null || !seg.hasColumn(f)) {
        continue;
      }
      String name = SegmentFiles.scalarIndex(seg.info().id(), f.id());
      Path p = segmentsDir.resolve(name);
      committer.protect(name);
      try {
        FileUtil.deleteIfExists(p);
        ScalarIndexWriter.write(p, f.id(), f.spec().type(), seg.column(f), seg.rows());
        Failpoints.hit("scalar-index.written");
        ScalarIndex index = ScalarIndex.open(p, f.id(), f.spec().type(), seg.rows(), mmap, false);
        out =
            out.withIndex(
                f.id(),
                new SegmentInfo.IndexFile(f.id(), IndexRef.SCALAR_KIND, name),
                new IndexRef(index));
      } catch (IOException | RuntimeException e) {
        try {
          FileUtil.deleteIfExists(p);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        committer.unprotect(name);
      }
    }
    return out;
  }

  /** Opens a scalar index listed in a manifest. */
  static IndexRef open(
      Path segmentsDir,
      SegmentInfo.IndexFile f,
      FieldInfo field,
      int rows,
      boolean mmap,
      boolean verify,
      long version)
      throws IOException {
    Path p = segmentsDir.resolve(f.fileName());
    try {
      return new IndexRef(ScalarIndex.open(p, field.id(), field.spec().type(), rows, mmap, verify));
    } catch (NoSuchFileException nsf) {
      throw new io.quiver.CorruptionException(
          p, "the index file of version " + version + " is missing");
    }
  }
}
