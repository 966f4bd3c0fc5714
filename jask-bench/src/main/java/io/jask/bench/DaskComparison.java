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
 * Runs the {@code jask bench delayed} workloads on Dask, through a Python interpreter that has
 * it: the script {@code dask_delayed.py}, shipped in the jar, is written to a temporary file for
 * the run and deleted afterwards. The script prints one {@code SAMPLE} line per measured round;
 * the medians are taken here, as for Jask's own runs.
 */
final class DaskComparison {
  /** Debian's interpreter, where {@code apt install python3-dask} puts Dask. */
  static final String DEFAULT_PYTHON = "/usr/bin/python3";

  private static final String SCRIPT = "dask_delayed.py";

  private final String python;
  private final PrintWriter log;

  /** A comparison run with {@code python}, reporting progress and Python's messages to {@code log}. */
  DaskComparison(String python, PrintWriter log) {
    this.python = python;
    this.log = log;
  }

  /** Whether {@code python -c "import dask"} succeeds. */
  boolean available() {
    try {
      Process p = new ProcessBuilder(python, "-c", "import dask")
          .redirectErrorStream(true)
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
   * Runs every workload at its size on {@code dask-threads} and {@code dask-sync}, and returns
   * the median of each.
   *
   * @throws IllegalStateException if the script fails (a wrong result among others), or reports
   *     a task count other than Jask's for the same workload
   */
  List<BenchResult> run(Map<DelayedWorkload, Integer> sizes, int repeat, int warmup) {
    Path script = extractScript();
    try {
      List<String> command = new ArrayList<>(List.of(python, script.toString(),
          "--repeat", Integer.toString(repeat), "--warmup", Integer.toString(warmup)));
      for (DelayedWorkload w : DelayedWorkload.values()) {
        command.add("--" + w.kind());
        command.add(Integer.toString(sizes.get(w)));
      }
      return medians(runScript(command), sizes);
    } finally {
      try {
        Files.deleteIfExists(script);
      } catch (IOException e) {
        log.println("jask bench: could not delete " + script + ": " + e.getMessage());
      }
    }
  }

  private static Path extractScript() {
    try (InputStream in = DaskComparison.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the jar");
      }
      Path file = Files.createTempFile("jask-bench-dask-", ".py");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Dask script to a temporary file", e);
    }
  }

  /** Runs the script; returns its SAMPLE lines' fields, passing its other output to the log. */
  private List<Map<String, String>> runScript(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

  private static List<BenchResult> medians(List<Map<String, String>> samples, Map<DelayedWorkload, Integer> sizes) {
    Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
    for (Map<String, String> s : samples) {
      groups.computeIfAbsent(field(s, "kind") + " " + field(s, "scheduler"), k -> new ArrayList<>()).add(s);
    }
    List<BenchResult> results = new ArrayList<>();
    for (List<Map<String, String>> group : groups.values()) {
      Map<String, String> first = group.get(0);
      DelayedWorkload workload = DelayedWorkload.ofKind(field(first, "kind"));
      int tasks = Integer.parseInt(field(first, "tasks"));
      int expectedTasks = workload.tasks(sizes.get(workload));
      if (tasks != expectedTasks) {
        throw new IllegalStateException("Dask's " + workload.reportName() + " has " + tasks
            + " tasks, Jask's " + expectedTasks + ": the two do not run the same graph");
      }
      double[] seconds = new double[group.size()];
      double[] build = new double[group.size()];
      for (int i = 0; i < group.size(); i++) {
        seconds[i] = Double.parseDouble(field(group.get(i), "seconds"));
        build[i] = Double.parseDouble(field(group.get(i), "build_s"));
      }
      results.add(BenchResult.ofMedians(workload.reportName(), field(first, "scheduler"), tasks, seconds, build));
    }
    if (results.size() != 2 * DelayedWorkload.values().length) {
      throw new IllegalStateException("the Dask script reported " + results.size()
          + " workload/scheduler pairs, expected " + 2 * DelayedWorkload.values().length);
    }
    return results;
  }

  private static String field(Map<String, String> sample, String name) {
    String value = sample.get(name);
    if (value == null) {
      throw new IllegalStateException("a SAMPLE line from the Dask script has no " + name + ": " + sample);
    }
    return value;
  }
}
