package io.jask.xarray;

import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files chunk-reading tasks read, opened once per JVM (per worker) and shared by its threads:
 * opening parses the whole header, which must not be paid once per chunk. A file is opened again
 * when it has changed on disk since.
 */
final class OpenFiles {
  private record Entry(NetcdfFile file, long modified, long size) {}

  private static final Map<String, Entry> OPEN = new ConcurrentHashMap<>();

  private OpenFiles() {}

  static NetcdfFile get(String path) {
    Path p = Path.of(path);
    long modified;
    long size;
    try {
      modified = Files.getLastModifiedTime(p).toMillis();
      size = Files.size(p);
    } catch (IOException e) {
      // let the reader name the missing file
      return NetcdfFiles.open(p);
    }
    Entry e = OPEN.compute(path, (k, had) -> {
      if (had != null && had.modified == modified && had.size == size) {
        return had;
      }
      if (had != null) {
        had.file.close();
      }
      return new Entry(NetcdfFiles.open(p), modified, size);
    });
    return e.file;
  }

  /** Closes every file kept open. */
  static void closeAll() {
    OPEN.values().removeIf(e -> {
      e.file.close();
      return true;
    });
  }
}
