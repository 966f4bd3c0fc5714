package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.scheduler.Schedulers;
import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.classic.ClassicWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files whose time dimension is fixed-length (not unlimited) join along it; sums match plain loops. */
class FixedLengthJoinTest {
  @TempDir Path dir;

  @AfterAll
  static void close() {
    Xr.closeFiles();
  }

  private Path write(int year, float[] values) {
    Path p = dir.resolve("t" + year + ".nc");
    ClassicWriter.Builder b = ClassicWriter.builder(p, NetcdfFormat.CDF2).dimension("time", 4).dimension("x", 3);
    b.variable("time", DType.DOUBLE, List.of("time"), Attributes.of(Attribute.text("units", "days since 2000-01-01"),
        Attribute.text("calendar", "360_day")));
    b.variable("v", DType.FLOAT, List.of("time", "x"), Attributes.empty());
    try (ClassicWriter w = b.create()) {
      double[] t = new double[4];
      for (int i = 0; i < 4; i++) {
        t[i] = year * 360 + i * 30;
      }
      w.write("time", Slab.of(t, 4));
      w.write("v", Slab.of(values, 4, 3));
    }
    return p;
  }

  @Test
  void joinsAlongAFixedLengthDimension() {
    float[] a = new float[12];
    float[] b = new float[12];
    double total = 0;
    for (int i = 0; i < 12; i++) {
      a[i] = i * 1.5f;
      b[i] = 100 - i;
      total += a[i] + b[i];
    }
    Dataset ds = Xr.openMfDataset(List.of(write(0, a), write(1, b)), "time");
    DataArray v = ds.get("v");
    assertThat(v.sizes()).containsEntry("time", 8L);
    assertThat(v.sum().values(Schedulers.threads()).getDouble()).isEqualTo(total);
    assertThat(v.coord("time").label(4).toString()).startsWith("2001-01-01");
    assertThat(v.groupBy("time.year").sum().sum("x").values().toDoubleArray()[0]).isEqualTo(sumOf(a));
  }

  private static double sumOf(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f;
    }
    return s;
  }
}
