package io.jask.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dask's scheduler file: a small JSON file, {@code {"address": "tcp://10.0.0.5:8786"}}, that a
 * scheduler writes once it listens and workers and clients read to find it, handy on a shared file
 * system where the scheduler's host and port are not known in advance. It holds no secret.
 */
final class SchedulerFile {
  private static final Pattern ADDRESS = Pattern.compile("\"address\"\\s*:\\s*\"([^\"]+)\"");

  private SchedulerFile() {}

  /** Writes {@code address} to {@code file}, atomically, so a reader never sees half of it. */
  static void write(Path file, String address) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.writeString(partial, "{\"address\": \"" + address + "\"}\n", StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scheduler file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The scheduler's address in {@code file}.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or has no address
   */
  static String read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the scheduler file " + file + ": " + e.getMessage(), e);
    }
    Matcher m = ADDRESS.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("the scheduler file " + file + " holds no \"address\"");
    }
    return m.group(1);
  }
}
