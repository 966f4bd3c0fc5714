package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code jask bench futures}, run in-process at a tiny size: the lines it prints, not its timings. */
class FuturesBenchTest {
  @Test
  void printsTheLoadThenOneResultLinePerWorkload() {
    JaskRun run = JaskRun.of("bench", "futures", "--cluster", "dist-inproc", "--tasks", "50", "--roundtrips", "5",
        "--repeat", "1", "--warmup", "1");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.fields("NOTE")).singleElement().satisfies(note -> {
      assertThat(note).containsKey("load_average").containsEntry("warmup_rounds", "1").containsEntry("measured_rounds", "1");
    });
    List<Map<String, String>> results = run.fields("RESULT");
    assertThat(results).extracting(f -> f.get("name") + " " + f.get("scheduler") + " " + f.get("tasks"))
        .containsExactly("futures_submit_50 dist-inproc 50", "futures_map_50 dist-inproc 50", "futures_roundtrip dist-inproc 5");
    assertThat(Double.parseDouble(results.get(0).get("tasks_per_s"))).isPositive();
    assertThat(Double.parseDouble(results.get(2).get("median_ms"))).isPositive();
    assertThat(run.fields("RATIO")).isEmpty();
  }

  @Test
  @Tag("slow")
  void withDaskPrintsDasksFiguresAndTheRatios() {
    assumeThat(new DaskFutures(DaskComparison.DEFAULT_PYTHON, new PrintWriter(new StringWriter())).available())
        .as("python3-distributed is installed").isTrue();

    JaskRun run = JaskRun.of("bench", "futures", "--cluster", "dist-inproc", "--tasks", "40", "--roundtrips", "4",
        "--repeat", "1", "--warmup", "0", "--dask", "--dask-tasks", "20", "--dask-roundtrips", "3");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.fields("RESULT")).extracting(f -> f.get("name") + " " + f.get("scheduler") + " " + f.get("tasks"))
        .containsExactly("futures_submit_40 dist-inproc 40", "futures_map_40 dist-inproc 40",
            "futures_roundtrip dist-inproc 4", "futures_submit_20 dask-inproc 20", "futures_map_20 dask-inproc 20",
            "futures_roundtrip dask-inproc 3");
    List<Map<String, String>> ratios = run.fields("RATIO");
    assertThat(ratios).extracting(f -> f.get("name") + " " + f.get("jask") + " " + f.get("dask"))
        .containsExactly("futures_submit dist-inproc dask-inproc", "futures_map dist-inproc dask-inproc",
            "futures_roundtrip dist-inproc dask-inproc");
    for (Map<String, String> ratio : ratios.subList(0, 2)) {
      double expected = Double.parseDouble(ratio.get("jask_tasks_per_s")) / Double.parseDouble(ratio.get("dask_tasks_per_s"));
      assertThat(Double.parseDouble(ratio.get("throughput_ratio"))).isCloseTo(expected, within(expected));
    }
    Map<String, String> latency = ratios.get(2);
    double expected = Double.parseDouble(latency.get("dask_ms")) / Double.parseDouble(latency.get("jask_ms"));
    assertThat(Double.parseDouble(latency.get("latency_ratio"))).isCloseTo(expected, within(expected));
    assertThat(run.out()).contains("NOTE Dask runs 20 tasks per round and 3 round trips (Jask: 40 and 4)");
  }

  /** The rounding of figures printed to whole tasks per second and microseconds, and of the ratio. */
  private static org.assertj.core.data.Offset<Double> within(double ratio) {
    return org.assertj.core.data.Offset.offset(0.0006 + 0.01 * ratio);
  }

  @Test
  void rejectsAnUnknownCluster() {
    JaskRun run = JaskRun.of("bench", "futures", "--cluster", "dist-3proc");

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--cluster must be dist-inproc or dist-2proc, got dist-3proc");
  }

  @Test
  void rejectsANegativeWarmup() {
    JaskRun run = JaskRun.of("bench", "futures", "--warmup", "-1");

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--warmup must be 0 or more, got -1");
  }

  @Test
  void daskWithoutAnInterpreterIsRefusedBeforeAnythingRuns() {
    JaskRun run = JaskRun.of("bench", "futures", "--dask", "--python", "/nonexistent/python3");

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--dask needs a Python with dask.distributed: /nonexistent/python3 has none");
    assertThat(run.out()).isEmpty();
  }
}
