package io.jask.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident memory (Linux's VmHWM), which can be reset between measurements. */
final class PeakRss {
  private PeakRss() {}

  /** Resets the peak to the current resident size (Linux 4.0+: {@code echo 5 > /proc/self/clear_refs}). */
  static void reset() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException e) {
      // not Linux, or not allowed: the peak then covers the whole process
    }
  }

  /** The peak resident size in MB, or NaN where /proc is not there. */
  static double megabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return Double.NaN;
  }
}
