package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code jask bench xarray} on a one-year file, each Jask operation in its own JVM: the lines it
 * prints and the agreement of its checks, not its timings.
 */
@Tag("slow")
class XarrayBenchTest {
  @Test
  void measuresEachOperationOnJaskThenOnXarray() {
    JaskRun run = JaskRun.of("bench", "xarray", "--years", "1", "--repeat", "1", "--xarray");
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> results = run.fields("RESULT");
    assertThat(results).extracting(f -> f.get("name") + " " + f.get("scheduler")).containsExactly(
        "xr_open threads", "xr_open dist-inproc", "xr_open xarray-dask-threads",
        "xr_clim threads", "xr_clim dist-inproc", "xr_clim xarray-dask-threads",
        "xr_anom threads", "xr_anom dist-inproc", "xr_anom xarray-dask-threads",
        "xr_wmean threads", "xr_wmean dist-inproc", "xr_wmean xarray-dask-threads",
        "nc_raw_read threads");
    List<Map<String, String>> ratios = run.fields("RATIO");
    assertThat(ratios).hasSize(8);
    for (Map<String, String> r : ratios) {
      assertThat(Double.parseDouble(r.get("speedup"))).as(r.toString()).isPositive();
      String name = r.get("name");
      if (name.equals("xr_anom")) {
        // zero up to rounding on both sides: compared in the data's unit
        assertThat(Double.parseDouble(r.get("check_abs_diff"))).as(r.toString()).isLessThan(1e-6);
      } else {
        assertThat(Double.parseDouble(r.get("check_rel_diff"))).as(r.toString()).isLessThan(1e-6);
      }
    }
  }
}
