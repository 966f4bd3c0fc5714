package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.ClusterInfo;
import io.jask.distributed.client.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless Chromium, on a real local cluster doing real work. */
@Tag("slow")
class DashboardBrowserTest {
  private static Client client;
  private static DashboardLink link;
  private ChromeDriver browser;

  @BeforeAll
  static void start() {
    client = Client.local(c -> c.processes(false).nWorkers(2).threadsPerWorker(2).dashboardAddress("127.0.0.1:0"));
    link = DashboardLink.parse(client.dashboardLink().orElseThrow());
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void closeBrowser() {
    browser.quit();
  }

  private WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private void openWithTheLink(String page) {
    browser.get(link.base() + "/status?token=" + link.token());
    waitUpTo(10).until(d -> d.getCurrentUrl().equals(link.base() + "/status"));
    if (!page.equals("/status")) {
      browser.get(link.base() + page);
    }
  }

  @Test
  void theStatusPageFillsItsTaskStreamAndProgressBarsDuringAComputation() {
    openWithTheLink("/status");
    waitUpTo(10).until(d -> d.findElement(By.id("conn")).getText().equals("live"));
    List<Long> inputs = LongStream.range(0, 300).boxed().toList();
    List<Future<Long>> fs = client.map(Work::slowSquare, inputs);
    String group = fs.get(0).key().group();

    // While it runs: the kind of task has a row whose bar is partly done, and bars appear in the stream.
    waitUpTo(30).until(d -> {
      Map<String, Object> row = progress(group);
      if (row == null) {
        return false;
      }
      double done = Double.parseDouble((String) row.get("done"));
      return done > 0 && done < 1;
    });
    waitUpTo(30).until(d -> Integer.parseInt(d.findElement(By.id("taskstream")).getAttribute("data-bars")) > 10
        && ((Number) js(PAINTED_PIXELS)).intValue() > 100);

    List<Long> results = client.gather(fs);
    List<Long> expected = new ArrayList<>();
    for (long x : inputs) {
      expected.add(x * x);
    }
    assertThat(results).isEqualTo(expected);
    waitUpTo(30).until(d -> progress(group) != null && "1".equals(progress(group).get("done")));
    Map<String, Object> row = progress(group);
    assertThat(row.get("figure")).isEqualTo("300 / 300");
    assertThat(((Number) row.get("memoryWidth")).intValue()).isPositive();
    waitUpTo(30).until(d -> Integer.parseInt(d.findElement(By.id("taskstream")).getAttribute("data-bars")) >= 300);
    assertThat(browser.findElements(By.cssSelector("#memory .memory-row"))).hasSize(2);
    fs.forEach(Future::release);
  }

  /** How many pixels of the task stream's canvas are painted with a bar's colour (not white, grey or black text). */
  private static final String PAINTED_PIXELS = "const c = document.querySelector('#taskstream canvas');"
      + "if (!c) return 0;"
      + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
      + "for (let i = 0; i < d.length; i += 4) {"
      + "  const r = d[i], g = d[i + 1], b = d[i + 2], a = d[i + 3];"
      + "  if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;"
      + "}"
      + "return n;";

  /** The progress row of a kind of task, read in one go (the page redraws it every tick). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> progress(String group) {
    return (Map<String, Object>) js("const r = document.querySelector(`.progress-row[data-group='${arguments[0]}']`);"
        + "if (!r) return null;"
        + "const m = r.querySelector('.seg.memory');"
        + "return {done: r.querySelector('.bar').dataset.done, figure: r.querySelector('.figure').textContent,"
        + " memoryWidth: m ? m.offsetWidth : 0};", group);
  }

  @Test
  void theGraphPageDrawsEveryTaskOfASmallGraphWithItsEdges() {
    List<Future<Long>> leaves = new ArrayList<>();
    for (long i = 0; i < 4; i++) {
      leaves.add(client.submit(Work::inc, 100 + i));
    }
    Future<Long> left = client.submit(Work::add, leaves.get(0), leaves.get(1));
    Future<Long> right = client.submit(Work::add, leaves.get(2), leaves.get(3));
    Future<Long> total = client.submit(Work::add, left, right);
    assertThat(total.result()).isEqualTo(101L + 102 + 103 + 104);

    openWithTheLink("/graph");
    Set<String> keys = new java.util.HashSet<>();
    leaves.forEach(f -> keys.add(f.key().toString()));
    keys.add(left.key().toString());
    keys.add(right.key().toString());
    keys.add(total.key().toString());
    waitUpTo(20).until(d -> ((Number) js("return window.jaskGraph ? window.jaskGraph.nodes().length : 0")).intValue() >= 7);
    @SuppressWarnings("unchecked")
    List<String> drawn = (List<String>) js("return window.jaskGraph.nodes().map(n => n.id())");
    assertThat(drawn).containsAll(keys);
    @SuppressWarnings("unchecked")
    List<String> edges = (List<String>) js("return window.jaskGraph.edges().map(e => e.source().id() + '>' + e.target().id())");
    assertThat(edges).contains(leaves.get(0).key() + ">" + left.key(), left.key() + ">" + total.key(),
        right.key() + ">" + total.key());
    Object colour = js("return window.jaskGraph.getElementById(arguments[0]).data('colour')", total.key().toString());
    assertThat(colour).isEqualTo("#d62728"); // in memory
    assertThat(browser.findElement(By.id("graph-count")).getAttribute("textContent")).matches("\\(\\d+ tasks\\)");
    assertThat(((Number) js("return document.querySelectorAll('#graph canvas').length")).intValue()).isPositive();
  }

  @Test
  void theWorkersTableListsEveryWorker() {
    openWithTheLink("/workers");
    ClusterInfo info = client.clusterInfo();
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#workers tbody tr")).size() == info.workers().size());
    @SuppressWarnings("unchecked")
    List<List<String>> rows = (List<List<String>>) js("return [...document.querySelectorAll('#workers tbody tr')]"
        + ".map(tr => [tr.dataset.worker, tr.cells[2].textContent, tr.querySelector('a').getAttribute('href')])");
    Set<String> shown = rows.stream().map(r -> r.get(0)).collect(Collectors.toSet());
    assertThat(shown).isEqualTo(info.workers().stream().map(ClusterInfo.WorkerInfo::address).collect(Collectors.toSet()));
    assertThat(rows).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("2"));

    browser.get(link.base() + rows.get(0).get(2));
    waitUpTo(20).until(d -> d.findElement(By.id("worker-name")).getAttribute("textContent").contains(rows.get(0).get(0)));
  }

  @Test
  void theInfoPageShowsTheSchedulerLogAndATasksStory() {
    Future<Long> f = client.submit(Work::inc, 9000L);
    assertThat(f.result()).isEqualTo(9001L);
    openWithTheLink("/info?key=" + java.net.URLEncoder.encode(f.key().toString(), java.nio.charset.StandardCharsets.UTF_8));
    waitUpTo(20).until(d -> d.findElement(By.id("story")).getText().contains("-> memory"));
    waitUpTo(20).until(d -> d.findElement(By.id("scheduler-log")).getText().contains("joined"));
  }

  @Test
  void withoutTheTokenPagesFeedsAndSocketsAreRefused() {
    browser.get(link.base() + "/status");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("needs its token");
    Object feed = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; fetch('/json/status.json').then(r => done(r.status));");
    assertThat(((Number) feed).intValue()).isEqualTo(401);
    Object socket = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const ws = new WebSocket('ws://' + location.host + '/ws?feed=status');"
            + "ws.onmessage = () => done('message'); ws.onopen = () => setTimeout(() => done('open'), 1000);"
            + "ws.onclose = (e) => done('closed ' + e.code);");
    assertThat(String.valueOf(socket)).isEqualTo("closed 1006");
    browser.get(link.base() + "/status?token=not-the-token");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("token is wrong");
  }
}
