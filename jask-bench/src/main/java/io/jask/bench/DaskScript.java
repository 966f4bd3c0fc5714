package io.jask.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python script shipped in the jar that measures workloads on Dask: written to a temporary file
 * for the run and deleted afterwards, run by an interpreter that has Dask, and read back from its
 * {@code SAMPLE} lines, one per measured round ({@code SAMPLE name=… seconds=…}); its other output
 * goes to the log.
 */
final class DaskScript {
  private final String python;
  private final PrintWriter log;

  /** Scripts run with {@code python}, reporting Python's messages to {@code log}. */
  DaskScript(String python, PrintWriter log) {
    this.python = python;
    this.log = log;
  }

  /** Whether {@code python -c "import module"} succeeds. */
  boolean canImport(String module) {
    try {
      Process p = process(List.of(python, "-c", "import " + module))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no such interpreter
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs the script {@code resource} (next to this class in the jar) with {@code arguments}.
   *
   * @return the fields of each {@code SAMPLE} line, in order
   * @throws IllegalStateException if the script fails (a wrong result among others), with its
   *     other output in the message
   */
  List<Map<String, String>> samples(String resource, List<String> arguments) {
    Path script = extract(resource);
    try {
      List<String> command = new ArrayList<>(List.of(python, script.toString()));
      command.addAll(arguments);
      return run(command);
    } finally {
      deleteScript(script);
    }
  }

  /**
   * Starts the script {@code resource} with {@code arguments} as a session that runs one workload
   * per line it is sent ({@link Session#sample}), so that its runs can alternate with Jask's. The
   * script prints {@code READY} once it is set up; this returns then.
   */
  Session session(String resource, List<String> arguments) {
    Path script = extract(resource);
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(arguments);
    try {
      Session session = new Session(script, process(command).start());
      session.await("READY");
      return session;
    } catch (IOException e) {
      deleteScript(script);
      throw new UncheckedIOException("could not start " + python, e);
    } catch (RuntimeException e) {
      deleteScript(script);
      throw e;
    }
  }

  /** A running script that measures one workload per request; closing it ends its input and waits for it. */
  final class Session implements AutoCloseable {
    private final Path script;
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final List<String> other = new ArrayList<>();

    private Session(Path script, Process process) {
      this.script = script;
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Runs {@code workload} once in the script; the fields of its {@code SAMPLE} line. */
    Map<String, String> sample(String workload) {
      in.println(workload);
      return fields(await("SAMPLE "));
    }

    /** The next line that starts with {@code prefix}; the lines before it go to the log. */
    private String await(String prefix) {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith(prefix)) {
            return line;
          }
          other.add(line);
          log.println("  [dask] " + line);
          log.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the Dask script's output", e);
      }
      throw new IllegalStateException("the Dask script ended before printing " + prefix.trim()
          + (other.isEmpty() ? "" : ": " + String.join(" | ", other)));
    }

    @Override
    public void close() {
      in.close();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      } finally {
        deleteScript(script);
      }
    }
  }

  private void deleteScript(Path script) {
    try {
      Files.deleteIfExists(script);
    } catch (IOException e) {
      log.println("jask bench: could not delete " + script + ": " + e.getMessage());
    }
  }

  /** Debian's OpenBLAS settings of this kind of machine slow NumPy down; Dask runs without them. */
  private static ProcessBuilder process(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("OPENBLAS_L2_SIZE");
    return pb;
  }

  private static Path extract(String resource) {
    try (InputStream in = DaskScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      Path file = Files.createTempFile("jask-bench-dask-", ".py");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Dask script to a temporary file", e);
    }
  }

  private List<Map<String, String>> run(List<String> command) {
    Process process;
    try {
      process = process(command).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + python, e);
    }
    List<Map<String, String>> samples = new ArrayList<>();
    List<String> other = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("SAMPLE ")) {
          samples.add(fields(line));
        } else {
          other.add(line);
          log.println("  [dask] " + line);
          log.flush();
        }
      }
      int status = process.waitFor();
      if (status != 0) {
        throw new IllegalStateException("the Dask script failed with exit status " + status
            + (other.isEmpty() ? "" : ": " + String.join(" | ", other)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Dask script's output", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Dask ran", e);
    }
    return samples;
  }

  /** {@code SAMPLE a=1 b=2} as {@code {a=1, b=2}}. */
  static Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String part : line.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  /** A field every {@code SAMPLE} line must have. */
  static String field(Map<String, String> sample, String name) {
    String value = sample.get(name);
    if (value == null) {
      throw new IllegalStateException("a SAMPLE line from the Dask script has no " + name + ": " + sample);
    }
    return value;
  }

  /** {@code samples} grouped by their values of the fields {@code keys}, groups in order of first appearance. */
  static List<List<Map<String, String>>> groups(List<Map<String, String>> samples, String... keys) {
    Map<List<String>, List<Map<String, String>>> groups = new LinkedHashMap<>();
    for (Map<String, String> sample : samples) {
      List<String> key = new ArrayList<>(keys.length);
      for (String k : keys) {
        key.add(field(sample, k));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
    }
    return new ArrayList<>(groups.values());
  }

  /** The numeric field {@code name} of every sample in {@code group}, in order. */
  static double[] values(List<Map<String, String>> group, String name) {
    double[] values = new double[group.size()];
    for (int i = 0; i < group.size(); i++) {
      values[i] = Double.parseDouble(field(group.get(i), name));
    }
    return values;
  }
}
