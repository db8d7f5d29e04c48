package io.quiver.internal.wal;

import io.quiver.internal.doc.BoundSchema;
import io.quiver.internal.doc.DocumentCodec;
import io.quiver.internal.store.BytesOut;
import io.quiver.internal.store.Failpoints;
import io.quiver.internal.store.FileFormat;
import io.quiver.internal.store.FileUtil;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Appends records to the current log file and makes them durable with group commit: appends are
 * serialized by the caller (the collection's writer lock), while {@link #sync} may be called by
 * many threads at once: one of them fsyncs for everything appended so far and the others wait for
 * it, so concurrent writers share fsyncs.
 */
public final class WalWriter implements Closeable {
  private final Path dir;
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition synced = syncLock.newCondition();
  private final BytesOut frame = new BytesOut(1 << 16);
  private FileChannel channel;
  private Path file;
  private long fileFirstSeq;
  private volatile long appendedSeq;
  private long syncedSeq;
  private boolean syncing;
  private IOException syncFailure;

  private WalWriter(Path dir, long lastSeq) {
    this.dir = dir;
    this.appendedSeq = lastSeq;
    this.syncedSeq = lastSeq;
  }

  /**
   * Opens a new log file in {@code dir} whose first record will have sequence {@code lastSeq + 1}.
   */
  public static WalWriter open(Path dir, long lastSeq) throws IOException {
    WalWriter w = new WalWriter(dir, lastSeq);
    w.startFile(lastSeq + 1);
    return w;
  }

  /**
   * Creates the log file for records from {@code firstSeq}: the header is written and fsynced under
   * a temporary name, then the file is renamed, so a log file under its real name always has a
   * whole header and an empty or short one can only be damage.
   */
  private void startFile(long firstSeq) throws IOException {
    Path p = dir.resolve(WalFormat.fileName(firstSeq));
    Path tmp = dir.resolve(WalFormat.fileName(firstSeq) + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BytesOut h = new BytesOut(64);
      h.writeInt(FileFormat.HEADER_MAGIC);
      byte[] name = WalFormat.NAME.getBytes(StandardCharsets.US_ASCII);
      h.writeByte(name.length);
      h.writeBytes(name, 0, name.length);
      h.writeInt(WalFormat.VERSION);
      h.writeLong(firstSeq);
      CRC32C crc = new CRC32C();
      crc.update(h.array(), 0, h.size());
      h.writeInt((int) crc.getValue());
      writeFully(ch, h.array(), h.size());
      ch.force(true);
    }
    if (Files.exists(p)) {
      Files.delete(tmp);
      throw new FileAlreadyExistsException(p.toString());
    }
    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
    FileUtil.fsyncDirectory(dir);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
    ch.position(ch.size());
    this.channel = ch;
    this.file = p;
    this.fileFirstSeq = firstSeq;
  }

  /** The file records are appended to. */
  public Path currentFile() {
    return file;
  }

  /** The sequence number of the last appended record. */
  public long appendedSeq() {
    return appendedSeq;
  }

  /**
   * Appends one write call's records (consecutive sequence numbers) without syncing. On failure the
   * file is cut back to where it was, so a failed call leaves no trace.
   */
  public void append(List<WalRecord> records, BoundSchema schema) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    frame.reset();
    for (int i = 0; i < records.size(); i++) {
      encode(records.get(i), i == records.size() - 1, schema);
    }
    long before = channel.position();
    try {
      Failpoints.hit("wal.append");
      writeFully(channel, frame.array(), frame.size());
    } catch (IOException e) {
      try {
        channel.truncate(before);
        channel.position(before);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    appendedSeq = records.getLast().seq();
  }

  private void encode(WalRecord r, boolean last, BoundSchema schema) {
    int start = frame.size();
    frame.writeInt(0);
    frame.writeInt(0);
    int payload = frame.size();
    switch (r) {
      case WalRecord.Put p -> {
        frame.writeByte(WalFormat.TYPE_PUT);
        frame.writeByte(last ? WalFormat.FLAG_LAST : 0);
        frame.writeLong(p.seq());
        DocumentCodec.encode(p.document(), schema, frame);
      }
      case WalRecord.Delete d -> {
        frame.writeByte(WalFormat.TYPE_DELETE);
        frame.writeByte(last ? WalFormat.FLAG_LAST : 0);
        frame.writeLong(d.seq());
        frame.writeString(d.id());
      }
    }
    int length = frame.size() - payload;
    frame.setInt(start, length);
    CRC32C crc = new CRC32C();
    crc.update(frame.array(), start, 4);
    crc.update(frame.array(), payload, length);
    frame.setInt(start + 4, (int) crc.getValue());
  }

  /**
   * Returns once every record up to {@code seq} is on stable storage. Threads arriving while an
   * fsync runs wait for it and, if it did not cover them, one of them runs the next.
   */
  public void sync(long seq) throws IOException {
    syncLock.lock();
    try {
      while (syncedSeq < seq) {
        if (syncFailure != null) {
          throw new IOException("log fsync failed earlier", syncFailure);
        }
        if (syncing) {
          synced.awaitUninterruptibly();
          continue;
        }
        syncing = true;
        long target = appendedSeq;
        FileChannel ch = channel;
        syncLock.unlock();
        IOException failure = null;
        try {
          Failpoints.hit("wal.sync");
          ch.force(false);
        } catch (IOException e) {
          failure = e;
        } finally {
          syncLock.lock();
          syncing = false;
          if (failure == null) {
            syncedSeq = Math.max(syncedSeq, target);
          } else {
            syncFailure = failure;
          }
          synced.signalAll();
        }
        if (failure != null) {
          throw failure;
        }
      }
    } finally {
      syncLock.unlock();
    }
  }

  /** Fsyncs everything appended so far. */
  public void syncAll() throws IOException {
    sync(appendedSeq);
  }

  /**
   * Makes the current file durable and starts a new one for records after {@link #appendedSeq()}.
   * Called under the writer lock, so no append runs meanwhile. A current file with no record yet is
   * kept: everything appended so far already sits in older files.
   */
  public void rotate() throws IOException {
    if (appendedSeq < fileFirstSeq) {
      return;
    }
    syncAll();
    syncLock.lock();
    try {
      while (syncing) {
        synced.awaitUninterruptibly();
      }
      FileChannel old = channel;
      startFile(appendedSeq + 1);
      old.close();
    } finally {
      syncLock.unlock();
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes, int length) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(bytes, 0, length);
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
  }

  @Override
  public void close() throws IOException {
    syncLock.lock();
    try {
      while (syncing) {
        synced.awaitUninterruptibly();
      }
      channel.close();
    } finally {
      syncLock.unlock();
    }
  }
}
