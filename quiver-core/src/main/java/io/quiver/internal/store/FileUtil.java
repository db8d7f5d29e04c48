package io.quiver.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system steps of the commit protocol that the JDK does not offer directly. */
public final class FileUtil {
  private FileUtil() {}

  /**
   * Fsyncs a directory, so that file creations, renames and deletions in it survive a power loss.
   * Some platforms cannot open a directory for syncing; there the step is skipped, as SQLite and
   * Lucene do.
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    Failpoints.hit("dir.fsync");
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
        throw e;
      }
    }
  }

  /** Deletes a file if it exists; returns whether it did. */
  public static boolean deleteIfExists(Path file) throws IOException {
    try {
      return Files.deleteIfExists(file);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes a directory and everything in it. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
