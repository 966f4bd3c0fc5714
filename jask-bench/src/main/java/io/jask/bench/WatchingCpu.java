package io.jask.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent on watching, so that what the dashboard costs can be told apart: the browser's
 * (a process and every process it started, read from Linux's {@code /proc/<pid>/stat}) and the
 * dashboard's own threads in this JVM (those whose names start with {@code jask-dashboard}).
 *
 * <p>Both are cumulative; a round's cost is the difference of two {@link #read() readings}.
 * Processes or threads that end between two readings take the time they used with them, so the
 * figures are lower bounds (the browser's processes and the dashboard's feed thread live for the
 * whole benchmark).
 */
final class WatchingCpu {
  /** Clock ticks per second of {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux there is. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final String DASHBOARD_THREADS = "jask-dashboard";

  /**
   * Cumulative CPU seconds at one moment: the browser's, by Chromium's kind of process (its {@code
   * --type=}: the renderer that runs the page, the GPU process that composites it, the browser
   * process and any other; all NaN without a browser or without /proc), and the dashboard's threads.
   */
  record Reading(double renderer, double gpu, double otherBrowser, double dashboardSeconds) {
    double browserSeconds() {
      return renderer + gpu + otherBrowser;
    }

    Reading minus(Reading earlier) {
      return new Reading(renderer - earlier.renderer, gpu - earlier.gpu, otherBrowser - earlier.otherBrowser,
          dashboardSeconds - earlier.dashboardSeconds);
    }
  }

  private final Optional<ProcessHandle> browser;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** Measures {@code browser} and its descendants, if present, and this JVM's dashboard threads. */
  WatchingCpu(Optional<ProcessHandle> browser) {
    this.browser = browser;
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  Reading read() {
    double[] browserTicks = browser.map(WatchingCpu::processTreeTicks).orElse(null);
    double dashboard = dashboardThreadSeconds();
    if (browserTicks == null) {
      return new Reading(Double.NaN, Double.NaN, Double.NaN, dashboard);
    }
    return new Reading(browserTicks[RENDERER] / TICKS_PER_SECOND, browserTicks[GPU] / TICKS_PER_SECOND,
        browserTicks[OTHER] / TICKS_PER_SECOND, dashboard);
  }

  private double dashboardThreadSeconds() {
    if (!threads.isThreadCpuTimeSupported()) {
      return Double.NaN;
    }
    long nanos = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(DASHBOARD_THREADS)) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          nanos += t;
        }
      }
    }
    return nanos / 1e9;
  }

  private static final int RENDERER = 0;
  private static final int GPU = 1;
  private static final int OTHER = 2;

  /** CPU ticks of the process tree by kind of process; null if the root cannot be read. */
  private static double[] processTreeTicks(ProcessHandle root) {
    double[] ticks = new double[3];
    try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants())) {
      for (ProcessHandle p : (Iterable<ProcessHandle>) tree::iterator) {
        long t = cpuTicks(p.pid());
        if (t < 0) {
          if (p == root) {
            return null;
          }
          continue; // ended meanwhile
        }
        ticks[kindOf(p.pid())] += t;
      }
    }
    return ticks;
  }

  /** Chromium's kind of process, from its command line's {@code --type=}. */
  private static int kindOf(long pid) {
    try {
      String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
      if (commandLine.contains("--type=renderer")) {
        return RENDERER;
      }
      return commandLine.contains("--type=gpu-process") ? GPU : OTHER;
    } catch (IOException | RuntimeException e) {
      return OTHER;
    }
  }

  /** utime + stime of a process, in clock ticks; -1 if it cannot be read. */
  static long cpuTicks(long pid) {
    try {
      return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * utime + stime from the text of a {@code /proc/<pid>/stat}: fields 14 and 15, counted after the
   * command name, which is in parentheses and may itself hold spaces and parentheses.
   */
  static long cpuTicks(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after[0] is field 3 (state), so field n is after[n - 3].
    return Long.parseLong(after[14 - 3]) + Long.parseLong(after[15 - 3]);
  }
}
