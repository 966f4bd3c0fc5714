package io.jask.distributed.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory a process uses: its resident set size from {@code /proc/PID/status} (Linux), and
 * for this JVM the memory actually in use, which a worker compares with its pause threshold.
 *
 * <p>A JVM's resident size rarely shrinks: the heap keeps the pages it once touched. So "in use"
 * here is the heap in use plus what the process holds outside its heap (resident size minus the
 * committed heap): it falls when a garbage collection frees results a worker dropped, and it still
 * counts native memory that tasks or buffers hold.
 */
public final class ProcessMemory {
  private ProcessMemory() {}

  /**
   * The resident set size of process {@code pid} in bytes, or -1 where it cannot be read (not
   * Linux, or the process is gone).
   */
  public static long residentBytes(long pid) {
    try {
      return parseResidentBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"),
          StandardCharsets.ISO_8859_1));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The {@code VmRSS} line of a {@code /proc/PID/status} text, in bytes; -1 if there is none.
   *
   * @throws IllegalArgumentException if the line is there but not a number of kB
   */
  static long parseResidentBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException("unexpected VmRSS line: '" + line + "'");
        }
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return -1;
  }

  /** The memory this JVM uses now: heap in use plus what it holds outside the heap, in bytes. */
  public static long inUse() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long rss = residentBytes(ProcessHandle.current().pid());
    long outsideHeap = rss >= 0
        ? Math.max(0, rss - heap.getCommitted())
        : ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
    return heap.getUsed() + outsideHeap;
  }
}
