package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled task's thread is interrupted; if that happens inside a read, Java closes the file's
 * channel for every thread. The interrupted read fails, and the file stays readable for the rest.
 */
class InterruptedReadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"classic", "contiguous", "deflated"})
  void anInterruptedReaderDoesNotBreakTheFileForOthers(String kind) throws Exception {
    Path file = NcTools.ncgen(dir, "f", kind.equals("classic") ? "nc6" : "nc4", """
        netcdf f {
        dimensions:
          x = 6 ;
        variables:
          int a(x) ;
        data:
          a = 1, 2, 3, 4, 5, 6 ;
        }
        """);
    if (kind.equals("deflated")) {
      file = NcTools.nccopy(file, dir.resolve("z.nc"), "-d1", "-s", "-c", "x/2");
    }
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(() -> {
        Thread.currentThread().interrupt(); // as if cancelled just before the read
        try {
          f.read("a");
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      t.start();
      t.join();
      assertThat(failure.get()).isInstanceOf(NetcdfException.class).hasMessageStartingWith(file + ": ");
      assertThat(f.read("a").ints()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(f.read("a", new long[] {4}, new int[] {2}).ints()).containsExactly(5, 6);
    }
    NetcdfFile closed = NetcdfFiles.open(file);
    closed.close();
    assertThatThrownBy(() -> closed.read("a")).isInstanceOf(NetcdfException.class).hasMessageStartingWith(file + ": ");
  }
}
