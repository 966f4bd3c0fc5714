package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
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
    Thread busy = new Thread(() -> {
      long end = System.nanoTime() + 300_000_000L;
      double x = 0;
      while (System.nanoTime() < end) {
        x += Math.sqrt(x + 1);
      }
      if (x == 42) {
        System.out.println(x);
      }
    }, "jask-dashboard-test-spin");
    busy.start();
    // Read while it still lives: a thread's time goes with it when it ends.
    Thread.sleep(250);
    WatchingCpu.Reading used = cpu.read().minus(before);
    busy.join();
    assertThat(used.dashboardSeconds()).isGreaterThan(0.05);
    assertThat(used.browserSeconds()).isGreaterThan(0.0);
    assertThat(cpuOfNoBrowser().browserSeconds()).isNaN();
  }

  private static WatchingCpu.Reading cpuOfNoBrowser() {
    return new WatchingCpu(Optional.empty()).read();
  }
}
