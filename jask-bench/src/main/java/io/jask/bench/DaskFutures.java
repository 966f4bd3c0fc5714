package io.jask.bench;

import static io.jask.bench.DaskScript.field;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private final DaskScript script;

  /** A run with {@code python}, passing Python's messages on to {@code log}. */
  DaskFutures(String python, PrintWriter log) {
    this.script = new DaskScript(python, log);
  }

  /** Whether {@code python -c "import dask.distributed"} succeeds. */
  boolean available() {
    return script.canImport("dask.distributed");
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
    List<String> arguments = new ArrayList<>(List.of("--tasks", Integer.toString(tasks),
        "--roundtrips", Integer.toString(roundtrips), "--repeat", Integer.toString(repeat)));
    for (String cluster : clusters) {
      arguments.add("--cluster");
      arguments.add(cluster);
    }
    List<Figure> figures = medians(script.samples(SCRIPT, arguments));
    if (figures.size() != 3 * clusters.size()) {
      throw new IllegalStateException("the Dask script reported " + figures.size()
          + " workload/cluster pairs, expected " + 3 * clusters.size());
    }
    return figures;
  }

  /** The median of each workload and cluster's samples. */
  static List<Figure> medians(List<Map<String, String>> samples) {
    List<Figure> figures = new ArrayList<>();
    for (List<Map<String, String>> group : DaskScript.groups(samples, "name", "cluster")) {
      Map<String, String> first = group.get(0);
      String value = first.containsKey("median_ms") ? "median_ms" : "seconds";
      figures.add(new Figure(field(first, "name"), field(first, "cluster"),
          Integer.parseInt(field(first, "tasks")), Timing.median(DaskScript.values(group, value))));
    }
    return figures;
  }

}
