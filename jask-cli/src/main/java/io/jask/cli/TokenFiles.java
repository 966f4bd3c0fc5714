package io.jask.cli;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.worker.WorkerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the {@code jask} commands find the cluster's token: a file, or the environment variable
 * {@code JASK_TOKEN}. Never a command-line value, which every user of the machine can read.
 */
final class TokenFiles {
  private TokenFiles() {}

  /**
   * The scheduler's token: read from {@code file} if it exists, else made and written there
   * (readable by its owner only); without a file, from {@code JASK_TOKEN}; else made and shown
   * once on {@code err}, for the user to hand to workers and clients.
   */
  static AuthToken forScheduler(Path file, Map<String, String> env, PrintStream err) {
    if (file != null) {
      if (Files.exists(file)) {
        return read(file);
      }
      AuthToken token = AuthToken.generate();
      write(file, token);
      err.println("jask scheduler: wrote a new token to " + file);
      return token;
    }
    String value = env.get(WorkerMain.TOKEN_VARIABLE);
    if (value != null && !value.isBlank()) {
      return AuthToken.of(value.strip());
    }
    AuthToken token = AuthToken.generate();
    err.println("jask scheduler: workers and clients need this token (shown once; use --token-file to keep it"
        + " in a file instead):");
    err.println("  export " + WorkerMain.TOKEN_VARIABLE + "=" + token.value());
    return token;
  }

  /**
   * A worker's or client's token: from {@code file} when given, else from {@code JASK_TOKEN}.
   *
   * @throws IllegalArgumentException if neither holds one
   */
  static AuthToken forWorker(Path file, Map<String, String> env) {
    if (file != null) {
      return read(file);
    }
    String value = env.get(WorkerMain.TOKEN_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("no token: pass --token-file, or set " + WorkerMain.TOKEN_VARIABLE);
    }
    return AuthToken.of(value.strip());
  }

  /**
   * The token in {@code file}.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or holds no token
   */
  static AuthToken read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the token file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the token file " + file + " is empty");
    }
    return AuthToken.of(text);
  }

  /** Writes {@code token} to a new file that only its owner can read. */
  static void write(Path file, AuthToken token) {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, token.value() + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("the token file " + file + " appeared while Jask was creating it", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token file " + file + ": " + e.getMessage(), e);
    }
  }
}
