package io.jask.xarray.netcdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real netCDF-C tools ({@code ncgen}, {@code nccopy}, {@code ncdump}) and Debian's Python
 * with netCDF4 and xarray, run from tests to make files and to check Jask's results
 * independently. {@code .ci/run} installs them.
 */
public final class NcTools {
  /** Debian's interpreter, which has numpy, netCDF4 and xarray (the first python3 on PATH may not). */
  public static final String PYTHON = "/usr/bin/python3";

  private NcTools() {}

  /** Writes {@code cdl} and runs {@code ncgen -k kind} on it; returns the new file. */
  public static Path ncgen(Path dir, String name, String kind, String cdl) throws IOException {
    Path cdlFile = dir.resolve(name + ".cdl");
    Files.writeString(cdlFile, cdl);
    Path out = dir.resolve(name + ".nc");
    run(List.of("ncgen", "-k", kind, "-o", out.toString(), cdlFile.toString()));
    return out;
  }

  /** Runs {@code nccopy args... in out}; returns {@code out}. */
  public static Path nccopy(Path in, Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nccopy"));
    cmd.addAll(List.of(args));
    cmd.add(in.toString());
    cmd.add(out.toString());
    run(cmd);
    return out;
  }

  public static String ncdump(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ncdump"));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /** Runs a Python script (from the test resources, by name) with Debian's interpreter. */
  public static String pythonResource(String resource, String... args) throws IOException {
    try (InputStream in = NcTools.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return python(new String(in.readAllBytes(), StandardCharsets.UTF_8), args);
    }
  }

  /** Runs Python source with Debian's interpreter; returns its standard output. */
  public static String python(String source, String... args) throws IOException {
    Path script = Files.createTempFile("jask-test", ".py");
    try {
      Files.writeString(script, source);
      List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
      cmd.addAll(List.of(args));
      return run(cmd);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** Runs a command to completion (at most two minutes); its output, or an error with its stderr. */
  public static String run(List<String> cmd) throws IOException {
    Path err = Files.createTempFile("jask-test", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IOException("timed out: " + cmd);
      }
      if (p.exitValue() != 0) {
        throw new IOException(cmd + " failed with exit " + p.exitValue() + ": " + Files.readString(err));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(err);
    }
  }
}
