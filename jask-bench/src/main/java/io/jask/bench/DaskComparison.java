package io.jask.bench;

import static io.jask.bench.DaskScript.field;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private final DaskScript script;

  /** A comparison run with {@code python}, reporting progress and Python's messages to {@code log}. */
  DaskComparison(String python, PrintWriter log) {
    this.script = new DaskScript(python, log);
  }

  /** Whether {@code python -c "import dask"} succeeds. */
  boolean available() {
    return script.canImport("dask");
  }

  /**
   * Runs every workload at its size on {@code dask-threads} and {@code dask-sync}, and returns
   * the median of each.
   *
   * @throws IllegalStateException if the script fails (a wrong result among others), or reports
   *     a task count other than Jask's for the same workload
   */
  List<BenchResult> run(Map<DelayedWorkload, Integer> sizes, int repeat, int warmup) {
    List<String> arguments = new ArrayList<>(List.of(
        "--repeat", Integer.toString(repeat), "--warmup", Integer.toString(warmup)));
    for (DelayedWorkload w : DelayedWorkload.values()) {
      arguments.add("--" + w.kind());
      arguments.add(Integer.toString(sizes.get(w)));
    }
    return medians(script.samples(SCRIPT, arguments), sizes);
  }

  private static List<BenchResult> medians(List<Map<String, String>> samples, Map<DelayedWorkload, Integer> sizes) {
    List<BenchResult> results = new ArrayList<>();
    for (List<Map<String, String>> group : DaskScript.groups(samples, "kind", "scheduler")) {
      Map<String, String> first = group.get(0);
      DelayedWorkload workload = DelayedWorkload.ofKind(field(first, "kind"));
      int tasks = Integer.parseInt(field(first, "tasks"));
      int expectedTasks = workload.tasks(sizes.get(workload));
      if (tasks != expectedTasks) {
        throw new IllegalStateException("Dask's " + workload.reportName() + " has " + tasks
            + " tasks, Jask's " + expectedTasks + ": the two do not run the same graph");
      }
      results.add(BenchResult.ofMedians(workload.reportName(), field(first, "scheduler"), tasks,
          DaskScript.values(group, "seconds"), DaskScript.values(group, "build_s")));
    }
    if (results.size() != 2 * DelayedWorkload.values().length) {
      throw new IllegalStateException("the Dask script reported " + results.size()
          + " workload/scheduler pairs, expected " + 2 * DelayedWorkload.values().length);
    }
    return results;
  }
}
