package io.jask.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.deploy.ScratchDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A batch cluster's own directory on this machine: its token file (readable by its owner only)
 * and job scripts, deleted with everything in it when the cluster closes. Jobs on other nodes
 * read the token from here, so on a real cluster it must be on a file system they share.
 */
final class ClusterFiles {
  private final ScratchDirectory directory;

  private ClusterFiles(ScratchDirectory directory) {
    this.directory = directory;
  }

  /** A fresh directory, rwx for its owner only, inside {@code parent} (the temporary directory if null). */
  static ClusterFiles create(Path parent) {
    return new ClusterFiles(ScratchDirectory.create(parent));
  }

  Path path() {
    return directory.path();
  }

  /** Writes the token to a file only its owner can read, and returns the file. */
  Path writeToken(AuthToken token) {
    Path file = path().resolve("token");
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
    directory.delete();
  }
}
