package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad file or request is a {@link NetcdfException} naming the file and the fault. */
class BadFilesTest {
  @TempDir Path dir;

  private static final String SMALL = """
      netcdf small {
      dimensions:
        t = UNLIMITED ;
        x = 100 ;
      variables:
        float a(x) ;
        int r(t, x) ;
      data:
        r = %s ;
      }
      """.formatted(String.join(", ", java.util.Collections.nCopies(300, "7")));

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.nc");
    assertThatThrownBy(() -> NetcdfFiles.open(missing))
        .isInstanceOf(NetcdfException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void notNetcdf() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.nc"), "these are notes, not data");
    assertThatThrownBy(() -> NetcdfFiles.open(text))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(text + ": not a NetCDF or HDF5 file: it starts with bytes 74 68 65 73");
    Path tiny = Files.write(dir.resolve("tiny.nc"), new byte[] {'C', 'D'});
    assertThatThrownBy(() -> NetcdfFiles.open(tiny)).hasMessage(tiny + ": not a NetCDF or HDF5 file: only 2 bytes long");
    Path version = Files.write(dir.resolve("v9.nc"), new byte[] {'C', 'D', 'F', 9, 0, 0, 0, 0});
    assertThatThrownBy(() -> NetcdfFiles.open(version)).hasMessageContaining("unknown classic NetCDF version 9");
  }

  @Test
  void truncatedClassicHeaderAndData() throws Exception {
    Path file = NcTools.ncgen(dir, "small", "nc6", SMALL);
    byte[] bytes = Files.readAllBytes(file);
    Path header = Files.write(dir.resolve("cut-header.nc"), Arrays.copyOf(bytes, 40));
    assertThatThrownBy(() -> NetcdfFiles.open(header))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(header + ": truncated: the header runs past the end of the file");
    Path data = Files.write(dir.resolve("cut-data.nc"), Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> NetcdfFiles.open(data))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(data + ": truncated: variable r needs bytes up to offset");
  }

  @Test
  void corruptClassicHeader() throws Exception {
    Path file = NcTools.ncgen(dir, "small", "nc3", SMALL);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertThat(b.getInt(8)).isEqualTo(0x0A); // the dimension list's tag
    b.putInt(8, 0x0B);
    Path bad = Files.write(dir.resolve("bad-tag.nc"), bytes);
    assertThatThrownBy(() -> NetcdfFiles.open(bad))
        .isInstanceOf(NetcdfException.class)
        .hasMessage(bad + ": corrupt header at byte 16: expected the dimension list (tag 0x0A) but found tag 0xb");
    b.putInt(8, 0x0A);
    b.putInt(12, 1 << 30); // a million dimensions
    Path many = Files.write(dir.resolve("many-dims.nc"), bytes);
    assertThatThrownBy(() -> NetcdfFiles.open(many))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(many + ": ");
  }

  @Test
  void truncatedAndCorruptHdf5() throws Exception {
    Path cdl = NcTools.ncgen(dir, "small", "nc3", SMALL);
    Path file = NcTools.nccopy(cdl, dir.resolve("small4.nc"), "-k", "nc4", "-d1");
    byte[] bytes = Files.readAllBytes(file);
    Path cut = Files.write(dir.resolve("cut.nc"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> NetcdfFiles.open(cut))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(cut + ": truncated: the HDF5 superblock says the file ends at byte " + bytes.length);
    byte[] garbled = bytes.clone();
    for (int i = 8; i < 200 && i < garbled.length; i++) {
      garbled[i] = (byte) 0xA5;
    }
    Path bad = Files.write(dir.resolve("garbled.nc"), garbled);
    assertThatThrownBy(() -> NetcdfFiles.open(bad))
        .isInstanceOf(NetcdfException.class)
        .hasMessageStartingWith(bad + ": ");
  }

  @Test
  void unknownVariableDimensionAndSlab() throws Exception {
    for (String kind : new String[] {"nc3", "nc4"}) {
      Path file = NcTools.ncgen(dir, "small-" + kind, kind, SMALL);
      try (NetcdfFile f = NetcdfFiles.open(file)) {
        assertThatThrownBy(() -> f.variable("tas"))
            .isInstanceOf(NetcdfException.class)
            .hasMessage(file + ": no variable 'tas'; the file has [a, r]");
        assertThatThrownBy(() -> f.dimension("time"))
            .isInstanceOf(NetcdfException.class)
            .hasMessage(file + ": no dimension 'time'; the file has [t, x]");
        assertThatThrownBy(() -> f.read("r", new long[] {2, 0}, new int[] {2, 100}))
            .isInstanceOf(NetcdfException.class)
            .hasMessage(file + ": variable r: slab 2..4 is outside dimension t of length 3");
        assertThatThrownBy(() -> f.read("a", new long[] {0, 0}, new int[] {1, 1}))
            .isInstanceOf(NetcdfException.class)
            .hasMessageContaining("variable a has 1 dimensions [x]");
      }
    }
  }
}
