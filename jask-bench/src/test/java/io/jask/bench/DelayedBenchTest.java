package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code jask bench delayed}, run in-process at 1% size: the lines it prints, not its timings. */
class DelayedBenchTest {
  @Test
  void printsOneResultLinePerWorkloadAndScheduler() {
    JaskRun run = JaskRun.of("bench", "delayed", "--size-scale", "0.01", "--repeat", "1", "--warmup", "0", "--no-dask");

    assertThat(run.status()).as(run.err()).isZero();
    List<String> results = run.lines("RESULT");
    assertThat(run.out().split("\\R")).hasSameSizeAs(results.toArray()); // nothing else on stdout
    assertThat(results).hasSize(4);
    List<Map<String, String>> fields = results.stream().map(DaskScript::fields).toList();
    assertThat(fields).extracting(f -> f.get("name") + " " + f.get("scheduler") + " " + f.get("tasks"))
        .containsExactly(
            "delayed_tree_100k sync 1999",
            "delayed_tree_100k threads 1999",
            "delayed_chain_10k sync 100",
            "delayed_chain_10k threads 100");
    for (Map<String, String> f : fields) {
      double us = Double.parseDouble(f.get("us_per_task"));
      double buildUs = Double.parseDouble(f.get("build_us_per_task"));
      assertThat(Double.parseDouble(f.get("seconds"))).isNotNegative();
      assertThat(Double.parseDouble(f.get("build_s"))).isNotNegative();
      assertThat(us).isNotNegative();
      assertThat(buildUs).isNotNegative();
      assertThat(Double.parseDouble(f.get("total_us_per_task"))).isCloseTo(us + buildUs, org.assertj.core.data.Offset.offset(0.0015));
    }
  }

  @Test
  void aMissingPythonGivesANoteAndStillSucceeds() {
    JaskRun run = JaskRun.of("bench", "delayed", "--size-scale", "0.001", "--repeat", "1", "--warmup", "0",
        "--python", "/nonexistent/python3");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.lines("RESULT")).hasSize(4);
    assertThat(run.lines("NOTE")).containsExactly("NOTE dask not found (install python3-dask to compare)");
    assertThat(run.lines("RATIO")).isEmpty();
  }

  @Test
  void rejectsANonPositiveScale() {
    JaskRun run = JaskRun.of("bench", "delayed", "--size-scale", "0", "--no-dask");

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--size-scale must be a positive number");
    assertThat(run.lines("RESULT")).isEmpty();
  }

  @Test
  void benchAloneListsItsWorkloads() {
    JaskRun run = JaskRun.of("bench");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("delayed");
  }
}
