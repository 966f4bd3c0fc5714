package io.jask.distributed.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU and heap this JVM uses, for a worker's heartbeats. Workers that share a JVM (threads of a
 * {@code processes(false)} cluster) each report the whole JVM's figures.
 */
final class ProcessCpu {
  private final com.sun.management.OperatingSystemMXBean os;
  private long lastCpuNanos;
  private long lastWallNanos;

  ProcessCpu() {
    OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    this.lastCpuNanos = cpuNanos();
    this.lastWallNanos = System.nanoTime();
  }

  /**
   * The CPU time this process used since the last call, per unit of wall time: 2.0 is two cores
   * busy. 0 where the JVM cannot tell. Not thread-safe: one caller (the heartbeat).
   */
  double coresUsed() {
    long cpu = cpuNanos();
    long wall = System.nanoTime();
    long elapsed = wall - lastWallNanos;
    double cores = cpu < 0 || lastCpuNanos < 0 || elapsed <= 0 ? 0 : (cpu - lastCpuNanos) / (double) elapsed;
    lastCpuNanos = cpu;
    lastWallNanos = wall;
    return Math.max(0, cores);
  }

  private long cpuNanos() {
    return os == null ? -1 : os.getProcessCpuTime();
  }

  /** Bytes of heap in use now. */
  static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
