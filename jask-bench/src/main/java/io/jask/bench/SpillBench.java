package io.jask.bench;

import io.jask.core.graph.Key;
import io.jask.core.util.SizeOf;
import io.jask.distributed.worker.DataStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench spill}: how fast a worker's data store spills results to disk and reads them
 * back, beside the disk's raw sequential speed measured in the same run on the same directory.
 *
 * <ul>
 *   <li>{@code disk_write_fsync}, {@code disk_write}, {@code disk_read}: one file of the same
 *       size written with a {@link FileChannel} in 8 MiB writes (then forced to the device, or
 *       not), and read back;
 *   <li>{@code spill_write}, {@code spill_read}: 8 MiB {@code double[]} blocks put into a {@link
 *       DataStore} whose target is 0 (each spills at once: encode, compress with zstd, write), then
 *       read back (read, decompress, decode); for two kinds of data: {@code pattern} (a smooth
 *       field with noise, rounded to 0.01, with fill values: like gridded model output) and {@code random} (incompressible).
 * </ul>
 *
 * <p>Speeds are in MB/s of the data's in-memory size. The page cache cannot be dropped without
 * root, so reads are likely served from memory; spills are not forced to the device (a spill file
 * need not survive a crash of the worker), so compare {@code spill_write} with {@code disk_write}.
 */
@Command(name = "spill", mixinStandardHelpOptions = true,
    description = "Spill-to-disk write and read-back speed, beside the disk's raw sequential speed.")
final class SpillBench implements Callable<Integer> {
  private static final int BLOCK_DOUBLES = 1 << 20; // 8 MiB

  @Spec CommandSpec spec;

  @Option(names = "--mb", defaultValue = "512", description = "MiB of data per measurement (default: ${DEFAULT-VALUE}).")
  int mb;

  @Option(names = "--dir", description = "Directory to measure (default: the system's temporary directory).")
  Path dir;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (mb < 8 || repeat < 1) {
      throw new IllegalArgumentException("--mb must be at least 8 and --repeat at least 1");
    }
    Path base = Files.createTempDirectory(dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir")),
        "jask-bench-spill-");
    try {
      int blocks = mb / 8;
      long bytes = (long) blocks * BLOCK_DOUBLES * 8;
      out.println("NOTE the page cache cannot be dropped without root: reads are likely served from memory,"
          + " not from the device; spill files are not forced to the device");
      double[] writeSync = new double[repeat];
      double[] write = new double[repeat];
      double[] read = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        writeSync[r] = rawWrite(base.resolve("raw-sync"), bytes, true);
        write[r] = rawWrite(base.resolve("raw"), bytes, false);
        read[r] = rawRead(base.resolve("raw"));
        Files.delete(base.resolve("raw-sync"));
        Files.delete(base.resolve("raw"));
      }
      double diskWriteSync = mbPerS(bytes, Timing.median(writeSync));
      double diskWrite = mbPerS(bytes, Timing.median(write));
      double diskRead = mbPerS(bytes, Timing.median(read));
      out.println(line("disk_write_fsync", "raw", bytes, Timing.median(writeSync), bytes));
      out.println(line("disk_write", "raw", bytes, Timing.median(write), bytes));
      out.println(line("disk_read", "raw", bytes, Timing.median(read), bytes));
      for (String kind : List.of("pattern", "random")) {
        List<double[]> data = data(kind, blocks);
        double[] spill = new double[repeat];
        double[] back = new double[repeat];
        long onDisk = 0;
        for (int r = 0; r < repeat; r++) {
          try (DataStore store = new DataStore(base, 0)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks; i++) {
              store.put(Key.of("block-" + i), data.get(i), SizeOf.estimate(data.get(i)));
            }
            spill[r] = (System.nanoTime() - t0) / 1e9;
            onDisk = store.stats().spilledDiskBytes();
            long t1 = System.nanoTime();
            double check = 0;
            for (int i = 0; i < blocks; i++) {
              check += ((double[]) store.get(Key.of("block-" + i)))[i];
              store.remove(Key.of("block-" + i)); // reading back keeps it in memory: let it go
            }
            back[r] = (System.nanoTime() - t1) / 1e9;
            if (Double.isNaN(check)) {
              throw new IllegalStateException("read back garbage");
            }
          }
        }
        double spillWrite = mbPerS(bytes, Timing.median(spill));
        double spillRead = mbPerS(bytes, Timing.median(back));
        out.println(line("spill_write", kind, bytes, Timing.median(spill), onDisk));
        out.println(line("spill_read", kind, bytes, Timing.median(back), onDisk));
        out.println(String.format(Locale.ROOT,
            "RATIO name=spill_%s write_vs_disk_write=%.2f write_vs_disk_write_fsync=%.2f read_vs_disk_read=%.2f"
                + " compression=%.2f",
            kind, spillWrite / diskWrite, spillWrite / diskWriteSync, spillRead / diskRead, (double) bytes / onDisk));
      }
    } finally {
      try (Stream<Path> left = Files.walk(base)) {
        left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.flush();
    return 0;
  }

  private static String line(String name, String data, long bytes, double seconds, long diskBytes) {
    return String.format(Locale.ROOT, "RESULT name=%s data=%s mb=%.1f seconds=%.4f mb_per_s=%.1f disk_mb=%.1f",
        name, data, bytes / 1e6, seconds, mbPerS(bytes, seconds), diskBytes / 1e6);
  }

  private static double mbPerS(long bytes, double seconds) {
    return bytes / 1e6 / seconds;
  }

  private static List<double[]> data(String kind, int blocks) {
    Random random = new Random(1);
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      double[] a = new double[BLOCK_DOUBLES];
      for (int j = 0; j < a.length; j++) {
        // pattern: a smooth temperature field in kelvin, with noise, stored to 0.01 K, and a fill
        // value every 97th point, as gridded model output often is.
        a[j] = kind.equals("random") ? random.nextDouble()
            : j % 97 == 0 ? -9999.0
            : Math.round((280.0 + 15.0 * Math.sin(j * 1e-3 + b) + 0.5 * random.nextGaussian()) * 100) / 100.0;
      }
      out.add(a);
    }
    return out;
  }

  private static double rawWrite(Path file, long bytes, boolean sync) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(8 << 20);
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < bytes; written += chunk.capacity()) {
        chunk.clear();
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
      }
      if (sync) {
        ch.force(true);
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double rawRead(Path file) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(8 << 20);
    long t0 = System.nanoTime();
    long total = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int n;
      while ((n = ch.read(chunk)) >= 0) {
        total += n;
        chunk.clear();
      }
    }
    if (total == 0) {
      throw new IllegalStateException("read nothing from " + file);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
