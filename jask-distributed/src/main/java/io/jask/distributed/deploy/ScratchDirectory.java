package io.jask.distributed.deploy;

import io.jask.core.JaskException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A cluster's own temporary directory (workers' log files, a launcher's token file and job
 * scripts), readable by its owner only, and deleted with everything in it when the cluster closes.
 */
public final class ScratchDirectory {
  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh directory inside {@code parent}, or inside the system's temporary directory
   * when {@code parent} is null.
   */
  public static ScratchDirectory create(Path parent) {
    try {
      // createTempDirectory makes it rwx------ on POSIX systems: worker logs are nobody else's.
      Path dir = parent == null
          ? Files.createTempDirectory("jask-cluster-")
          : Files.createTempDirectory(Files.createDirectories(parent), "jask-cluster-");
      return new ScratchDirectory(dir);
    } catch (IOException e) {
      throw new JaskException("cannot create a directory for the cluster's files"
          + (parent == null ? "" : " in " + parent) + ": " + e, e);
    }
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** Where worker {@code name} writes its output. */
  public Path logFile(String name) {
    return path.resolve(name + ".log");
  }

  /** Deletes the directory and everything in it; what is already gone is no error. */
  public void delete() throws IOException {
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException gone) {
      // deleted already
    }
  }
}
