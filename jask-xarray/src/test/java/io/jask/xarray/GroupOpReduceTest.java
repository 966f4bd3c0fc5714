package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Task;
import io.jask.core.scheduler.Schedulers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sums and means over the grouped dimension of group-wise arithmetic, computed from group-wise
 * sums: against plain loops over the values (with missing values in the data and NaN in the
 * per-group operand), and reading the file once for anomalies against a climatology of their own.
 */
class GroupOpReduceTest {
  @TempDir static Path dir;
  static Path nc4;
  static final int T = 730;
  static final int CHUNK = 100;

  @BeforeAll
  static void setUp() throws Exception {
    nc4 = LabelledFixtures.make(dir, "tas", 0, T, true);
  }

  @AfterAll
  static void tearDown() {
    Xr.closeFiles();
  }

  static DataArray tas() {
    return Xr.openDataset(nc4, Map.of("time", CHUNK)).get("tas");
  }

  /** How many tasks read a chunk of the file. */
  static long fileReads(DataArray a) {
    long n = 0;
    for (Task t : a.data().graph()) {
      if (String.valueOf(t.function()).contains("ChunkRead[")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void anomaliesAgainstTheirOwnClimatologyReadTheFileOnce() {
    DataArray tas = tas();
    DataArray clim = tas.groupBy("time.month").mean();
    DataArray mean = tas.groupBy("time.month").minus(clim).mean();
    long chunks = (T + CHUNK - 1) / CHUNK;
    assertThat(fileReads(clim)).isEqualTo(chunks);
    assertThat(fileReads(mean)).isEqualTo(chunks);
    // a reduction that does not decompose reads the file for the climatology and again for the anomalies
    assertThat(fileReads(tas.groupBy("time.month").minus(clim).std())).isEqualTo(2 * chunks);
    assertThat(Math.abs(mean.values(Schedulers.threads()).getDouble())).isLessThan(1e-9);
  }

  @Test
  void meansOverTimeMatchLoopsWithMissingValuesOnBothSides() {
    DataArray tas = tas();
    int[] codes = tas.groupBy("time.month").codes();
    DataArray clim = tas.isel("time", 0, 365).groupBy("time.month").mean();
    // NaN where the climatology is warm: those groups' anomalies are all missing
    clim = clim.where(clim.lt(290));
    double[] x = tas.values(Schedulers.sync()).toDoubleArray();
    double[] c = clim.values(Schedulers.sync()).toDoubleArray();
    int[] months = clim.coord("month").labels().stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    int[] allMonths = tas.groupBy("time.month").groups().labels().stream().mapToInt(o -> ((Number) o).intValue())
        .toArray();
    int plane = x.length / T;
    double[] sum = new double[plane];
    double[] count = new double[plane];
    double total = 0;
    for (int t = 0; t < T; t++) {
      int month = allMonths[codes[t]];
      int g = java.util.Arrays.binarySearch(months, month);
      for (int i = 0; i < plane; i++) {
        double v = x[t * plane + i] - c[g * plane + i];
        if (!Double.isNaN(v)) {
          sum[i] += v;
          count[i]++;
          total += v;
        }
      }
    }
    DataArray anom = tas.groupBy("time.month").minus(clim);
    double[] got = anom.mean("time").values(Schedulers.threads()).toDoubleArray();
    assertThat(got).hasSize(plane);
    for (int i = 0; i < plane; i++) {
      if (count[i] == 0) {
        assertThat(got[i]).as("position " + i).isNaN();
      } else {
        assertThat(got[i]).as("position " + i).isCloseTo(sum[i] / count[i], org.assertj.core.data.Offset.offset(1e-9));
      }
    }
    assertThat(java.util.Arrays.stream(c).anyMatch(Double::isNaN)).as("the climatology has missing groups").isTrue();
    assertThat(anom.sum().values(Schedulers.threads()).getDouble())
        .isCloseTo(total, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(total)));
  }
}
