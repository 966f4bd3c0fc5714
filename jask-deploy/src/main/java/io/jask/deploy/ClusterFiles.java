package io.jask.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A batch cluster's own directory on this machine: its token file (readable by its owner only)
 * and job scripts, deleted with everything in it when the cluster closes. Jobs on other nodes
 * read the token from here, so on a real cluster it must be on a file system they share.
 */
final class ClusterFiles {
  private final Path path;

  private ClusterFiles(Path path) {
    this.path = path;
  }

  /** A fresh directory, rwx for its owner only, inside {@code parent} (the temporary directory if null). */
  static ClusterFiles create(Path parent) {
    try {
      Path dir = parent == null
          ? Files.createTempDirectory("jask-cluster-")
          : Files.createTempDirectory(Files.createDirectories(parent), "jask-cluster-");
      return new ClusterFiles(dir);
    } catch (IOException e) {
      throw new JaskException("cannot create a directory for the cluster's files"
          + (parent == null ? "" : " in " + parent) + ": " + e, e);
    }
  }

  Path path() {
    return path;
  }

  /** Writes the token to a file only its owner can read, and returns the file. */
  Path writeToken(AuthToken token) {
    Path file = path.resolve("token");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token.value() + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new JaskException("cannot write the token file " + file + ": " + e, e);
    }
  }

  /** Deletes the directory and everything in it; what is already gone is no error. */
  void delete() throws IOException {
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
