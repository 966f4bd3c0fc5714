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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code jask bench futures} workloads on Dask's distributed scheduler through a Python
 * interpreter that has it: the script {@code dask_futures.py}, shipped in the jar, is written to a
 * temporary file for the run and deleted afterwards. The script prints one {@code SAMPLE} line per
 * measured round (and one median per round-trip run); the medians are taken here.
 */
final class DaskFutures {
  private static final String SCRIPT = "dask_futures.py";

  /** A median: seconds per round of {@code tasks} tasks, or a round trip's milliseconds. */
  record Figure(String name, String cluster, int tasks, double value) {
    /** Tasks per second, for the submit and map workloads. */
    double tasksPerSecond() {
      return tasks / value;
    }
  }

  private final String python;
  private final PrintWriter log;

  /** A run with {@code python}, passing Python's messages on to {@code log}. */
  DaskFutures(String python, PrintWriter log) {
    this.python = python;
    this.log = log;
  }

  /** Whether {@code python -c "import dask.distributed"} succeeds. */
  boolean available() {
    try {
      Process p = pythonProcess(List.of(python, "-c", "import dask.distributed"))
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
   * Runs the workloads on each of {@code clusters} ({@code dask-inproc}, {@code dask-2proc}): one
   * warm-up round, then {@code repeat} measured ones.
   *
   * @return per workload and cluster, the median seconds of a round of {@code tasks} tasks
   *     ({@code futures_submit}, {@code futures_map}), or the median round trip in milliseconds
   *     ({@code futures_roundtrip})
   * @throws IllegalStateException if the script fails (a wrong result among others) or reports
   *     less than asked
   */
  List<Figure> run(List<String> clusters, int tasks, int roundtrips, int repeat) {
    List<String> command = new ArrayList<>(List.of(python, "", "--tasks", Integer.toString(tasks),
        "--roundtrips", Integer.toString(roundtrips), "--repeat", Integer.toString(repeat)));
    for (String cluster : clusters) {
      command.add("--cluster");
      command.add(cluster);
    }
    Path script = extractScript();
    try {
      command.set(1, script.toString());
      List<Figure> figures = medians(runScript(command));
      if (figures.size() != 3 * clusters.size()) {
        throw new IllegalStateException("the Dask script reported " + figures.size()
            + " workload/cluster pairs, expected " + 3 * clusters.size());
      }
      return figures;
    } finally {
      try {
        Files.deleteIfExists(script);
      } catch (IOException e) {
        log.println("jask bench: could not delete " + script + ": " + e.getMessage());
      }
    }
  }

  /** Debian's OpenBLAS settings of this kind of machine slow NumPy down; Dask runs without them. */
  private static ProcessBuilder pythonProcess(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("OPENBLAS_L2_SIZE");
    return pb;
  }

  private static Path extractScript() {
    try (InputStream in = DaskFutures.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the jar");
      }
      Path file = Files.createTempFile("jask-bench-dask-futures-", ".py");
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
      process = pythonProcess(command).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + python, e);
    }
    List<Map<String, String>> samples = new ArrayList<>();
    List<String> other = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("SAMPLE ")) {
          samples.add(DaskComparison.fields(line));
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

  /** The median of each workload and cluster's samples. */
  static List<Figure> medians(List<Map<String, String>> samples) {
    Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
    for (Map<String, String> s : samples) {
      groups.computeIfAbsent(field(s, "name") + " " + field(s, "cluster"), k -> new ArrayList<>()).add(s);
    }
    List<Figure> figures = new ArrayList<>();
    for (List<Map<String, String>> group : groups.values()) {
      Map<String, String> first = group.get(0);
      String value = first.containsKey("median_ms") ? "median_ms" : "seconds";
      double[] values = new double[group.size()];
      for (int i = 0; i < group.size(); i++) {
        values[i] = Double.parseDouble(field(group.get(i), value));
      }
      figures.add(new Figure(field(first, "name"), field(first, "cluster"),
          Integer.parseInt(field(first, "tasks")), Timing.median(values)));
    }
    return figures;
  }

  private static String field(Map<String, String> sample, String name) {
    String value = sample.get(name);
    if (value == null) {
      throw new IllegalStateException("a SAMPLE line from the Dask script has no " + name + ": " + sample);
    }
    return value;
  }
}
