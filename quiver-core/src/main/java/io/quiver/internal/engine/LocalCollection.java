package io.quiver.internal.engine;

import io.quiver.Collection;
import io.quiver.CollectionOptions;
import io.quiver.CollectionStats;
import io.quiver.Document;
import io.quiver.InvalidArgumentException;
import io.quiver.StorageException;
import io.quiver.WriteResult;
import io.quiver.internal.doc.FieldInfo;
import io.quiver.internal.embed.Embedder;
import io.quiver.internal.store.FileUtil;
import io.quiver.query.Hit;
import io.quiver.query.Query;
import io.quiver.query.QueryPlan;
import io.quiver.query.ScanPage;
import io.quiver.query.ScanRequest;
import io.quiver.schema.ScalarField;
import io.quiver.schema.Schema;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The {@link Collection} of a local directory: the public API over an {@link Engine}. */
public final class LocalCollection implements Collection {
  private static final System.Logger LOG = System.getLogger("io.quiver");

  private final Engine engine;
  private final ExecutorService queryPool;
  private final Searcher searcher;
  private final Embedder embedder;
  private final Object closeLock = new Object();
  private boolean closed;

  /**
   * Wraps an open engine. {@code embedder} is the one {@link #create} resolved already, or null to
   * resolve the schema's embedding functions now; if that fails, the engine is closed again.
   */
  private LocalCollection(Engine engine, Embedder embedder) {
    this.engine = engine;
    this.queryPool =
        namedPool("quiver-query-" + engine.dir.getFileName(), engine.options.queryThreads());
    this.searcher = new Searcher(queryPool, engine.options.queryThreads());
    Embedder e = embedder;
    if (e == null) {
      try {
        e = openEmbedder(engine.schema.schema(), engine.options, engine.dir);
      } catch (RuntimeException failure) {
        try {
          close();
        } catch (RuntimeException suppressed) {
          failure.addSuppressed(suppressed);
        }
        throw failure;
      }
    }
    this.embedder = e;
  }

  private static Embedder openEmbedder(Schema schema, CollectionOptions options, Path dir) {
    return Embedder.open(schema, options, "quiver-embed-" + dir.getFileName());
  }

  private static ExecutorService namedPool(String prefix, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The engine (for tests of this package that search a view directly). */
  Engine engine() {
    return engine;
  }

  /** See {@link io.quiver.Quiver#create}. */
  public static Collection create(Path dir, Schema schema, CollectionOptions options) {
    if (dir == null || schema == null || options == null) {
      throw new InvalidArgumentException("create needs a directory, a schema and options");
    }
    if (options.readOnly()) {
      throw new InvalidArgumentException("cannot create a collection with read-only options");
    }
    // Resolve the embedding functions first: a schema nobody can embed for creates nothing.
    Embedder embedder = openEmbedder(schema, options, dir);
    try {
      DirLock lock =
          io(() -> Recovery.create(dir, schema), "could not create a collection in " + dir);
      return new LocalCollection(
          io(() -> Recovery.open(dir, options, lock), "could not open " + dir), embedder);
    } catch (RuntimeException e) {
      try {
        embedder.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** See {@link io.quiver.Quiver#open}. */
  public static Collection open(Path dir, CollectionOptions options) {
    if (dir == null || options == null) {
      throw new InvalidArgumentException("open needs a directory and options");
    }
    return new LocalCollection(
        io(() -> Recovery.open(dir, options), "could not open " + dir), null);
  }

  /** See {@link io.quiver.Quiver#exists}. */
  public static boolean isCollection(Path dir) {
    return Recovery.isCollection(dir);
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T io(IoCall<T> call, String what) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new StorageException(what, e);
    }
  }

  @Override
  public Schema schema() {
    View v = engine.acquire();
    try {
      return v.manifest.schema().schema();
    } finally {
      v.release();
    }
  }

  @Override
  public void addField(ScalarField field) {
    if (field == null) {
      throw new InvalidArgumentException("field must not be null");
    }
    changeSchema(s -> s.withField(field));
  }

  @Override
  public void dropField(String name) {
    changeSchema(s -> s.withoutField(name));
  }

  @Override
  public void renameField(String name, String newName) {
    if (newName == null) {
      throw new InvalidArgumentException("the new name must not be null");
    }
    io.quiver.schema.FieldSpec.checkName(newName);
    changeSchema(s -> s.withRenamedField(name, newName));
  }

  @Override
  public void createIndex(String field, io.quiver.schema.VectorIndex index) {
    if (index == null) {
      throw new InvalidArgumentException("index must not be null");
    }
    changeSchema(s -> s.withVectorIndex(field, index), fieldIdOf(field));
  }

  @Override
  public void createIndex(String field) {
    changeSchema(s -> s.withScalarIndex(field, true), -1);
  }

  @Override
  public void dropIndex(String field) {
    FieldInfo f = engine.schema.field(field);
    if (f != null && f.isVector()) {
      changeSchema(s -> s.withVectorIndex(field, io.quiver.schema.VectorIndex.flat()), f.id());
    } else {
      changeSchema(s -> s.withScalarIndex(field, false), -1);
    }
  }

  private int fieldIdOf(String field) {
    FieldInfo f = engine.schema.field(field);
    return f == null ? -1 : f.id();
  }

  private void changeSchema(
      java.util.function.UnaryOperator<io.quiver.internal.doc.BoundSchema> change) {
    changeSchema(change, -1);
  }

  private void changeSchema(
      java.util.function.UnaryOperator<io.quiver.internal.doc.BoundSchema> change,
      int dropIndexOf) {
    engine.checkWritable();
    engine.lifecycle.readLock().lock();
    try {
      engine.maintenance.changeSchema(change, dropIndexOf);
    } finally {
      engine.lifecycle.readLock().unlock();
    }
  }

  @Override
  public List<WriteResult> insert(List<Document> documents) {
    return guardedWrite(() -> engine.write(WriteKind.INSERT, embedded(documents)));
  }

  @Override
  public List<WriteResult> upsert(List<Document> documents) {
    return guardedWrite(() -> engine.write(WriteKind.UPSERT, embedded(documents)));
  }

  @Override
  public List<WriteResult> update(List<Document> documents) {
    return guardedWrite(() -> engine.write(WriteKind.UPDATE, embedded(documents)));
  }

  /** The documents with their bound vectors computed (before the writer lock: it may take long). */
  private List<Document> embedded(List<Document> documents) {
    return embedder.isEmpty() ? documents : embedder.fill(documents, engine.schema.schema());
  }

  @Override
  public List<WriteResult> delete(List<String> ids) {
    return guardedWrite(() -> engine.delete(ids));
  }

  private List<WriteResult> guardedWrite(Supplier<List<WriteResult>> write) {
    engine.checkWritable();
    engine.lifecycle.readLock().lock();
    try {
      List<WriteResult> r = write.get();
      engine.maintenance.afterWrite();
      return r;
    } finally {
      engine.lifecycle.readLock().unlock();
    }
  }

  @Override
  public long deleteByFilter(String filter) {
    engine.checkWritable();
    engine.lifecycle.readLock().lock();
    try {
      long n = engine.deleteWhere(filter);
      engine.maintenance.afterWrite();
      return n;
    } finally {
      engine.lifecycle.readLock().unlock();
    }
  }

  @Override
  public ScanPage scan(ScanRequest request) {
    if (request == null) {
      throw new InvalidArgumentException("scan request must not be null");
    }
    View v = engine.acquire();
    try {
      var schema = v.manifest.schema();
      var filter =
          request.filter() == null || request.filter().isBlank()
              ? null
              : io.quiver.internal.query.filter.FilterCompiler.compile(
                  request.filter(), schema.schema());
      List<FieldInfo> fields =
          Searcher.outputFields(schema, request.outputFields(), request.includeVectors());
      List<Scanner.Match> matches = Scanner.scan(v, filter, request.after(), request.limit());
      List<MemSnapshot> mems = v.memtablesNewestFirst();
      List<Document> docs = new java.util.ArrayList<>(matches.size());
      for (Scanner.Match m : matches) {
        docs.add(Searcher.document(v, mems, m.source(), m.row(), fields));
      }
      String next = matches.size() < request.limit() ? null : matches.getLast().id();
      return new ScanPage(docs, next);
    } finally {
      v.release();
    }
  }

  @Override
  public Map<String, Document> fetch(
      List<String> ids, List<String> outputFields, boolean includeVectors) {
    if (ids == null) {
      throw new InvalidArgumentException("the list of ids must not be null");
    }
    View v = engine.acquire();
    try {
      List<FieldInfo> fields =
          Searcher.outputFields(v.manifest.schema(), outputFields, includeVectors);
      List<MemSnapshot> mems = v.memtablesNewestFirst();
      Map<String, Document> out = new LinkedHashMap<>();
      for (String id : ids) {
        if (id == null || out.containsKey(id)) {
          continue;
        }
        Location loc = Lookup.find(v, id);
        if (loc != null) {
          int src = loc.memtable() >= 0 ? loc.memtable() : mems.size() + loc.segment();
          out.put(id, Searcher.document(v, mems, src, loc.row(), fields));
        }
      }
      return out;
    } finally {
      v.release();
    }
  }

  @Override
  public long count() {
    View v = engine.acquire();
    try {
      return v.live;
    } finally {
      v.release();
    }
  }

  @Override
  public List<Hit> query(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query must not be null");
    }
    View v = engine.acquire();
    try {
      return searcher.search(v, embedder.resolveText(query, v.manifest.schema().schema()));
    } finally {
      v.release();
    }
  }

  @Override
  public QueryPlan explain(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query must not be null");
    }
    View v = engine.acquire();
    try {
      return searcher.explain(v, query);
    } finally {
      v.release();
    }
  }

  @Override
  public void flush() {
    engine.checkWritable();
    engine.lifecycle.readLock().lock();
    try {
      engine.maintenance.flush();
    } finally {
      engine.lifecycle.readLock().unlock();
    }
  }

  @Override
  public void optimize() {
    engine.checkWritable();
    engine.lifecycle.readLock().lock();
    try {
      engine.maintenance.optimize();
    } finally {
      engine.lifecycle.readLock().unlock();
    }
  }

  @Override
  public CollectionStats stats() {
    View v = engine.acquire();
    try {
      long deleted = 0;
      for (SegmentSnapshot s : v.segments) {
        deleted += s.deleted().getCardinality();
      }
      long memLive = 0;
      for (MemSnapshot m : v.memtablesNewestFirst()) {
        deleted += m.deleted().getCardinality();
        memLive += m.live();
      }
      Map<String, Double> completeness = new LinkedHashMap<>();
      for (FieldInfo f : v.manifest.schema().vectorFields()) {
        long rows = 0;
        long indexed = 0;
        boolean wantsIndex = io.quiver.internal.index.IndexKinds.forField(f.vector()) != null;
        for (SegmentSnapshot s : v.segments) {
          rows += s.segment().rows();
          indexed += !wantsIndex || s.indexes().containsKey(f.id()) ? s.segment().rows() : 0;
        }
        completeness.put(f.name(), rows == 0 ? 1.0 : (double) indexed / rows);
      }
      return new CollectionStats(
          v.manifest.version(),
          v.live,
          deleted,
          v.segments.size(),
          memLive,
          directoryBytes(),
          completeness);
    } finally {
      v.release();
    }
  }

  private long directoryBytes() {
    try (Stream<Path> files = Files.walk(engine.dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void refresh() {
    engine.checkOpen();
    if (!engine.readOnly()) {
      return;
    }
    synchronized (closeLock) {
      View current = engine.acquire();
      try {
        View next = io(() -> Recovery.refresh(engine, current), "could not refresh " + engine.dir);
        if (next != null) {
          engine.pushHead(next);
          engine.publishUpTo(next.seq);
        }
      } finally {
        current.release();
      }
    }
  }

  @Override
  public boolean isReadOnly() {
    return engine.readOnly();
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    engine.lifecycle.writeLock().lock();
    try {
      if (engine.maintenance != null) {
        engine.maintenance.close();
      }
      if (engine.indexBuilds != null) {
        engine.indexBuilds.close();
      }
      engine.markClosedAndRelease();
      queryPool.shutdown();
      if (engine.wal != null) {
        try {
          engine.wal.syncAll();
          engine.wal.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "closing the log of {0} failed: {1}", engine.dir, e);
        }
      }
      if (engine.lock != null) {
        try {
          engine.lock.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "releasing the lock of {0} failed: {1}", engine.dir, e);
        }
      }
      if (embedder != null) { // null when closing because the embedder could not be resolved
        try {
          embedder.close();
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING, "closing the embedding functions of {0} failed: {1}", engine.dir, e);
        }
      }
    } finally {
      engine.lifecycle.writeLock().unlock();
    }
  }

  @Override
  public void destroy() {
    if (engine.readOnly()) {
      throw new io.quiver.ReadOnlyException(
          "collection " + engine.dir + " was opened read-only; destroy needs a read-write handle");
    }
    close();
    io(
        () -> {
          FileUtil.deleteRecursively(engine.dir);
          return null;
        },
        "could not delete " + engine.dir);
  }

  @Override
  public String toString() {
    return "Collection[" + engine.dir + (engine.readOnly() ? ", read-only" : "") + "]";
  }
}
