package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.Document;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.index.scalar.ScalarIndexWriter;
import io.quiver.internal.query.plan.Planner;
import io.quiver.internal.query.plan.SegmentFacts;
import io.quiver.internal.segment.FieldStats;
import io.quiver.internal.segment.RowSource;
import io.quiver.internal.segment.RowsWriter;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.query.QueryPlan;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.RandomFilters;
import io.quiver.schema.Schema;
import io.quiver.testkit.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows a segment's scalar indexes give for a filter, against the compiled filter evaluated row
 * by row (itself checked against the reference interpreter elsewhere): random well-typed filters
 * over every scalar type and operator, on documents full of nulls, NaN, -0.0, empty arrays and
 * repeated array elements, with deleted rows, with every field indexed and with a random part of
 * them indexed. Rows the planner calls exact must be exactly the matching live rows; otherwise a
 * superset of them. A segment that predates every field (all rows null) is answered exactly without
 * any index.
 */
class IndexAnswersTest {
  private static final Schema SCHEMA = RandomDocuments.INDEXED;

  /** Read the candidates whatever their number; never pick a graph strategy. */
  private static final Planner.Thresholds ALWAYS_READ =
      new Planner.Thresholds(Integer.MAX_VALUE, 1.0, 0.3, 1.0);

  @TempDir Path tmp;

  @Test
  void indexesGiveTheMatchingRows() throws Exception {
    long seed = Seeds.seed();
    Seeds.run(seed, () -> run(new Random(seed)));
  }

  private void run(Random random) throws IOException {
    BoundSchema bound = BoundSchema.fresh(SCHEMA);
    RandomFilters filters = new RandomFilters(random, SCHEMA);
    int exactAnswers = 0;
    int supersets = 0;
    int unanswered = 0;
    for (int trial = 0; trial < 3; trial++) {
      List<Document> docs = new RandomDocuments(random).documents(200 + random.nextInt(200));
      Segment seg = write(bound, docs, trial);
      List<ScalarIndex> opened = new ArrayList<>();
      try {
        int n = bound.fields().size();
        ScalarIndex[] all = new ScalarIndex[n];
        ScalarIndex[] some = new ScalarIndex[n];
        FieldStats[] stats = new FieldStats[n];
        for (FieldInfo f : bound.scalarFields()) {
          Path p = tmp.resolve(SegmentFiles.scalarIndex(trial, f.id()));
          ScalarIndexWriter.write(p, f.id(), f.spec().type(), seg.column(f), seg.rows());
          ScalarIndex ix = ScalarIndex.open(p, f.id(), f.spec().type(), seg.rows(), true, true);
          opened.add(ix);
          all[f.ordinal()] = ix;
          some[f.ordinal()] = random.nextBoolean() ? ix : null;
          stats[f.ordinal()] = seg.stats(f);
        }
        RoaringBitmap deleted = new RoaringBitmap();
        for (int r = 0; r < docs.size(); r++) {
          if (random.nextInt(5) == 0) {
            deleted.add(r);
          }
        }
        boolean[] none = new boolean[n];
        boolean[] allAbsent = new boolean[n];
        java.util.Arrays.fill(allAbsent, true);
        SegmentFacts full = new SegmentFacts("s", docs.size(), deleted, stats, all, none, null);
        SegmentFacts partial = new SegmentFacts("s", docs.size(), deleted, stats, some, none, null);
        SegmentFacts absent =
            new SegmentFacts("s", docs.size(), deleted, stats, new ScalarIndex[n], allAbsent, null);
        for (int i = 0; i < 300; i++) {
          Filter f = filters.filter(random.nextInt(4));
          CompiledFilter compiled = FilterCompiler.compile(f, SCHEMA);
          RoaringBitmap expected = new RoaringBitmap();
          RoaringBitmap expectedIfNull = new RoaringBitmap();
          Document empty = Document.builder("x").build();
          boolean nullMatches = compiled.test(ObjectRowValues.of(SCHEMA, empty));
          for (int r = 0; r < docs.size(); r++) {
            if (deleted.contains(r)) {
              continue;
            }
            if (compiled.test(ObjectRowValues.of(SCHEMA, docs.get(r)))) {
              expected.add(r);
            }
            if (nullMatches) {
              expectedIfNull.add(r);
            }
          }
          for (SegmentFacts facts : List.of(full, partial)) {
            Planner.SegmentPlan plan = Planner.plan(compiled, facts, 10, false, ALWAYS_READ);
            String ctx = "filter " + f + " (" + compiled.root() + ")";
            if (plan.candidates() == null) {
              unanswered++;
              continue;
            }
            if (plan.candidatesExact()) {
              exactAnswers++;
              assertEquals(expected, plan.candidates(), ctx + ": exact rows");
              assertEquals(expected.getCardinality(), plan.explain().estimatedMatches(), ctx);
              assertTrue(plan.explain().exactCount(), ctx);
              assertEquals(
                  expected.isEmpty(), plan.strategy() == QueryPlan.Strategy.SKIP, ctx + ": skip");
            } else {
              supersets++;
              assertTrue(
                  RoaringBitmap.andNot(expected, plan.candidates()).isEmpty(),
                  ctx + ": candidates miss matching rows");
              assertTrue(
                  RoaringBitmap.andNot(plan.candidates(), deleted).equals(plan.candidates()),
                  ctx + ": deleted rows among the candidates");
            }
          }
          Planner.SegmentPlan old = Planner.plan(compiled, absent, 10, false, ALWAYS_READ);
          String ctx = "all-null segment, filter " + f;
          if (old.candidates() != null && old.candidatesExact()) {
            assertEquals(expectedIfNull, old.candidates(), ctx);
          } else if (old.candidates() != null) {
            assertTrue(RoaringBitmap.andNot(expectedIfNull, old.candidates()).isEmpty(), ctx);
          }
        }
      } finally {
        opened.forEach(ScalarIndex::close);
        seg.release();
      }
    }
    System.out.printf(
        "index answers: %d exact, %d supersets, %d unanswered%n",
        exactAnswers, supersets, unanswered);
    assertTrue(exactAnswers > 300, "the indexes answered exactly only " + exactAnswers + " times");
    assertTrue(supersets > 20, "the indexes gave a superset only " + supersets + " times");
  }

  private Segment write(BoundSchema bound, List<Document> docs, long id) throws IOException {
    RowSource source =
        new RowSource() {
          @Override
          public int rowCount() {
            return docs.size();
          }

          @Override
          public String id(int i) {
            return docs.get(i).id();
          }

          @Override
          public Object value(FieldInfo field, int i) {
            return docs.get(i).get(field.name());
          }
        };
    RowsWriter.write(tmp.resolve(SegmentFiles.rows(id)), bound, source);
    return Segment.open(
        tmp, new SegmentInfo(id, docs.size(), List.of(), List.of()), bound, true, true);
  }
}
