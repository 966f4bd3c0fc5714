package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code jask bench array} at a tiny scale: the lines it prints, not its timings. */
class ArrayBenchTest {
  @Test
  void warmUpBoundsThatContradictEachOtherAreRefused() {
    JaskRun run = JaskRun.of("bench", "array", "--scale", "0.01", "--warmup", "3", "--max-warmup", "2");
    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--warmup").contains("--max-warmup");
  }

  @Test
  void aThreadCountBelowOneIsRefused() {
    JaskRun run = JaskRun.of("bench", "array", "--scale", "0.01", "--threads", "0");
    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--threads must be at least 1, got 0");
  }

  @Test
  void runsOnTheThreadsItIsGiven() {
    JaskRun run = JaskRun.of("bench", "array", "--scale", "0.01", "--repeat", "1", "--threads", "1", "--schedulers",
        "threads");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("threads=1");
    assertThat(run.fields("RESULT")).filteredOn(f -> f.get("name").equals("membw_all"))
        .extracting(f -> f.get("threads")).containsExactly("1");
  }

  @Test
  void printsTheSpecifiedResultLines() {
    JaskRun run = JaskRun.of("bench", "array", "--scale", "0.01", "--repeat", "1");
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> results = run.fields("RESULT");
    assertThat(results).extracting(f -> f.get("name") + " " + f.getOrDefault("scheduler", "-"))
        .containsExactly(
            "array_mean threads", "array_xpxT_sum0 threads", "array_strided_std threads",
            "array_mean_persisted threads", "array_xpxT_sum0_persisted threads", "array_strided_std_persisted threads",
            "array_mean dist-inproc", "array_xpxT_sum0 dist-inproc", "array_strided_std dist-inproc",
            "array_mean_persisted dist-inproc", "array_xpxT_sum0_persisted dist-inproc",
            "array_strided_std_persisted dist-inproc",
            "membw_one -", "membw_all -");
    for (Map<String, String> f : results) {
      if (f.get("name").startsWith("membw")) {
        assertThat(Double.parseDouble(f.get("gb_per_s"))).isPositive();
      } else {
        assertThat(Double.parseDouble(f.get("seconds"))).isPositive();
        assertThat(Double.parseDouble(f.get("peak_rss_mb"))).isPositive();
        assertThat(Integer.parseInt(f.get("warmups"))).isBetween(1, 10);
        assertThat(Integer.parseInt(f.get("small_warmups"))).as("blocks this small need no smaller warm-up").isZero();
        assertThat(Long.parseLong(f.get("jit_ms"))).isGreaterThanOrEqualTo(-1);
      }
    }
  }

  @Test
  @Tag("slow")
  void comparesWithDaskAlternatingThePersistedWorkloads() {
    JaskRun run = JaskRun.of("bench", "array", "--scale", "0.01", "--repeat", "2", "--schedulers", "threads", "--dask");
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> ratios = run.fields("RATIO");
    assertThat(ratios).filteredOn(f -> f.containsKey("speedup"))
        .extracting(f -> f.get("name") + " " + f.get("jask") + " " + f.getOrDefault("alternated", "false"))
        .containsExactly(
            "array_mean_persisted threads true", "array_xpxT_sum0_persisted threads true",
            "array_strided_std_persisted threads true",
            "array_mean threads false", "array_xpxT_sum0 threads false", "array_strided_std threads false");
    for (Map<String, String> r : ratios) {
      if (r.containsKey("speedup")) {
        // the seconds are printed rounded, so the ratio of the printed figures is only close to the speedup
        double expected = Double.parseDouble(r.get("dask_s")) / Double.parseDouble(r.get("jask_s"));
        assertThat(Double.parseDouble(r.get("speedup"))).isCloseTo(expected, withPercentage(5));
      }
    }
    assertThat(run.fields("RESULT")).filteredOn(f -> "dask-threads".equals(f.get("scheduler")))
        .extracting(f -> f.get("name") + " " + f.getOrDefault("alternated_with", "-"))
        .containsExactly(
            "array_mean_persisted threads", "array_xpxT_sum0_persisted threads", "array_strided_std_persisted threads",
            "array_mean -", "array_xpxT_sum0 -", "array_strided_std -");
  }
}
