package io.jask.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deleting the files a command wrote for the length of its run. */
final class Cleanup {
  private Cleanup() {}

  /** Deletes {@code file} if it exists; a file that cannot be deleted is left, and nothing fails. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("jask: could not delete " + file + ": " + e.getMessage());
    }
  }
}
