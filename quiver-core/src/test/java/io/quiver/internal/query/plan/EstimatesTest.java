package io.quiver.internal.query.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.scalar.ScalarIndex;
import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.FilterCompiler;
import io.quiver.internal.segment.FieldStats;
import io.quiver.internal.segment.RowSource;
import io.quiver.internal.segment.RowsWriter;
import io.quiver.internal.segment.Segment;
import io.quiver.internal.segment.SegmentFiles;
import io.quiver.internal.segment.SegmentInfo;
import io.quiver.query.QueryPlan;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Column statistics are computed right (counts, min/max, distinct values, a sorted sample) and the
 * planner's estimates from them land near the truth on simple data: uniform integers, a skewed
 * string column, nulls, arrays. Fixed seed: the bounds are loose, but a wrong estimator misses them
 * by far.
 */
@Tag("once")
class EstimatesTest {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("cat", DataType.INT32)
          .nullableScalar("price", DataType.DOUBLE)
          .scalar("tag", DataType.STRING)
          .scalar("flag", DataType.BOOL)
          .nullableScalar("tags", DataType.ARRAY_INT64)
          .build();

  static final int N = 20_000;

  @TempDir Path tmp;

  @Test
  void statisticsAndEstimates() throws IOException {
    BoundSchema bound = BoundSchema.fresh(SCHEMA);
    Random r = new Random(7);
    Object[][] rows = new Object[N][];
    for (int i = 0; i < N; i++) {
      // tag: t0 half the rows, t1..t9 the rest evenly; price null in a fifth of the rows.
      String tag = r.nextBoolean() ? "t0" : "t" + (1 + r.nextInt(9));
      rows[i] =
          new Object[] {
            r.nextInt(1000),
            i % 5 == 0 ? null : r.nextDouble(),
            tag,
            i % 4 == 0,
            i % 3 == 0 ? null : List.of((long) r.nextInt(100), (long) r.nextInt(100))
          };
    }
    RowSource source =
        new RowSource() {
          @Override
          public int rowCount() {
            return N;
          }

          @Override
          public String id(int i) {
            return "d" + i;
          }

          @Override
          public Object value(FieldInfo field, int i) {
            return rows[i][field.ordinal()];
          }
        };
    RowsWriter.write(tmp.resolve(SegmentFiles.rows(1)), bound, source);
    Segment seg = Segment.open(tmp, new SegmentInfo(1, N, List.of(), List.of()), bound, true, true);
    try {
      FieldStats cat = seg.stats(bound.field("cat"));
      assertNotNull(cat);
      assertEquals(N, cat.rows());
      assertEquals(0, cat.nulls());
      assertEquals(0, cat.min());
      assertEquals(999, cat.max());
      assertTrue(Math.abs(cat.distinct() - 1000) < 150, "distinct " + cat.distinct());
      double[] sample = cat.numbers();
      assertTrue(sample.length > 900 && sample.length <= 1024, "sample of " + sample.length);
      for (int i = 1; i < sample.length; i++) {
        assertTrue(sample[i - 1] <= sample[i], "sample sorted");
      }
      FieldStats price = seg.stats(bound.field("price"));
      assertEquals(N / 5, price.nulls());
      FieldStats tag = seg.stats(bound.field("tag"));
      assertEquals(10, tag.distinct());
      FieldStats flag = seg.stats(bound.field("flag"));
      assertEquals(N / 4, flag.trues());
      FieldStats tags = seg.stats(bound.field("tags"));
      assertEquals(N - (N + 2) / 3, N - tags.nulls());
      assertEquals(2L * (N - tags.nulls()), tags.values());

      check(bound, seg, "cat < 100", 0.1, 0.3);
      check(bound, seg, "cat = 5", 0.001, 0.5);
      check(bound, seg, "cat IN (1, 2, 3)", 0.003, 0.5);
      check(bound, seg, "price < 0.25", 0.2, 0.3);
      check(bound, seg, "price IS NULL", 0.2, 0.01);
      check(bound, seg, "tag = 't0'", 0.5, 0.2);
      check(bound, seg, "tag = 't3'", 1 / 18.0, 0.5);
      check(bound, seg, "flag = true", 0.25, 0.01);
      check(bound, seg, "cat < 500 AND flag = true", 0.125, 0.3);
      check(bound, seg, "tags CONTAIN_ANY (7)", 2 / 3.0 * (1 - 0.99 * 0.99), 0.5);
    } finally {
      seg.release();
    }
  }

  /** The planner's estimate from statistics is within {@code tolerance} (relative) of truth. */
  private static void check(
      BoundSchema bound, Segment seg, String filter, double truth, double tolerance) {
    CompiledFilter f = FilterCompiler.compile(filter, SCHEMA);
    int n = bound.fields().size();
    FieldStats[] stats = new FieldStats[n];
    for (FieldInfo fi : bound.scalarFields()) {
      stats[fi.ordinal()] = seg.stats(fi);
    }
    SegmentFacts facts =
        new SegmentFacts(
            "s", N, new RoaringBitmap(), stats, new ScalarIndex[n], new boolean[n], "hnsw");
    Planner.SegmentPlan plan = Planner.plan(f, facts, 10, false, Planner.DEFAULT);
    double share = plan.share();
    assertTrue(
        Math.abs(share - truth) <= tolerance * truth,
        filter + ": estimated " + share + ", true " + truth + "\n" + plan.explain());
    for (QueryPlan.Condition c : plan.explain().conditions()) {
      assertEquals(QueryPlan.Basis.STATISTICS, c.basis(), filter);
    }
  }
}
