package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the README's picture of the status page while the demo's cluster work runs (the lesson's
 * cluster: one worker of 4 threads; pi from random chunks as futures, summed by a tree of tasks):
 * {@code mvn -pl jask-dashboard -am test -Dtest=StatusScreenshotTest
 * -Djask.dashboard.screenshot=$PWD/docs/dashboard-status.png}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "jask.dashboard.screenshot", matches = ".+")
class StatusScreenshotTest {
  @Test
  void statusPageDuringTheDemo() throws Exception {
    Path target = Path.of(System.getProperty("jask.dashboard.screenshot"));
    try (Client client = Client.local(c -> c.processes(false).threadsPerWorker(4).nWorkers(1).memoryLimit("2GB")
        .dashboardAddress("127.0.0.1:0"))) {
      DashboardLink link = DashboardLink.parse(client.dashboardLink().orElseThrow());
      ChromeDriver browser = HeadlessChromium.start();
      try {
        browser.get(link.base() + "/status?token=" + link.token());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("conn")).getText().equals("live"));
        List<Long> seeds = new ArrayList<>();
        for (long i = 0; i < 400; i++) {
          seeds.add(i);
        }
        List<Future<Long>> hits = client.map((Long seed) -> Work.hits(seed, 400_000), seeds);
        List<Future<Long>> level = hits;
        while (level.size() > 1) {
          List<Future<Long>> next = new ArrayList<>();
          for (int i = 0; i + 1 < level.size(); i += 2) {
            next.add(client.submit(Work::add, level.get(i), level.get(i + 1)));
          }
          if (level.size() % 2 == 1) {
            next.add(level.get(level.size() - 1));
          }
          level = next;
        }
        String group = hits.get(0).key().group();
        new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(50)).until(d -> {
          Object done = ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
              "const b = document.querySelector(`.progress-row[data-group='${arguments[0]}'] .bar`);"
                  + "return b ? Number(b.dataset.done) : 0;", group);
          return ((Number) done).doubleValue() > 0.45;
        });
        Thread.sleep(500); // one more feed message, so that the picture shows the latest bars
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, png);
        long total = level.get(0).result();
        assertThat(total).isBetween(400L * 400_000 * 3 / 4, 400L * 400_000);
      } finally {
        browser.quit();
      }
    }
  }
}
