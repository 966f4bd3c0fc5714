package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.array.NDArray;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import io.jask.distributed.client.Client;
import io.jask.xarray.netcdf.NcTools;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelled operations on files written by netCDF-C, on the threaded and the distributed
 * scheduler, against the same operations in Debian's xarray (labelled_reference.py): values within
 * 1e-6 relative, dimensions, coordinate labels and attributes equal.
 */
@Tag("slow")
class LabelledAgainstXarrayTest {
  @TempDir static Path dir;
  static Path nc4;
  static Path classic;
  static LabelledFixtures.Reference reference;
  static Client client;

  @BeforeAll
  static void setUp() throws Exception {
    nc4 = LabelledFixtures.make(dir, "tas4", 0, 730, true);
    classic = LabelledFixtures.make(dir, "tas_classic", 0, 730, false);
    LabelledFixtures.make(dir, "part_2000", 0, 366, true);
    LabelledFixtures.make(dir, "part_2001", 366, 730, true);
    Dataset ds = Xr.openDataset(nc4, Map.of("time", 100));
    DataArray tas = ds.get("tas");
    DataArray clim = tas.groupBy("time.month").mean().withAttrs(tas.attrs()).rename("clim");
    clim.toNetcdf(dir.resolve("clim.nc"));
    DataArray series = tas.weighted(cosLat(tas)).mean("lat", "lon").rename("series");
    series.toNetcdf(dir.resolve("series.nc"));
    reference = LabelledFixtures.Reference.parse(NcTools.pythonResource("/io/jask/xarray/labelled_reference.py",
        nc4.toString(), dir.resolve("clim.nc").toString(), dir.resolve("series.nc").toString()));
    client = Client.local(c -> c.processes(false).nWorkers(2).threadsPerWorker(2).memoryLimit("1GB"));
  }

  @AfterAll
  static void tearDown() {
    if (client != null) {
      client.close();
    }
    Xr.closeFiles();
  }

  static DataArray cosLat(DataArray tas) {
    return tas.coordinate("lat").times(Math.PI / 180).apply(io.jask.array.UnaryOp.COS);
  }

  /** Every operation of the reference script, in Jask. */
  static Map<String, DataArray> operations(Dataset ds) {
    DataArray tas = ds.get("tas");
    Map<String, DataArray> r = new LinkedHashMap<>();
    r.put("mean_time", tas.mean("time"));
    DataArray clim = tas.groupBy("time.month").mean();
    r.put("clim", clim);
    r.put("anom_space_mean", tas.groupBy("time.month").minus(clim).mean("lat", "lon"));
    r.put("wmean", tas.weighted(cosLat(tas)).mean("lat", "lon"));
    r.put("wmean_lon", tas.weighted(tas.coordinate("lon").times(Math.PI / 180).apply(io.jask.array.UnaryOp.COS)
        .plus(1.5)).mean("lat", "lon"));
    r.put("season_max", tas.groupBy("time.season").max());
    r.put("year_std", tas.groupBy("time.year").std());
    r.put("resample_month", tas.resample("time", "1M").mean().isel("lat", 1).isel("lon", 2));
    r.put("resample_qsdec", tas.resample("time", "QS-DEC").mean().mean("lat", "lon"));
    r.put("rolling", tas.isel("lat", 2).isel("lon", 3).rolling("time", 5).mean());
    r.put("tropics_std", tas.sel("lat", -30.0, 30.0).std("time"));
    r.put("where_sum", tas.where(tas.gt(280)).sum("time"));
    r.put("nearest", tas.selNearest("lat", 11.0).mean());
    r.put("label_sel", tas.sel("time", "2001-03-04").isel("lon", 0));
    r.put("pr_mean", ds.get("pr").mean("time"));
    r.put("pr_count", ds.get("pr").count("time"));
    r.put("minmax", tas.min("time").plus(tas.max("lon")));
    // sums and means over the grouped dimension of group-wise arithmetic, decomposed into group-wise sums
    DataArray clim0 = tas.isel("time", 0, 365).groupBy("time.month").mean();
    r.put("anom0_mean", tas.groupBy("time.month").minus(clim0).mean());
    r.put("anom0_time_mean", tas.groupBy("time.month").minus(clim0).mean("time"));
    r.put("anom0_plus_sum", tas.groupBy("time.month").plus(clim0).sum("time", "lat"));
    r.put("anom0_space_mean", tas.groupBy("time.month").minus(clim0).mean("lat", "lon"));
    r.put("anom_std_time", tas.groupBy("time.month").minus(clim).std("time"));
    DataArray pr = ds.get("pr");
    DataArray prc = pr.isel("time", 0, 365).groupBy("time.season").mean();
    prc = prc.where(prc.gt(10.0));
    r.put("pr_anom_time_mean", pr.groupBy("time.season").minus(prc).mean("time"));
    r.put("pr_anom_sum", pr.groupBy("time.season").minus(prc).sum());
    return r;
  }

  void checkAll(Dataset ds, Scheduler scheduler) {
    for (Map.Entry<String, DataArray> e : operations(ds).entrySet()) {
      check(e.getKey(), e.getValue(), scheduler);
    }
    // the mean of anomalies against their own climatology is zero up to rounding: compared absolutely
    DataArray tas = ds.get("tas");
    DataArray anom = tas.groupBy("time.month").minus(tas.groupBy("time.month").mean());
    double got = anom.mean().values(scheduler).getDouble();
    assertThat(Math.abs(got - reference.values().get("anom_mean")[0])).as("anom_mean " + got).isLessThan(1e-9);
  }

  static void check(String name, DataArray r, Scheduler scheduler) {
    double[] want = reference.values().get(name);
    assertThat(want).as(name + " in the reference output").isNotNull();
    assertThat(String.join(",", r.dims())).as(name + " dims").isEqualTo(reference.dims().get(name));
    NDArray got = r.values(scheduler);
    assertClose(name, got.toDoubleArray(), want);
  }

  static void assertClose(String name, double[] got, double[] want) {
    assertThat(got).as(name + " size").hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      if (Double.isNaN(want[i])) {
        assertThat(got[i]).as(name + "[" + i + "]").isNaN();
      } else {
        double tol = 1e-6 * Math.max(Math.abs(want[i]), 1e-300);
        assertThat(Math.abs(got[i] - want[i])).as(name + "[" + i + "]: " + got[i] + " against xarray's " + want[i])
            .isLessThanOrEqualTo(tol);
      }
    }
  }

  static String labels(Coordinate c) {
    return c.labels().stream().map(o -> o instanceof Double d && d == Math.rint(d) ? String.valueOf(d) : String.valueOf(o))
        .collect(Collectors.joining(","));
  }

  @Test
  void netcdf4OnTheThreadedSchedulerMatchesXarray() {
    checkAll(Xr.openDataset(nc4, Map.of("time", 100)), Schedulers.threads());
  }

  @Test
  void classicOnTheDistributedSchedulerMatchesXarray() {
    checkAll(Xr.openDataset(classic, Map.of("time", 150, "lat", 4)), client);
  }

  @Test
  void multiFileDataSetMatchesXarray() {
    Dataset ds = Xr.openMfDataset(dir.resolve("part_*.nc").toString(), "time");
    assertThat(ds.get("tas").data().chunks().sizes(0)).containsExactly(366, 364);
    checkAll(ds, client);
  }

  @Test
  void coordinatesAndAttributesMatchXarray() {
    Dataset ds = Xr.openDataset(nc4, Map.of("time", 100));
    DataArray tas = ds.get("tas");
    assertThat(tas.attrs().text("units")).contains(reference.attrs().get("tas.units"));
    assertThat(tas.attrs().contains("_FillValue")).isFalse();
    assertThat(ds.attrs().text("title")).contains(reference.attrs().get("title"));
    DataArray clim = tas.groupBy("time.month").mean();
    assertThat(clim.coord("month").labels().stream().map(String::valueOf).collect(Collectors.joining(",")))
        .isEqualTo(reference.coords().get("clim.month"));
    assertThat(tas.groupBy("time.season").max().coord("season").labels().stream().map(String::valueOf)
        .collect(Collectors.joining(","))).isEqualTo(reference.coords().get("season_max.season"));
    assertThat(Arrays.stream(tas.sel("lat", -30.0, 30.0).coord("lat").values()).mapToObj(String::valueOf)
        .collect(Collectors.joining(","))).isEqualTo(reference.coords().get("tropics.lat"));
  }

  @Test
  void filesWrittenByJaskReadBackInXarray() {
    Dataset ds = Xr.openDataset(nc4, Map.of("time", 100));
    DataArray tas = ds.get("tas");
    assertClose("written_clim", reference.values().get("written_clim"), reference.values().get("clim"));
    assertThat(reference.coords().get("written.month")).isEqualTo("1,2,3,4,5,6,7,8,9,10,11,12");
    assertThat(reference.attrs().get("written.units")).isEqualTo("K");
    assertClose("written_series", reference.values().get("written_series"), reference.values().get("wmean"));
    List<String> days = List.of(reference.coords().get("written.time").split(","));
    assertThat(days).hasSize(730);
    assertThat(days.get(0)).isEqualTo("2000-01-01");
    assertThat(days.get(729)).isEqualTo("2001-12-30");
    Dataset back = Xr.openDataset(dir.resolve("series.nc"), Map.of());
    assertThat(back.coords().get("time").labels()).isEqualTo(tas.coord("time").labels());
  }

  @Test
  void reprShowsDimensionsCoordinatesVariablesAndAttributes() {
    Dataset ds = Xr.openDataset(nc4, Map.of("time", 100));
    String s = ds.toString();
    assertThat(s).contains("Dimensions:  (time: 730, lat: 6, lon: 8)")
        .contains("* time      (time) cftime[standard] 2000-01-01")
        .contains("tas       (time, lat, lon) float32 jask.Array<shape=(730, 6, 8), dtype=float32, chunksize=(100, 6, 8), chunks=8>")
        .contains("title:       Jask test temperatures");
    assertThat(ds.get("tas").toString()).startsWith("<jask.DataArray 'tas' (time: 730, lat: 6, lon: 8)>")
        .contains("units:       K");
    List<String> dims = ds.get("pr").dims();
    assertThat(dims).containsExactly("time", "lat", "lon");
  }
}
