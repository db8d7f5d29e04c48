package io.quiver.internal.engine;

import io.quiver.ClosedException;
import io.quiver.CollectionOptions;
import io.quiver.Document;
import io.quiver.Durability;
import io.quiver.InvalidArgumentException;
import io.quiver.ReadOnlyException;
import io.quiver.StorageException;
import io.quiver.WriteResult;
import io.quiver.WriteStatus;
import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.DocumentValidator;
import io.quiver.internal.manifest.Manifest;
import io.quiver.internal.manifest.ManifestStore;
import io.quiver.internal.query.filter.CompiledFilter;
import io.quiver.internal.query.filter.FilterCompiler;
import io.quiver.internal.wal.WalRecord;
import io.quiver.internal.wal.WalWriter;
import io.quiver.schema.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of an open collection and its write path. One writer at a time (the writer lock);
 * readers pin the published {@link View} and never wait for writers.
 *
 * <p>A write call: validate every document (no lock) → under the writer lock, resolve each against
 * the newest view (exists? what does the update merge into?), append the call's records to the log,
 * apply them to a copy-on-write view ({@link ViewBuilder}) → release the lock → fsync the log
 * (shared with concurrent callers) → publish the view. Views are published in sequence order and
 * only once the log holds them durably, so a query never sees a write that a crash could undo, nor
 * half of a call.
 */
final class Engine {
  final Path dir;
  final Path segmentsDir;
  final Path walDir;
  final CollectionOptions options;
  final ManifestStore manifests;

  /** The newest committed schema; changed only under the writer lock (see Maintenance). */
  volatile BoundSchema schema;

  final ReentrantLock writeLock = new ReentrantLock();

  /** Held shared by every write call, exclusively by close: close waits for writes in flight. */
  final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  DirLock lock;
  Committer committer;
  Maintenance maintenance;
  IndexBuilds indexBuilds;

  // Writer state, guarded by writeLock.
  WalWriter wal;
  View head;
  Manifest committed;
  Manifest previousCommitted;
  long lastVersionNumber;
  long nextSeq;
  long nextSegmentId;

  private final Object publishLock = new Object();
  private final ArrayDeque<View> pending = new ArrayDeque<>();
  private final AtomicReference<View> published = new AtomicReference<>();
  private volatile boolean closed;
  private volatile Throwable failure;

  Engine(Path dir, CollectionOptions options, ManifestStore manifests, Manifest committed) {
    this.dir = dir;
    this.segmentsDir = dir.resolve(Layout.SEGMENTS);
    this.walDir = dir.resolve(Layout.WAL);
    this.options = options;
    this.manifests = manifests;
    this.committed = committed;
    this.schema = committed.schema();
    this.nextSegmentId = committed.nextSegmentId();
    this.lastVersionNumber = committed.version();
  }

  // ---- snapshots -------------------------------------------------------------------------

  /** Pins the published view; the caller must {@link View#release()} it. */
  View acquire() {
    while (true) {
      checkOpen();
      View v = published.get();
      if (v.tryRetain()) {
        return v;
      }
    }
  }

  /** Makes {@code v} the writer's newest view; it is published once its writes are durable. */
  void pushHead(View v) {
    head = v;
    synchronized (publishLock) {
      pending.addLast(v);
    }
  }

  /** Publishes the newest pending view whose writes, up to {@code durableSeq}, are durable. */
  void publishUpTo(long durableSeq) {
    synchronized (publishLock) {
      View newest = null;
      while (!pending.isEmpty() && pending.peekFirst().seq <= durableSeq) {
        View v = pending.pollFirst();
        if (newest != null) {
          newest.release();
        }
        newest = v;
      }
      if (newest != null) {
        View old = published.getAndSet(newest);
        if (old != null) {
          old.release();
        }
      }
    }
  }

  /**
   * Makes every write so far durable and published, and returns the newest view: the first step of
   * every commit. Caller holds the writer lock.
   */
  View syncAndPublishHead() throws IOException {
    wal.syncAll();
    publishUpTo(head.seq);
    return head;
  }

  /** Sets the first published view (at open). */
  void publishInitial(View v) {
    head = v;
    published.set(v);
  }

  // ---- writes ----------------------------------------------------------------------------

  /** Runs one insert, upsert or update call. */
  List<WriteResult> write(WriteKind kind, List<Document> docs) {
    checkWritable();
    if (docs == null) {
      throw new InvalidArgumentException("the list of documents must not be null");
    }
    List<String> ids = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i) == null) {
        throw new InvalidArgumentException("document " + i + " of the batch is null");
      }
      ids.add(docs.get(i).id());
    }
    checkBatch(ids);
    BoundSchema validatedWith = schema;
    Validated v = validate(kind, docs, ids, validatedWith);
    return apply(kind, ids, v, validatedWith, () -> validate(kind, docs, ids, schema));
  }

  /** The documents of a call after validation: normalized ones, and results for refused ones. */
  private record Validated(Document[] valid, WriteResult[] results) {}

  private Validated validate(
      WriteKind kind, List<Document> docs, List<String> ids, BoundSchema against) {
    DocumentValidator validator = new DocumentValidator(against);
    WriteResult[] results = new WriteResult[docs.size()];
    Document[] valid = new Document[docs.size()];
    for (int i = 0; i < docs.size(); i++) {
      try {
        valid[i] =
            kind == WriteKind.UPDATE
                ? validator.validatePartial(docs.get(i))
                : validator.validateFull(docs.get(i));
      } catch (InvalidArgumentException e) {
        results[i] = new WriteResult(ids.get(i), WriteStatus.INVALID_ARGUMENT, e.getMessage());
      }
    }
    return new Validated(valid, results);
  }

  /** Runs one delete call. */
  List<WriteResult> delete(List<String> ids) {
    checkWritable();
    if (ids == null) {
      throw new InvalidArgumentException("the list of ids must not be null");
    }
    checkBatch(ids);
    WriteResult[] results = new WriteResult[ids.size()];
    Document[] valid = new Document[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      try {
        DocumentValidator.checkId(ids.get(i));
        valid[i] = Document.builder(ids.get(i)).build();
      } catch (InvalidArgumentException e) {
        results[i] = new WriteResult(ids.get(i), WriteStatus.INVALID_ARGUMENT, e.getMessage());
      }
    }
    Validated v = new Validated(valid, results);
    return apply(WriteKind.DELETE, ids, v, null, () -> v);
  }

  /**
   * Deletes every live document passing {@code filter}, as one write call (all or nothing in the
   * log); returns how many.
   */
  long deleteWhere(String filter) {
    checkWritable();
    if (filter == null || filter.isBlank()) {
      throw new InvalidArgumentException(
          "deleteByFilter needs a filter; to remove every document, destroy the collection");
    }
    long lastSeq;
    int n;
    writeLock.lock();
    try {
      checkWritable();
      CompiledFilter f = FilterCompiler.compile(filter, schema.schema());
      List<Scanner.Match> matches = Scanner.scan(head, f, null, Integer.MAX_VALUE);
      if (matches.isEmpty()) {
        return 0;
      }
      List<WalRecord> records = new ArrayList<>(matches.size());
      long seq = nextSeq;
      for (Scanner.Match m : matches) {
        records.add(new WalRecord.Delete(seq++, m.id()));
      }
      try {
        wal.append(records, schema);
      } catch (IOException e) {
        throw new StorageException("could not append to the log " + wal.currentFile(), e);
      }
      nextSeq = seq;
      ViewBuilder b = new ViewBuilder(head);
      for (Scanner.Match m : matches) {
        Location loc = b.find(m.id());
        if (loc != null) {
          b.delete(loc);
        }
      }
      lastSeq = seq - 1;
      n = matches.size();
      pushHead(b.build(lastSeq, committed));
    } finally {
      writeLock.unlock();
    }
    makeDurable(lastSeq);
    return n;
  }

  private static void checkBatch(List<String> ids) {
    if (ids.size() > Limits.MAX_BATCH_SIZE) {
      throw new InvalidArgumentException(
          "batch of " + ids.size() + " is larger than the limit " + Limits.MAX_BATCH_SIZE);
    }
    Map<String, Integer> seen = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null) {
        throw new InvalidArgumentException("id " + i + " of the batch is null");
      }
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        throw new InvalidArgumentException(
            "id '" + id + "' appears twice in one batch (at " + first + " and " + i + ")");
      }
    }
  }

  private List<WriteResult> apply(
      WriteKind kind,
      List<String> ids,
      Validated validated,
      BoundSchema validatedWith,
      java.util.function.Supplier<Validated> revalidate) {
    long lastSeq;
    WriteResult[] resultsOut;
    writeLock.lock();
    try {
      checkWritable();
      if (validatedWith != null && validatedWith != schema) {
        // The schema changed since validation (rare): validate again against the new one.
        validated = revalidate.get();
      }
      Document[] valid = validated.valid();
      WriteResult[] results = validated.results();
      ViewBuilder b = new ViewBuilder(head);
      List<WalRecord> records = new ArrayList<>();
      List<Location> locations = new ArrayList<>();
      long seq = nextSeq;
      for (int i = 0; i < valid.length; i++) {
        if (valid[i] == null) {
          continue;
        }
        Location loc = b.find(ids.get(i));
        WalRecord r =
            switch (kind) {
              case INSERT -> loc != null ? null : new WalRecord.Put(seq, valid[i]);
              case UPSERT -> new WalRecord.Put(seq, valid[i]);
              case UPDATE ->
                  loc == null ? null : new WalRecord.Put(seq, merge(b.read(loc), valid[i]));
              case DELETE -> loc == null ? null : new WalRecord.Delete(seq, ids.get(i));
            };
        if (r == null) {
          boolean exists = kind == WriteKind.INSERT;
          results[i] =
              new WriteResult(
                  ids.get(i),
                  exists ? WriteStatus.ALREADY_EXISTS : WriteStatus.NOT_FOUND,
                  exists
                      ? "a document with id '" + ids.get(i) + "' exists"
                      : "no document has id '" + ids.get(i) + "'");
          continue;
        }
        records.add(r);
        locations.add(loc);
        results[i] = WriteResult.success(ids.get(i));
        seq++;
      }
      if (records.isEmpty()) {
        return List.of(results);
      }
      resultsOut = results;
      try {
        wal.append(records, schema);
      } catch (IOException e) {
        throw new StorageException("could not append to the log " + wal.currentFile(), e);
      }
      nextSeq = seq;
      for (int i = 0; i < records.size(); i++) {
        Location loc = locations.get(i);
        if (loc != null) {
          b.delete(loc);
        }
        if (records.get(i) instanceof WalRecord.Put p) {
          b.append(p.document(), p.seq());
        }
      }
      lastSeq = seq - 1;
      pushHead(b.build(lastSeq, committed));
    } finally {
      writeLock.unlock();
    }
    makeDurable(lastSeq);
    return List.of(resultsOut);
  }

  private static Document merge(Document existing, Document changes) {
    Document.Builder out = existing.toBuilder();
    changes.fields().forEach(out::set);
    return out.build();
  }

  /** Waits until the log holds everything up to {@code seq}, then publishes it. */
  void makeDurable(long seq) {
    if (options.durability() == Durability.SYNC) {
      try {
        wal.sync(seq);
      } catch (IOException e) {
        // The log's state on disk is unknown after a failed fsync: refuse further writes; a
        // reopen replays what the log really holds.
        failure = e;
        throw new StorageException(
            "could not fsync the log " + wal.currentFile() + "; reopen the collection", e);
      }
    }
    publishUpTo(seq);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  boolean readOnly() {
    return options.readOnly();
  }

  void checkOpen() {
    if (closed) {
      throw new ClosedException("collection " + dir + " is closed");
    }
  }

  void checkWritable() {
    checkOpen();
    if (options.readOnly()) {
      throw new ReadOnlyException("collection " + dir + " was opened read-only");
    }
    if (failure != null) {
      throw new StorageException(
          "an earlier I/O failure stopped writes to " + dir + "; reopen the collection",
          failure instanceof IOException io ? io : new IOException(failure));
    }
  }

  /** Records a background failure that leaves the writer's state unknown. */
  void fail(Throwable t) {
    failure = t;
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the engine closed and releases the views; files unmap when queries finish. */
  void markClosedAndRelease() {
    closed = true;
    synchronized (publishLock) {
      while (!pending.isEmpty()) {
        pending.pollFirst().release();
      }
      View v = published.getAndSet(null);
      if (v != null) {
        v.release();
      }
    }
  }
}
