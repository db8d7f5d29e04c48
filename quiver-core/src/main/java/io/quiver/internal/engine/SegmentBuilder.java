package io.quiver.internal.engine;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.segment.RowSource;
import io.quiver.internal.segment.RowsWriter;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.internal.segment.VectorsWriter;
import io.quiver.internal.store.Failpoints;
import io.quiver.internal.store.FileUtil;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a new segment's files from a {@link RowSource} and opens it. */
final class SegmentBuilder {
  private SegmentBuilder() {}

  /**
   * Writes every file of segment {@code id} (each fsynced) and opens the segment. On failure the
   * partial files are removed.
   */
  static Segment write(Path segmentsDir, long id, BoundSchema schema, RowSource rows, boolean mmap)
      throws IOException {
    List<Path> written = new ArrayList<>();
    try {
      Path p = segmentsDir.resolve(SegmentFiles.rows(id));
      written.add(p);
      RowsWriter.write(p, schema, rows);
      List<Integer> vectorFields = new ArrayList<>();
      for (FieldInfo f : schema.vectorFields()) {
        if (f.spec().type().isDenseVector()) {
          p = segmentsDir.resolve(SegmentFiles.vectors(id, f.id()));
          written.add(p);
          VectorsWriter.writeDense(p, f, rows);
        } else {
          p = segmentsDir.resolve(SegmentFiles.sparse(id, f.id()));
          written.add(p);
          VectorsWriter.writeSparse(p, f, rows);
        }
        vectorFields.add(f.id());
      }
      Failpoints.hit("segment.written");
      SegmentInfo info = new SegmentInfo(id, rows.rowCount(), vectorFields, List.of());
      return Segment.open(segmentsDir, info, schema, mmap, false);
    } catch (IOException | RuntimeException e) {
      for (Path p : written) {
        try {
          FileUtil.deleteIfExists(p);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }
}
