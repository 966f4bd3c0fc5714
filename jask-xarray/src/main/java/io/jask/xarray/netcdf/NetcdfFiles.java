package io.jask.xarray.netcdf;

import io.jask.xarray.netcdf.classic.ClassicFile;
import io.jask.xarray.netcdf.hdf5.Hdf5File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

/** Opens NetCDF files of any supported format, telling the format by the file's first bytes. */
public final class NetcdfFiles {
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private NetcdfFiles() {}

  /**
   * Opens {@code path}, reading its metadata only.
   *
   * @throws NetcdfException naming the file when it is missing, not NetCDF or HDF5, truncated or
   *     has a corrupt header
   */
  public static NetcdfFile open(Path path) {
    NetcdfFormat format = detect(path);
    return format.isClassic() ? ClassicFile.open(path) : Hdf5File.open(path);
  }

  /**
   * The format of {@code path}, from its magic bytes.
   *
   * @throws NetcdfException when the file is missing or neither classic NetCDF nor HDF5
   */
  public static NetcdfFormat detect(Path path) {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw new NetcdfException(path, "no such file", e);
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot read: " + e, e);
    }
    if (n >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F') {
      return switch (head[3]) {
        case 1 -> NetcdfFormat.CDF1;
        case 2 -> NetcdfFormat.CDF2;
        case 5 -> NetcdfFormat.CDF5;
        default -> throw new NetcdfException(path, "unknown classic NetCDF version " + head[3]
            + " (CDF-1, CDF-2 and CDF-5 are known)");
      };
    }
    if (n == 8 && java.util.Arrays.equals(head, HDF5_MAGIC)) {
      return NetcdfFormat.NETCDF4;
    }
    if (n < 4) {
      throw new NetcdfException(path, "not a NetCDF or HDF5 file: only " + n + " bytes long");
    }
    throw new NetcdfException(path, "not a NetCDF or HDF5 file: it starts with bytes "
        + HexFormat.ofDelimiter(" ").formatHex(head, 0, n));
  }
}
