package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.TaskFailedException;
import io.jask.core.scheduler.Schedulers;
import io.jask.xarray.netcdf.NcTools;
import io.jask.xarray.netcdf.NetcdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad names, bad files and disagreeing files give errors naming the file and the thing at fault. */
class LabelledBadInputTest {
  @TempDir static Path dir;
  static Path nc4;

  @BeforeAll
  static void setUp() throws Exception {
    nc4 = LabelledFixtures.make(dir, "small", 0, 40, true);
  }

  @AfterAll
  static void tearDown() {
    Xr.closeFiles();
  }

  @Test
  void unknownVariableDimensionAndCoordinateAreNamed() {
    Dataset ds = Xr.openDataset(nc4, Map.of("time", 10));
    assertThatThrownBy(() -> ds.get("tos")).isInstanceOf(XarrayException.class)
        .hasMessageContaining("no variable 'tos'").hasMessageContaining("[tas, pr]");
    DataArray tas = ds.get("tas");
    assertThatThrownBy(() -> tas.mean("depth")).hasMessageContaining("no dimension 'depth'")
        .hasMessageContaining("[time, lat, lon]");
    assertThatThrownBy(() -> tas.groupBy("time.fortnight")).hasMessageContaining("unknown time component 'fortnight'");
    assertThatThrownBy(() -> tas.groupBy("height.month")).hasMessageContaining("no coordinate 'height'");
    assertThatThrownBy(() -> tas.sel("lat", 12.5)).hasMessageContaining("coordinate 'lat' has no label 12.5");
    assertThatThrownBy(() -> tas.resample("time", "7W")).hasMessageContaining("unsupported resampling frequency '7W'");
    assertThatThrownBy(() -> tas.isel("time", 40)).hasMessageContaining("index 40 outside dimension 'time' of length 40");
    assertThatThrownBy(() -> Xr.openDataset(nc4, Map.of("depth", 3))).hasMessageContaining("small.nc")
        .hasMessageContaining("cannot chunk along 'depth'");
  }

  @Test
  void misalignedArraysNameTheDimension() {
    DataArray tas = Xr.openDataset(nc4, Map.of()).get("tas");
    // without an index coordinate on one side there are no labels to join on: the lengths must agree
    DataArray unlabelled = new DataArray("u", tas.dims(), tas.isel("lat", 0, 3).data(), Map.of(), null);
    assertThatThrownBy(() -> tas.plus(unlabelled)).isInstanceOf(XarrayException.class)
        .hasMessageContaining("dimension 'lat' has length 6 in one and 3 in the other");
    // with index coordinates on both sides, arithmetic keeps the labels both have (xarray's inner join)
    DataArray shifted = tas.isel("time", 1, 40);
    DataArray first = tas.isel("time", 0, 39);
    assertThat(shifted.minus(first).sizes()).containsEntry("time", 38L);
  }

  @Test
  void missingAndCorruptFilesAreNamed() throws Exception {
    Path missing = dir.resolve("nope.nc");
    assertThatThrownBy(() -> Xr.openDataset(missing, Map.of())).isInstanceOf(NetcdfException.class)
        .hasMessageContaining("nope.nc");
    Path junk = dir.resolve("junk.nc");
    Files.write(junk, "this is not a NetCDF file at all".getBytes());
    assertThatThrownBy(() -> Xr.openDataset(junk, Map.of())).isInstanceOf(NetcdfException.class)
        .hasMessageContaining("junk.nc");
  }

  @Test
  void aFileChangedUnderALazyArrayFailsTheTaskNamingTheFile() throws Exception {
    Path copy = dir.resolve("vanishing.nc");
    Files.copy(nc4, copy);
    DataArray tas = Xr.openDataset(copy, Map.of("time", 10)).get("tas");
    Xr.closeFiles();
    Files.delete(copy);
    assertThatThrownBy(() -> tas.mean().values(Schedulers.threads())).isInstanceOf(TaskFailedException.class)
        .hasStackTraceContaining("vanishing.nc");
  }

  @Test
  void filesThatDisagreeAreNamedWithTheVariable() throws Exception {
    Path other = NcTools.ncgen(dir, "other_grid", "nc4", LabelledFixtures.cdl(40, 50, true)
        .replace("float tas(", "double tas(").replace("tas:_FillValue = -999.f", "tas:_FillValue = -999."));
    assertThatThrownBy(() -> Xr.openMfDataset(List.of(nc4, other), "time")).isInstanceOf(NetcdfException.class)
        .hasMessageContaining("other_grid.nc").hasMessageContaining("tas");
    assertThatThrownBy(() -> Xr.openMfDataset(List.of(nc4, nc4), "level")).hasMessageContaining("level");
    assertThatThrownBy(() -> Xr.openMfDataset(dir.resolve("absent_*.nc").toString(), "time"))
        .hasMessageContaining("absent_*.nc");
  }

  @Test
  void undecodedOpeningKeepsStoredValuesAndAttributes() {
    Dataset raw = Xr.open(nc4).decode(false).dataset();
    DataArray pr = raw.get("pr");
    assertThat(pr.dtype()).isEqualTo(io.jask.array.DType.INT16);
    assertThat(pr.attrs().contains("scale_factor")).isTrue();
    assertThat(raw.coords().get("time").isTime()).isFalse();
    DataArray decoded = Xr.openDataset(nc4, Map.of()).get("pr");
    double rawFirst = pr.isel("time", 0).isel("lat", 0).isel("lon", 0).values().getDouble();
    double decFirst = decoded.isel("time", 0).isel("lat", 0).isel("lon", 0).values().getDouble();
    if (rawFirst == -32767) {
      assertThat(decFirst).isNaN();
    } else {
      assertThat(decFirst).isCloseTo(rawFirst * 0.01 + 5, org.assertj.core.api.Assertions.within(1e-6));
    }
  }
}
