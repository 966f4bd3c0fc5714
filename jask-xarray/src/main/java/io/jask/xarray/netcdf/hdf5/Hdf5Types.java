package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.DType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.nio.ByteOrder;
import java.util.Optional;

/** Maps HDF5 datatypes onto NetCDF types, as NetCDF-4 stores them. */
final class Hdf5Types {
  private Hdf5Types() {}

  /** The NetCDF type of {@code t}, or empty for types NetCDF's classic data model lacks. */
  static Optional<DType> of(DataType t) {
    if (t instanceof FixedPoint f) {
      boolean signed = f.isSigned();
      return switch (f.getSize()) {
        case 1 -> Optional.of(signed ? DType.BYTE : DType.UBYTE);
        case 2 -> Optional.of(signed ? DType.SHORT : DType.USHORT);
        case 4 -> Optional.of(signed ? DType.INT : DType.UINT);
        case 8 -> Optional.of(signed ? DType.INT64 : DType.UINT64);
        default -> Optional.empty();
      };
    }
    if (t instanceof FloatingPoint f) {
      return switch (f.getSize()) {
        case 4 -> Optional.of(DType.FLOAT);
        case 8 -> Optional.of(DType.DOUBLE);
        default -> Optional.empty();
      };
    }
    if (t instanceof StringData s) {
      return Optional.of(s.getSize() == 1 ? DType.CHAR : DType.STRING);
    }
    if (t instanceof VariableLength v && v.isVariableLengthString()) {
      return Optional.of(DType.STRING);
    }
    return Optional.empty();
  }

  static ByteOrder order(DataType t) {
    return t instanceof OrderedDataType o && o.getByteOrder() != null ? o.getByteOrder() : ByteOrder.LITTLE_ENDIAN;
  }

  /** A readable name of an HDF5 type for error messages. */
  static String describe(DataType t) {
    return t.getClass().getSimpleName() + " of " + t.getSize() + " bytes";
  }
}
