package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiFileOpenerTest {
  @TempDir Path dir;

  static String year(int days, String lat, String extraVar) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < days * 3; i++) {
      values.append(i == 0 ? "" : ", ").append(i);
    }
    StringBuilder times = new StringBuilder();
    for (int i = 0; i < days; i++) {
      times.append(i == 0 ? "" : ", ").append(i);
    }
    return """
        netcdf year {
        dimensions:
          time = UNLIMITED ;
          lat = 3 ;
        variables:
          double time(time) ;
            time:units = "days since 2000-01-01" ;
          float lat(lat) ;
          float tas(time, lat) ;
          %s
        data:
          time = %s ;
          lat = %s ;
          tas = %s ;
        }
        """.formatted(extraVar, times, lat, values);
  }

  @Test
  void opensManyFilesAndPlacesThemAlongTheConcatDimension() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int y = 0; y < 6; y++) {
      files.add(NcTools.ncgen(dir, "tas_" + (2000 + y), y % 2 == 0 ? "nc4" : "nc6", year(3 + y, "-30, 0, 30", "")));
    }
    List<Path> globbed = MultiFileOpener.glob(dir.resolve("tas_*.nc").toString());
    assertThat(globbed).isEqualTo(files);
    FileSet set = MultiFileOpener.open(globbed, "time", 4);
    assertThat(set.length()).isEqualTo(3 + 4 + 5 + 6 + 7 + 8);
    assertThat(set.files().stream().map(FileSet.Member::offset)).containsExactly(0L, 3L, 7L, 12L, 18L, 25L);
    assertThat(set.memberAt(0).path()).isEqualTo(files.get(0));
    assertThat(set.memberAt(11).path()).isEqualTo(files.get(2));
    assertThat(set.memberAt(12).path()).isEqualTo(files.get(3));
    assertThat(set.memberAt(32).path()).isEqualTo(files.get(5));
    assertThat(set.template().variable("tas").orElseThrow().dims()).containsExactly("time", "lat");
  }

  @Test
  void namesTheFileThatDisagrees() throws Exception {
    Path a = NcTools.ncgen(dir, "a", "nc4", year(2, "-30, 0, 30", ""));
    Path otherGrid = NcTools.ncgen(dir, "b", "nc4", year(2, "-30, 0, 31", ""));
    assertThatThrownBy(() -> MultiFileOpener.open(List.of(a, otherGrid), "time", 2))
        .isInstanceOf(NetcdfException.class)
        .hasMessage(otherGrid + ": disagrees with " + a + ": coordinate lat differs at index 2 (31.0 vs 30.0)");
    Path extra = NcTools.ncgen(dir, "c", "nc4", year(2, "-30, 0, 30", "int extra ;"));
    assertThatThrownBy(() -> MultiFileOpener.open(List.of(a, extra), "time", 2))
        .hasMessage(extra + ": disagrees with " + a + ": has extra variables [extra]");
    assertThatThrownBy(() -> MultiFileOpener.open(List.of(a, a), "depth", 2))
        .hasMessage(a + ": has no dimension 'depth' to concatenate along; it has [time, lat]");
    Path missing = dir.resolve("missing.nc");
    assertThatThrownBy(() -> MultiFileOpener.open(List.of(a, missing), "time", 2))
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> MultiFileOpener.glob(dir.resolve("nothing_*.nc").toString()))
        .hasMessage(dir + ": no files match 'nothing_*.nc'");
  }
}
