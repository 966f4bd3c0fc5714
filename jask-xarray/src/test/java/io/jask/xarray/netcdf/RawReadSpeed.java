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
 * chunk reader on one and on two threads, against jhdf's own slab reading of the same chunks.
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
        double one = time(() -> readAll(f, v, starts, counts, 1));
        double two = time(() -> readAll(f, v, starts, counts, 2));
        double jhdf = time(() -> readJhdf(path, name, starts, counts));
        System.out.printf("RESULT round=%d jask_1thread=%.2fs (%.0f MB/s) jask_2threads=%.2fs (%.0f MB/s) "
            + "jhdf_slab=%.2fs (%.0f MB/s) jhdf/jask1=%.2f%n", r, one, mb / one, two, mb / two, jhdf, mb / jhdf,
            jhdf / one);
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

  static void readAll(NetcdfFile f, Variable v, List<long[]> starts, List<int[]> counts, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> fs = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        int k = i;
        fs.add(pool.submit(() -> {
          Slab s = f.read(v, starts.get(k), counts.get(k));
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
