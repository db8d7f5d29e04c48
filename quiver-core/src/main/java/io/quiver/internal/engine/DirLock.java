package io.quiver.internal.engine;

import io.quiver.ConflictException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The writer lock of a collection: an OS file lock on {@code LOCK}, held while a read-write handle
 * is open, so that one process (and one handle in it) writes at a time. The file holds the holder's
 * process id for the error message; the OS releases the lock if the process dies.
 */
final class DirLock implements AutoCloseable {
  static final String FILE = "LOCK";

  private final FileChannel channel;
  private final FileLock lock;

  private DirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the collection in {@code dir}.
   *
   * @throws ConflictException naming the lock file (and the holder's pid) if it is held
   */
  static DirLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      ch.close();
      throw new ConflictException(
          "collection "
              + dir
              + " is already open for writing in this process (lock file "
              + file
              + ")");
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(file);
      ch.close();
      throw new ConflictException(
          "collection "
              + dir
              + " is open for writing by another process"
              + holder
              + " (lock file "
              + file
              + "); open it read-only or close the other writer");
    }
    byte[] pid =
        ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(pid), 0);
    return new DirLock(ch, lock);
  }

  private static String holder(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return s.isEmpty() ? "" : " (" + s + ")";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
