package io.jask.xarray;

import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.xarray.netcdf.Slab;

/** Conversions between NetCDF's slabs and types and Jask's in-memory arrays and dtypes. */
final class SlabArrays {
  private SlabArrays() {}

  /** The array dtype that holds values of NetCDF type {@code t}, or null for text. */
  static DType dtype(io.jask.xarray.netcdf.DType t) {
    return switch (t) {
      case BYTE -> DType.INT8;
      case UBYTE -> DType.UINT8;
      case SHORT -> DType.INT16;
      case USHORT, INT -> DType.INT32;
      case UINT, INT64, UINT64 -> DType.INT64;
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      case CHAR, STRING -> null;
    };
  }

  /** The NetCDF type written for array dtype {@code t}. */
  static io.jask.xarray.netcdf.DType netcdfType(DType t) {
    return switch (t) {
      case FLOAT64 -> io.jask.xarray.netcdf.DType.DOUBLE;
      case FLOAT32 -> io.jask.xarray.netcdf.DType.FLOAT;
      case INT64 -> io.jask.xarray.netcdf.DType.INT64;
      case INT32 -> io.jask.xarray.netcdf.DType.INT;
      case INT16 -> io.jask.xarray.netcdf.DType.SHORT;
      case INT8, BOOL -> io.jask.xarray.netcdf.DType.BYTE;
      case UINT8 -> io.jask.xarray.netcdf.DType.UBYTE;
    };
  }

  /** The slab's values as an array (unsigned types widened to keep their values). */
  static NDArray toArray(Slab s) {
    int[] shape = s.shape();
    return switch (s.dtype()) {
      case BYTE -> NDArray.of(s.bytes(), DType.INT8, shape);
      case UBYTE -> NDArray.of(s.bytes(), DType.UINT8, shape);
      case SHORT -> NDArray.of(s.shorts(), shape);
      case INT -> NDArray.of(s.ints(), shape);
      case FLOAT -> NDArray.of(s.floats(), shape);
      case DOUBLE -> NDArray.of(s.doubles(), shape);
      case INT64 -> NDArray.of(s.longs(), shape);
      case USHORT -> {
        int[] v = new int[s.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (int) s.getLong(i);
        }
        yield NDArray.of(v, shape);
      }
      case UINT, UINT64 -> {
        long[] v = new long[s.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = s.getLong(i);
        }
        yield NDArray.of(v, shape);
      }
      case CHAR, STRING -> throw new XarrayException("text variables cannot be held in a numeric array");
    };
  }

  /** The array's values as a slab of NetCDF type {@code t}. */
  static Slab toSlab(NDArray a, io.jask.xarray.netcdf.DType t) {
    int[] shape = a.shape();
    return switch (t) {
      case DOUBLE -> Slab.of((double[]) a.astype(DType.FLOAT64).data(), shape);
      case FLOAT -> Slab.of((float[]) a.astype(DType.FLOAT32).data(), shape);
      case INT64 -> Slab.of((long[]) a.astype(DType.INT64).data(), shape);
      case INT -> Slab.of((int[]) a.astype(DType.INT32).data(), shape);
      case SHORT -> Slab.of((short[]) a.astype(DType.INT16).data(), shape);
      case BYTE -> Slab.of((byte[]) a.astype(DType.INT8).data(), shape);
      case UBYTE -> Slab.of((byte[]) a.astype(DType.UINT8).data(), shape).withType(io.jask.xarray.netcdf.DType.UBYTE);
      default -> throw new XarrayException("cannot write values as " + t.cdlName());
    };
  }
}
