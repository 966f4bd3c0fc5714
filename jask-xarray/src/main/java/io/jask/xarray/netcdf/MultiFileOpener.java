package io.jask.xarray.netcdf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Opens the metadata of many files in parallel and checks that they form one data set along a
 * concatenation dimension (the ground {@code openMfDataset} stands on). Variables without that
 * dimension must be the same in every file; for coordinate variables (one dimension, named
 * after it) the values are compared too, since files on different grids cannot be joined.
 */
public final class MultiFileOpener {
  private MultiFileOpener() {}

  /**
   * The files a glob names, sorted by name: {@code dir/tas_*.nc}. Only the last path element may
   * hold wildcards.
   *
   * @throws NetcdfException when no file matches
   */
  public static List<Path> glob(String pattern) {
    Path p = Path.of(pattern);
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    String name = p.getFileName().toString();
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, name)) {
      s.forEach(out::add);
    } catch (IOException e) {
      throw new NetcdfException(dir, "cannot list files for '" + pattern + "': " + e, e);
    }
    if (out.isEmpty()) {
      throw new NetcdfException(dir, "no files match '" + name + "'");
    }
    out.sort(null);
    return out;
  }

  /** Opens {@code files} with one thread per file, up to {@code threads} at once. */
  public static FileSet open(List<Path> files, String concatDimension, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), r -> {
      Thread t = new Thread(r, "jask-open-metadata");
      t.setDaemon(true);
      return t;
    });
    try {
      return open(files, concatDimension, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reads the metadata of {@code files} on {@code executor}, in parallel, and checks that they
   * agree along {@code concatDimension}.
   *
   * @throws NetcdfException naming the first file (in order) that cannot be opened or that
   *     disagrees with the first file, and the variable or dimension at fault
   */
  public static FileSet open(List<Path> files, String concatDimension, ExecutorService executor) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to open");
    }
    List<Future<Opened>> futures = new ArrayList<>();
    for (Path f : files) {
      futures.add(executor.submit(() -> Opened.read(f)));
    }
    List<Opened> opened = new ArrayList<>();
    for (Future<Opened> f : futures) {
      try {
        opened.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new io.jask.core.ComputationInterruptedException("interrupted while opening files", e);
      }
    }
    Opened first = opened.get(0);
    List<FileSet.Member> members = new ArrayList<>();
    long offset = 0;
    for (Opened o : opened) {
      Dimension d = o.root.dimension(concatDimension).orElseThrow(() -> new NetcdfException(o.path,
          "has no dimension '" + concatDimension + "' to concatenate along; it has "
              + o.root.dimensions().stream().map(Dimension::name).toList()));
      if (o != first) {
        checkAgrees(first, o, concatDimension);
      }
      members.add(new FileSet.Member(o.path, o.format, o.root, offset, d.length()));
      offset += d.length();
    }
    return new FileSet(concatDimension, members, offset);
  }

  /** One file's metadata, plus the values of its coordinate variables that do not concatenate. */
  private record Opened(Path path, NetcdfFormat format, Group root, Map<String, Slab> fixedCoordinates) {
    static Opened read(Path path) {
      try (NetcdfFile f = NetcdfFiles.open(path)) {
        Map<String, Slab> coords = new java.util.LinkedHashMap<>();
        for (Variable v : f.variables()) {
          if (v.rank() == 1 && v.dims().get(0).equals(v.name())
              && !f.root().dimension(v.name()).map(Dimension::unlimited).orElse(false)) {
            coords.put(v.name(), f.read(v.name()));
          }
        }
        return new Opened(path, f.format(), f.root(), coords);
      }
    }
  }

  private static void checkAgrees(Opened first, Opened o, String concat) {
    Set<String> expected = new TreeSet<>(names(first.root.variables()));
    Set<String> actual = new TreeSet<>(names(o.root.variables()));
    if (!expected.equals(actual)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      throw new NetcdfException(o.path, "disagrees with " + first.path + ": "
          + (missing.isEmpty() ? "" : "lacks variables " + missing) + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
          + (extra.isEmpty() ? "" : "has extra variables " + extra));
    }
    for (Dimension d : first.root.dimensions()) {
      if (d.name().equals(concat)) {
        continue;
      }
      Dimension other = o.root.dimension(d.name()).orElseThrow(() -> new NetcdfException(o.path,
          "disagrees with " + first.path + ": lacks dimension " + d.name()));
      if (other.length() != d.length()) {
        throw new NetcdfException(o.path, "disagrees with " + first.path + ": dimension " + d.name() + " has length "
            + other.length() + ", not " + d.length());
      }
    }
    for (Variable v : first.root.variables()) {
      Variable w = o.root.variable(v.name()).orElseThrow();
      if (v.dtype() != w.dtype()) {
        throw new NetcdfException(o.path, "disagrees with " + first.path + ": variable " + v.name() + " is "
            + w.dtype().cdlName() + ", not " + v.dtype().cdlName());
      }
      if (!v.dims().equals(w.dims())) {
        throw new NetcdfException(o.path, "disagrees with " + first.path + ": variable " + v.name() + " has dimensions "
            + w.dims() + ", not " + v.dims());
      }
    }
    for (var e : first.fixedCoordinates.entrySet()) {
      if (e.getKey().equals(concat)) {
        continue; // the joined coordinate differs from file to file by design, unlimited or not
      }
      Slab mine = o.fixedCoordinates.get(e.getKey());
      Slab theirs = e.getValue();
      if (mine != null && !mine.equals(theirs)) {
        int at = firstDifference(theirs, mine);
        throw new NetcdfException(o.path, "disagrees with " + first.path + ": coordinate " + e.getKey() + " differs at index "
            + at + " (" + valueAt(mine, at) + " vs " + valueAt(theirs, at) + ")");
      }
    }
  }

  private static int firstDifference(Slab a, Slab b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (a.dtype() == DType.STRING ? !a.strings()[i].equals(b.strings()[i])
          : Double.compare(a.getDouble(i), b.getDouble(i)) != 0) {
        return i;
      }
    }
    return n;
  }

  private static String valueAt(Slab s, int i) {
    if (i >= s.size()) {
      return "absent";
    }
    return s.dtype() == DType.STRING ? s.strings()[i] : Double.toString(s.getDouble(i));
  }

  private static List<String> names(List<Variable> vars) {
    return vars.stream().map(Variable::name).collect(Collectors.toList());
  }
}
