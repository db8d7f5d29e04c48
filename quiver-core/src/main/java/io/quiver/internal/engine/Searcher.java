package io.quiver.internal.engine;

import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.index.flat.FlatSearch;
import io.quiver.internal.memtable.MemTable;
import io.quiver.internal.memtable.VectorColumn;
import io.quiver.internal.query.QueryVector;
import io.quiver.internal.query.TopK;
import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.FilterCompiler;
import io.quiver.internal.segment.DenseVectors;
import io.quiver.internal.segment.Segment;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.SearchParams;
import io.quiver.query.SubQuery;
import io.quiver.query.VectorQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs queries on a pinned view: each memtable and segment is searched (in parallel on the query
 * pool when there are several), the per-source top-k lists are merged, and the requested fields of
 * the winners are read. A hit is referenced as {@code source << 32 | row}, sources numbered
 * memtables (newest first) then segments.
 */
final class Searcher {
  private final ExecutorService pool;
  private final int threads;

  Searcher(ExecutorService pool, int threads) {
    this.pool = pool;
    this.threads = threads;
  }

  List<Hit> search(View v, Query query) {
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
    List<FieldInfo> output = outputFields(schema, query.outputFields(), query.includeVectors());
    int k = query.topK();
    List<MemSnapshot> mems = v.memtablesNewestFirst();
    int sources = mems.size() + v.segments.size();
    // One task per source that has rows. The caller runs the biggest itself and the pool the
    // rest: a query over one segment never waits for another thread to wake up.
    List<java.util.concurrent.Callable<TopK>> tasks = new ArrayList<>(sources);
    int biggest = -1;
    long biggestRows = -1;
    for (int s = 0; s < sources; s++) {
      long rows =
          s < mems.size()
              ? mems.get(s).rows()
              : v.segments.get(s - mems.size()).segment().info().rows();
      if (rows == 0) {
        continue;
      }
      final int src = s;
      tasks.add(() -> searchSource(schema, v, mems, src, qv, k, filter, query.params()));
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
      SearchParams params) {
    TopK top = new TopK(k);
    long base = (long) src << 32;
    if (src < mems.size()) {
      MemSnapshot m = mems.get(src);
      VectorColumn col = m.table().column(qv.field());
      FlatSearch.search(
          qv, col, m.rows(), accept(schema, m.deleted(), filter, m.table()), base, top);
    } else {
      SegmentSnapshot s = v.segments.get(src - mems.size());
      DenseVectors dv = s.segment().dense(qv.field());
      if (dv != null) {
        IntPredicate accept = accept(schema, s.deleted(), filter, s.segment());
        IndexRef index = params.exact() ? null : s.indexes().get(qv.field().id());
        if (index != null) {
          index.index.search(qv, k, params, accept, base, top);
          if (top.size() < k) {
            // The index found fewer than k accepted rows (a selective filter, many deletes):
            // scoring every row returns k whenever k rows match.
            top = new TopK(k);
            FlatSearch.search(qv, dv, accept, base, top);
          }
        } else {
          FlatSearch.search(qv, dv, accept, base, top);
        }
      }
    }
    return top;
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
