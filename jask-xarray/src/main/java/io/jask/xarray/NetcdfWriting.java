package io.jask.xarray;

import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.core.scheduler.Scheduler;
import io.jask.xarray.cf.CfTime;
import io.jask.xarray.cf.CfTimeUnits;
import io.jask.xarray.cf.CfTimes;
import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.classic.ClassicWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a data set to a NetCDF classic file as xarray's {@code to_netcdf} would: coordinates as
 * coordinate variables (times CF-encoded in their original units and calendar), floating data
 * with a NaN {@code _FillValue}, attributes kept.
 */
final class NetcdfWriting {
  private NetcdfWriting() {}

  static void write(Dataset ds, Path path, NetcdfFormat format, Scheduler scheduler) {
    NetcdfFormat f = format != null ? format : needsCdf5(ds) ? NetcdfFormat.CDF5 : NetcdfFormat.CDF2;
    if (f == NetcdfFormat.NETCDF4) {
      throw new XarrayException(path + ": Jask writes NetCDF classic files (CDF1, CDF2, CDF5), not NetCDF-4");
    }
    ClassicWriter.Builder b = ClassicWriter.builder(path, f);
    for (Map.Entry<String, Long> d : ds.dims().entrySet()) {
      b.dimension(d.getKey(), d.getValue());
    }
    b.attributes(ds.attrs());
    for (Coordinate c : ds.coords().values()) {
      b.variable(c.name(), coordType(c, path), List.of(c.dim()), coordAttrs(c));
    }
    for (DataArray v : ds.dataVars().values()) {
      io.jask.xarray.netcdf.DType t = SlabArrays.netcdfType(v.dtype());
      Attributes attrs = v.attrs();
      if (t.isFloating() && !attrs.contains("_FillValue")) {
        attrs = attrs.with(t == io.jask.xarray.netcdf.DType.FLOAT ? Attribute.of("_FillValue", Float.NaN)
            : Attribute.of("_FillValue", Double.NaN));
      }
      b.variable(v.name(), t, v.dims(), attrs);
    }
    try (ClassicWriter w = b.create()) {
      for (Coordinate c : ds.coords().values()) {
        w.write(c.name(), coordSlab(c, path));
      }
      for (DataArray v : ds.dataVars().values()) {
        NDArray values = v.values(scheduler);
        w.write(v.name(), SlabArrays.toSlab(values, SlabArrays.netcdfType(v.dtype())));
      }
    }
  }

  private static boolean needsCdf5(Dataset ds) {
    for (DataArray v : ds.dataVars().values()) {
      if (v.dtype() == DType.INT64 || v.dtype() == DType.UINT8) {
        return true;
      }
    }
    for (Coordinate c : ds.coords().values()) {
      if (c.isNumeric() && c.label(0) instanceof Long) {
        for (Object o : c.labels()) {
          long l = (Long) o;
          if (l != (int) l) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static io.jask.xarray.netcdf.DType coordType(Coordinate c, Path path) {
    if (c.isTime() || c.size() == 0) {
      return io.jask.xarray.netcdf.DType.DOUBLE;
    }
    if (!c.isNumeric()) {
      throw new XarrayException(path + ": coordinate '" + c.name() + "' holds text labels, which Jask cannot write yet");
    }
    if (c.label(0) instanceof Long) {
      for (Object o : c.labels()) {
        long l = (Long) o;
        if (l != (int) l) {
          return io.jask.xarray.netcdf.DType.INT64;
        }
      }
      return io.jask.xarray.netcdf.DType.INT;
    }
    return io.jask.xarray.netcdf.DType.DOUBLE;
  }

  private static CfTimeUnits units(Coordinate c) {
    CfTime first = (CfTime) c.label(0);
    String u = c.encoding().text("units").orElse(String.format("days since %04d-%02d-%02d", first.year(), first.month(), first.day()));
    return CfTimeUnits.parse(u, first.calendar());
  }

  private static Attributes coordAttrs(Coordinate c) {
    if (!c.isTime()) {
      return c.attrs();
    }
    CfTime first = (CfTime) c.label(0);
    CfTimeUnits u = units(c);
    return c.attrs().with(Attribute.text("units", c.encoding().text("units").orElse(u.toString())))
        .with(Attribute.text("calendar", c.encoding().text("calendar").orElse(first.calendar().cfName())));
  }

  private static Slab coordSlab(Coordinate c, Path path) {
    io.jask.xarray.netcdf.DType t = coordType(c, path);
    if (c.isTime()) {
      return Slab.of(CfTimes.encode(c.times(), units(c)), c.size());
    }
    double[] v = c.values();
    return switch (t) {
      case INT -> {
        int[] a = new int[v.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = (int) (long) (Long) c.label(i);
        }
        yield Slab.of(a, a.length);
      }
      case INT64 -> {
        long[] a = new long[v.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = (Long) c.label(i);
        }
        yield Slab.of(a, a.length);
      }
      default -> Slab.of(v, v.length);
    };
  }
}
