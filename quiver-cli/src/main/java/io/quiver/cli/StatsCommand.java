package io.quiver.cli;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.CollectionStats;
import io.quiver.Quiver;
import io.quiver.schema.FieldSpec;
import io.quiver.schema.VectorField;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quiver stats DIR}: the schema, counts, sizes and index completeness, read-only. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Show a collection's schema, counts and index state (opens it read-only).")
final class StatsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The collection's directory.")
  Path dir;

  @Override
  public Integer call() {
    try (Collection c = Quiver.open(dir, CollectionOptions.builder().readOnly(true).build())) {
      CollectionStats s = c.stats();
      System.out.printf(Locale.ROOT, "collection %s (version %d)%n", dir, s.version());
      System.out.println("fields:");
      for (FieldSpec f : c.schema().fields()) {
        String extra =
            f instanceof VectorField v
                ? " dim " + v.dimension() + " " + v.metric() + " index " + v.index()
                : "";
        System.out.printf(
            "  %-24s %-18s%s%s%n", f.name(), f.type(), f.nullable() ? " nullable" : "", extra);
      }
      System.out.printf(
          Locale.ROOT,
          "documents: %,d live (committed), %,d deleted rows awaiting a merge%n",
          s.liveDocuments(),
          s.deletedRows());
      System.out.printf(
          Locale.ROOT, "segments: %d, on disk: %.1f MB%n", s.segments(), s.diskBytes() / 1e6);
      s.indexCompleteness()
          .forEach(
              (f, share) ->
                  System.out.printf(Locale.ROOT, "index of %s: %.0f%% built%n", f, share * 100));
      System.out.println("(writes still only in the log are not counted: they commit at flush)");
    }
    return 0;
  }
}
