package io.quiver.internal.engine;

import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.SegmentIndex;
import io.quiver.internal.index.flat.FlatSearch;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.memtable.VectorColumn;
import io.quiver.internal.query.QueryVector;
import io.quiver.internal.query.TopK;
import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.FilterCompiler;
import io.quiver.internal.query.plan.Planner;
import io.quiver.internal.query.plan.Planner.SegmentPlan;
import io.quiver.internal.segment.DenseVectors;
import io.quiver.internal.segment.Segment;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.QueryPlan.Strategy;
import io.quiver.query.SearchParams;
import io.quiver.query.SubQuery;
import io.quiver.query.VectorQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs queries on a pinned view: each memtable and segment is planned ({@link Planner}: under a
 * filter, exact scoring of the matching rows, a two-hop or a check-as-found graph traversal), then
 * searched (in parallel on the query pool when there are several), the per-source top-k lists are
 * merged, and the requested fields of the winners are read. A hit is referenced as {@code source <<
 * 32 | row}, sources numbered memtables (newest first) then segments.
 */
final class Searcher {
  private final ExecutorService pool;
  private final int threads;
  private final Planner.Thresholds thresholds;

  Searcher(ExecutorService pool, int threads) {
    this(pool, threads, Planner.DEFAULT);
  }

  /** A searcher planning with other thresholds (tests force each strategy with them). */
  Searcher(ExecutorService pool, int threads, Planner.Thresholds thresholds) {
    this.pool = pool;
    this.threads = threads;
    this.thresholds = thresholds;
  }

  /** A query compiled against a view, with the plan of every source. */
  private record Prepared(
      CompiledFilter filter, QueryVector qv, List<MemSnapshot> mems, List<SegmentPlan> plans) {}

  private Prepared prepare(View v, Query query) {
    BoundSchema schema = v.manifest.schema();
    if (query.subQueries().size() != 1) {
      throw new InvalidArgumentException(
          "a query with "
              + query.subQueries().size()
              + " sub-queries needs fusion, which this"
              + " version does not support yet; send one sub-query");
    }
    CompiledFilter filter =
        query.filter() == null || query.filter().isBlank()
            ? null
            : FilterCompiler.compile(query.filter(), schema.schema());
    SubQuery sq = query.subQueries().getFirst();
    FieldInfo field = field(schema, sq.field());
    QueryVector qv = QueryVector.prepare(field, ((VectorQuery) sq).vector());
    List<MemSnapshot> mems = v.memtablesNewestFirst();
    boolean exact = query.params().exact();
    List<SegmentPlan> plans = new ArrayList<>();
    for (MemSnapshot m : mems) {
      plans.add(
          Planner.plan(
              filter, Facts.of(schema, m, m == v.active), query.topK(), exact, thresholds));
    }
    for (SegmentSnapshot s : v.segments) {
      plans.add(Planner.plan(filter, Facts.of(schema, s, field), query.topK(), exact, thresholds));
    }
    return new Prepared(filter, qv, mems, plans);
  }

  /** The plan of {@code query} on {@code v}, without searching. */
  QueryPlan explain(View v, Query query) {
    Prepared p = prepare(v, query);
    List<QueryPlan.Source> sources = new ArrayList<>();
    for (SegmentPlan sp : p.plans()) {
      sources.add(sp.explain());
    }
    return new QueryPlan(
        p.qv().field().name(),
        query.topK(),
        p.filter() == null ? null : p.filter().toString(),
        sources);
  }

  List<Hit> search(View v, Query query) {
    BoundSchema schema = v.manifest.schema();
    Prepared p = prepare(v, query);
    QueryVector qv = p.qv();
    List<FieldInfo> output = outputFields(schema, query.outputFields(), query.includeVectors());
    int k = query.topK();
    List<MemSnapshot> mems = p.mems();
    int sources = mems.size() + v.segments.size();
    // One task per source the plan does not skip (a source without live rows is skipped). The
    // caller runs the biggest itself and the pool the rest: a query over one segment never waits
    // for another thread to wake up.
    List<java.util.concurrent.Callable<TopK>> tasks = new ArrayList<>(sources);
    int biggest = -1;
    long biggestRows = -1;
    for (int s = 0; s < sources; s++) {
      SegmentPlan plan = p.plans().get(s);
      if (plan.strategy() == Strategy.SKIP) {
        continue;
      }
      long rows = plan.explain().rows();
      final int src = s;
      tasks.add(() -> searchSource(schema, v, mems, src, qv, k, p.filter(), query.params(), plan));
      if (rows > biggestRows) {
        biggestRows = rows;
        biggest = tasks.size() - 1;
      }
    }
    TopK merged = new TopK(k);
    if (threads <= 1 || tasks.size() <= 1) {
      for (var t : tasks) {
        merged.addAll(call(t));
      }
    } else {
      List<Future<TopK>> futures = new ArrayList<>();
      for (int t = 0; t < tasks.size(); t++) {
        if (t != biggest) {
          futures.add(pool.submit(tasks.get(t)));
        }
      }
      merged.addAll(call(tasks.get(biggest)));
      for (Future<TopK> f : futures) {
        merged.addAll(get(f));
      }
    }
    float[] d = new float[k];
    long[] r = new long[k];
    int n = merged.drainSorted(d, r);
    List<Hit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int src = (int) (r[i] >>> 32);
      int row = (int) r[i];
      hits.add(
          new Hit(idOf(v, mems, src, row), qv.score(d[i]), document(v, mems, src, row, output)));
    }
    return hits;
  }

  private static TopK searchSource(
      BoundSchema schema,
      View v,
      List<MemSnapshot> mems,
      int src,
      QueryVector qv,
      int k,
      CompiledFilter filter,
      SearchParams params,
      SegmentPlan plan) {
    TopK top = new TopK(k);
    long base = (long) src << 32;
    if (src < mems.size()) {
      MemSnapshot m = mems.get(src);
      VectorColumn col = m.table().column(qv.field());
      FlatSearch.search(
          qv, col, m.rows(), accept(schema, m.deleted(), filter, m.table()), base, top);
      return top;
    }
    SegmentSnapshot s = v.segments.get(src - mems.size());
    DenseVectors dv = s.segment().dense(qv.field());
    if (dv == null) {
      return top;
    }
    RoaringBitmap candidates = plan.candidates();
    // Scoring the candidates walks them, so it needs only the filter re-check; a traversal meets
    // any row, so it also asks whether the row is a candidate.
    IntPredicate recheck =
        candidates == null ? null : recheck(schema, plan.candidatesExact(), filter, s.segment());
    IntPredicate accept =
        candidates == null
            ? accept(schema, s.deleted(), filter, s.segment())
            : plan.candidatesExact()
                ? candidates::contains
                : row -> candidates.contains(row) && recheck.test(row);
    switch (plan.strategy()) {
      case EXACT_CANDIDATES -> scoreCandidates(qv, dv, candidates, recheck, base, top);
      case EXACT_SCAN -> FlatSearch.search(qv, dv, accept, base, top);
      default -> {
        IndexRef index = s.indexes().get(qv.field().id());
        SegmentIndex.Traversal traversal =
            plan.strategy() == Strategy.GRAPH_TWO_HOP
                ? SegmentIndex.Traversal.TWO_HOP
                : SegmentIndex.Traversal.CHECK_AS_FOUND;
        index.index.search(qv, k, params, accept, traversal, base, top);
        if (top.size() < k) {
          // The index found fewer than k accepted rows (a selective filter, many deletes):
          // scoring every matching row returns k whenever k rows match.
          top = new TopK(k);
          if (candidates != null) {
            scoreCandidates(qv, dv, candidates, recheck, base, top);
          } else {
            FlatSearch.search(qv, dv, accept, base, top);
          }
        }
      }
    }
    return top;
  }

  /**
   * Scores the candidate rows (ascending, so vectors are read in file order) that accept takes,
   * {@link FlatSearch#BATCH} rows per kernel call.
   */
  private static void scoreCandidates(
      QueryVector qv,
      DenseVectors dv,
      RoaringBitmap candidates,
      IntPredicate accept,
      long base,
      TopK top) {
    boolean all = dv.allPresent();
    int[] rows = new int[FlatSearch.BATCH];
    long[] offsets = new long[FlatSearch.BATCH];
    int[] ints = new int[FlatSearch.BATCH];
    float[] dist = new float[FlatSearch.BATCH];
    int n = 0;
    IntIterator it = candidates.getIntIterator();
    while (true) {
      boolean more = it.hasNext();
      if (more) {
        int row = it.next();
        if ((all || dv.present(row)) && accept.test(row)) {
          rows[n++] = row;
        }
      }
      if (n == rows.length || (!more && n > 0)) {
        FlatSearch.distances(qv, dv, rows, n, offsets, ints, dist);
        for (int i = 0; i < n; i++) {
          top.offer(dist[i], base + rows[i]);
        }
        n = 0;
      }
      if (!more) {
        break;
      }
    }
  }

  /**
   * Which of the live candidate rows pass the filter: all of them when the set is exact, else those
   * the filter takes.
   */
  private static IntPredicate recheck(
      BoundSchema schema, boolean exact, CompiledFilter filter, Segment segment) {
    if (exact) {
      return row -> true;
    }
    RowCursors.Seg cursor = new RowCursors.Seg(segment, schema);
    return row -> filter.test(cursor.at(row));
  }

  /** Rows a search may return: live, and passing the filter if there is one. */
  private static IntPredicate accept(
      BoundSchema schema, RoaringBitmap deleted, CompiledFilter filter, MemTable table) {
    if (filter == null) {
      return deleted.isEmpty() ? row -> true : row -> !deleted.contains(row);
    }
    RowCursors.Mem cursor = new RowCursors.Mem(table, schema);
    return row -> !deleted.contains(row) && filter.test(cursor.at(row));
  }

  private static IntPredicate accept(
      BoundSchema schema, RoaringBitmap deleted, CompiledFilter filter, Segment segment) {
    if (filter == null) {
      return deleted.isEmpty() ? row -> true : row -> !deleted.contains(row);
    }
    RowCursors.Seg cursor = new RowCursors.Seg(segment, schema);
    if (deleted.isEmpty()) {
      return row -> filter.test(cursor.at(row));
    }
    return row -> !deleted.contains(row) && filter.test(cursor.at(row));
  }

  private static FieldInfo field(BoundSchema schema, String name) {
    FieldInfo f = schema.field(name);
    if (f == null) {
      throw new InvalidArgumentException("field '" + name + "' is not in the schema");
    }
    return f;
  }

  /** The fields a hit or fetch returns. */
  static List<FieldInfo> outputFields(
      BoundSchema schema, List<String> names, boolean includeVectors) {
    List<FieldInfo> out = new ArrayList<>();
    if (names == null) {
      out.addAll(schema.scalarFields());
    } else {
      for (String n : names) {
        FieldInfo f = field(schema, n);
        if (!out.contains(f)) {
          out.add(f);
        }
      }
    }
    if (includeVectors) {
      for (FieldInfo f : schema.vectorFields()) {
        if (!out.contains(f)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  static String idOf(View v, List<MemSnapshot> mems, int src, int row) {
    return src < mems.size()
        ? mems.get(src).table().id(row)
        : v.segments.get(src - mems.size()).segment().id(row);
  }

  static Document document(
      View v, List<MemSnapshot> mems, int src, int row, List<FieldInfo> fields) {
    Document.Builder b = Document.builder(idOf(v, mems, src, row));
    if (src < mems.size()) {
      MemTable table = mems.get(src).table();
      for (FieldInfo f : fields) {
        b.set(f.name(), table.value(f, row));
      }
    } else {
      var seg = v.segments.get(src - mems.size()).segment();
      for (FieldInfo f : fields) {
        b.set(f.name(), seg.value(f, row));
      }
    }
    return b.build();
  }

  private static TopK call(java.util.concurrent.Callable<TopK> t) {
    try {
      return t.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TopK get(Future<TopK> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
