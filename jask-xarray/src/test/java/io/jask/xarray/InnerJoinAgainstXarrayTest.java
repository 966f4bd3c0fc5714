package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.scheduler.Schedulers;
import io.jask.xarray.netcdf.NcTools;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arithmetic between data arrays whose index coordinates differ keeps the labels both have (an
 * inner join), against xarray (inner_join_reference.py) on files made by netCDF-C: over two files
 * covering different days, label subsets, stepped selections whose common labels are not
 * contiguous, two dimensions at once, {@code where}, and arrays with no label in common.
 */
class InnerJoinAgainstXarrayTest {
  @TempDir static Path dir;
  static Path full;
  static Path part;
  static LabelledFixtures.Reference reference;

  @BeforeAll
  static void setUp() throws Exception {
    full = LabelledFixtures.make(dir, "full", 0, 730, true);
    part = LabelledFixtures.make(dir, "part", 366, 730, true);
    reference = LabelledFixtures.Reference.parse(NcTools.pythonResource("/io/jask/xarray/inner_join_reference.py",
        full.toString(), part.toString()));
  }

  @AfterAll
  static void close() {
    Xr.closeFiles();
  }

  private static DataArray tas(Path p) {
    return Xr.openDataset(p, Map.of("time", 100)).get("tas");
  }

  private static void check(String name, DataArray r) {
    assertThat(String.join(",", r.dims())).as(name + " dims").isEqualTo(reference.dims().get(name));
    LabelledAgainstXarrayTest.assertClose(name, r.values(Schedulers.threads()).toDoubleArray(),
        reference.values().get(name));
    for (String d : r.dims()) {
      String want = reference.coords().get(name + "." + d);
      if (want != null) {
        assertThat(labels(r.coord(d), d)).as(name + " labels of " + d).isEqualTo(want);
      }
    }
  }

  private static String labels(Coordinate c, String dim) {
    if (dim.equals("time")) {
      return c.labels().stream().map(o -> o.toString().substring(0, 10)).collect(Collectors.joining(","));
    }
    return Arrays.stream(c.values()).mapToObj(v -> String.valueOf(v)).collect(Collectors.joining(","));
  }

  @Test
  void filesOverDifferentDaysJoinOnTheDaysBothHave() {
    DataArray r = tas(part).minus(tas(full)).mean("lat", "lon");
    assertThat(r.sizes()).containsEntry("time", 364L);
    check("files_time", r);
  }

  @Test
  void aLabelSubsetJoinsWithTheWhole() {
    DataArray t = tas(full);
    check("lat_subset", t.sel("lat", -30.0, 30.0).plus(t).mean("time"));
  }

  @Test
  void commonLabelsThatAreNotContiguousOnOneSide() {
    DataArray t = tas(full);
    DataArray r = t.isel("lon", 0, 8, 2).times(t.isel("lon", 1, 5)).mean("time");
    assertThat(r.sizes()).containsEntry("lon", 2L);
    check("lon_steps", r);
  }

  @Test
  void joinsAlongTwoDimensionsAtOnce() {
    DataArray t = tas(full);
    check("two_dims", t.isel("lat", 1, 5).isel("time", 100, 400).minus(t.isel("lat", 3, 6).isel("time", 0, 200))
        .mean("time"));
  }

  @Test
  void whereJoinsItsConditionToo() {
    DataArray t = tas(full);
    check("where_subset", t.where(t.sel("lat", -30.0, 30.0).gt(280)).sum("time"));
  }

  @Test
  void noCommonLabelsGiveAnEmptyResult() {
    DataArray t = tas(full);
    DataArray r = t.isel("time", 0, 10).plus(t.isel("time", 20, 30));
    assertThat(r.sizes()).containsEntry("time", 0L);
    check("disjoint", r);
  }

  @Test
  void equalLabelsAreNotCut() {
    DataArray t = tas(full);
    DataArray u = tas(full).rename("u");
    assertThat(InnerJoin.align(t, u).left()).isSameAs(t);
    assertThat(InnerJoin.align(t, u).right()).isSameAs(u);
  }

  @Test
  void arraysWithoutIndexCoordinatesStillNeedEqualLengths() {
    DataArray t = tas(full);
    DataArray plain = new DataArray("p", t.dims(), t.isel("time", 0, 5).data(), Map.of(), null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.plus(plain))
        .isInstanceOf(XarrayException.class).hasMessageContaining("dimension 'time' has length 730");
  }
}
