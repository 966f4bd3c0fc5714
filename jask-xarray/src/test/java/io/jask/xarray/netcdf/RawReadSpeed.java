package io.jask.xarray.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures raw read+decompress speed of a chunked variable, whole chunk by whole chunk: Jask's
 * chunk reader on one and two threads, into fresh or reused slabs, against jhdf's own slab reading
 * and netCDF4-python (netCDF-C) reading the same chunks in the same run.
 * Not a test: run by hand with {@code java -cp ... RawReadSpeed FILE VARIABLE}.
 */
public final class RawReadSpeed {
  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    String name = args.length > 1 ? args[1] : "tas";
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    try (NetcdfFile f = NetcdfFiles.open(path)) {
      Variable v = f.variable(name);
      List<long[]> starts = new ArrayList<>();
      List<int[]> counts = new ArrayList<>();
      long[] shape = v.shape();
      int[] chunk = v.chunkShape();
      for (long t = 0; t < shape[0]; t += chunk[0]) {
        long[] s = new long[shape.length];
        int[] c = new int[shape.length];
        s[0] = t;
        c[0] = (int) Math.min(chunk[0], shape[0] - t);
        for (int i = 1; i < shape.length; i++) {
          c[i] = (int) shape[i];
        }
        starts.add(s);
        counts.add(c);
      }
      double mb = v.size() * (double) v.dtype().size() / 1e6;
      System.out.printf("variable %s: %s, %.0f MB decoded, %d chunks%n", name, v, mb, starts.size());
      for (int r = 0; r < rounds; r++) {
        double one = time(() -> readAll(f, v, starts, counts, 1, false));
        double two = time(() -> readAll(f, v, starts, counts, 2, false));
        double oneReused = time(() -> readAll(f, v, starts, counts, 1, true));
        double twoReused = time(() -> readAll(f, v, starts, counts, 2, true));
        double jhdf = time(() -> readJhdf(path, name, starts, counts));
        double python = pythonSeconds(path, name, chunk[0]);
        System.out.printf("RESULT round=%d nc_raw_read MB/s: jask_1thread=%.0f jask_2threads=%.0f "
            + "jask_1thread_reused=%.0f jask_2threads_reused=%.0f jhdf_slab=%.0f netcdf4_python=%.0f; "
            + "seconds: %.2f %.2f %.2f %.2f %.2f %.2f; jask_2threads_reused/netcdf4_python speedup=%.2f%n", r,
            mb / one, mb / two, mb / oneReused, mb / twoReused, mb / jhdf, mb / python, one, two, oneReused, twoReused,
            jhdf, python, python / twoReused);
      }
    }
  }

  interface Body {
    void run() throws Exception;
  }

  static double time(Body b) throws Exception {
    long t0 = System.nanoTime();
    b.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  static double sink;

  /** netCDF4-python (netCDF-C and HDF5 underneath) reading the same chunks, timed in Python. */
  static double pythonSeconds(Path path, String name, int chunk) throws Exception {
    String out = NcTools.python("""
        import sys, time, netCDF4
        ds = netCDF4.Dataset(sys.argv[1]); v = ds[sys.argv[2]]; v.set_auto_maskandscale(False)
        n, step = v.shape[0], int(sys.argv[3])
        t0 = time.perf_counter()
        for s in range(0, n, step):
            a = v[s:s + step]
        print(time.perf_counter() - t0)
        """, path.toString(), name, Integer.toString(chunk));
    return Double.parseDouble(out.strip());
  }

  static final ThreadLocal<Slab[]> REUSED = ThreadLocal.withInitial(() -> new Slab[1]);

  static void readAll(NetcdfFile f, Variable v, List<long[]> starts, List<int[]> counts, int threads, boolean reuse)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> fs = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        int k = i;
        fs.add(pool.submit(() -> {
          Slab s;
          if (reuse) {
            Slab[] held = REUSED.get();
            if (held[0] == null || !java.util.Arrays.equals(held[0].shape(), counts.get(k))) {
              held[0] = Slab.allocate(v.dtype(), counts.get(k));
            }
            s = held[0];
            f.readInto(v, starts.get(k), counts.get(k), s);
          } else {
            s = f.read(v, starts.get(k), counts.get(k));
          }
          float[] a = s.floats();
          return (double) a[a.length / 2];
        }));
      }
      for (Future<Double> x : fs) {
        sink += x.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void readJhdf(Path path, String name, List<long[]> starts, List<int[]> counts) {
    try (HdfFile h = new HdfFile(path)) {
      Dataset d = h.getDatasetByPath(name);
      for (int i = 0; i < starts.size(); i++) {
        Object data = d.getData(starts.get(i), counts.get(i));
        sink += data.hashCode();
      }
    }
  }
}
