package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
        assertThat(Long.parseLong(f.get("jit_ms"))).isGreaterThanOrEqualTo(-1);
      }
    }
  }
}
