package io.jask.distributed.deploy;

import java.lang.management.ManagementFactory;

/**
 * The machine's physical memory: what {@link LocalCluster} divides among its workers, and what a
 * worker started on its own may use, unless told otherwise.
 */
public final class MachineMemory {
  /** Used when the JVM cannot tell: a modest machine's worth, so defaults stay usable. */
  private static final long FALLBACK = 4L << 30;

  private MachineMemory() {}

  /**
   * The physical memory of this machine, or of this container when it has a memory limit (the
   * JDK reads cgroup limits), in bytes.
   */
  public static long total() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      long bytes = os.getTotalMemorySize();
      if (bytes > 0) {
        return bytes;
      }
    }
    return FALLBACK;
  }
}
