package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WatchingCpuTest {
  @Test
  void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (chromium (renderer) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 8 9 20 0 12 0 99 0 0";
    assertThat(WatchingCpu.cpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void theCpuOfThisProcessAndOfADashboardThreadIsCounted() throws Exception {
    long self = ProcessHandle.current().pid();
    // Independently of the parser: /proc/self/stat read the plain way.
    String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"))
        .replaceAll("^.*\\) ", "").split(" ");
    long plain = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    assertThat(WatchingCpu.cpuTicks(self)).isGreaterThanOrEqualTo(plain);

    WatchingCpu cpu = new WatchingCpu(Optional.of(ProcessHandle.current()));
    WatchingCpu.Reading before = cpu.read();
    CountDownLatch spun = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    Thread busy = new Thread(() -> {
      // Spins until it has used 200 ms of CPU by its own account, however loaded the machine is,
      // then stays alive until read: a thread's time goes with it when it ends.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double x = 0;
      while (threads.getCurrentThreadCpuTime() < 200_000_000L) {
        x += Math.sqrt(x + 1);
      }
      if (x == 42) {
        System.out.println(x);
      }
      spun.countDown();
      try {
        read.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "jask-dashboard-test-spin");
    busy.start();
    spun.await();
    WatchingCpu.Reading used = cpu.read().minus(before);
    read.countDown();
    busy.join();
    assertThat(used.dashboardSeconds()).isGreaterThanOrEqualTo(0.2);
    assertThat(used.browserSeconds()).as("this process, counted as the browser").isGreaterThanOrEqualTo(0.1);
    assertThat(cpuOfNoBrowser().browserSeconds()).isNaN();
  }

  private static WatchingCpu.Reading cpuOfNoBrowser() {
    return new WatchingCpu(Optional.empty()).read();
  }
}
