package io.jask.bench;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench dashboard}: what watching costs. Two clusters like {@code jask bench
 * futures}' {@code dist-inproc} (one worker of 4 threads in this JVM), started side by side: one
 * without a dashboard, one whose status page is open in a headless Chromium the whole time. Rounds
 * of the futures workload (10,000 tiny tasks submitted one by one, then gathered; then {@code
 * map}) alternate between the two, so that both see the same machine; each figure is the median
 * of {@code --repeat} rounds after a warm-up. Beside the times it prints the CPU seconds the
 * browser's processes and the dashboard's threads used per round, so that the cost is attributed.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Scheduler throughput with the dashboard's status page open in a headless Chromium, and without.")
final class DashboardBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tasks", defaultValue = "10000", description = "Tasks per round (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--repeat", defaultValue = "7", description = "Measured rounds; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", description = "The browser (default: ${DEFAULT-VALUE}).")
  Path chromium;

  @Option(names = "--no-browser",
      description = "Serve the dashboard but open no page: what observing costs the scheduler by itself.")
  boolean noBrowser;

  /** Offsets keys between rounds: pure keys equal to an earlier round's would be reused, not run. */
  private long round;

  @Override
  public Integer call() throws Exception {
    if (tasks < 1 || repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--tasks and --repeat must be at least 1");
    }
    if (!noBrowser && !Files.isExecutable(chromium)) {
      throw new ParameterException(spec.commandLine(), "no browser at " + chromium
          + ": install Debian's chromium, or name one with --chromium");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Client plain = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(4).dashboard(false));
        Client watched = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(4).dashboardAddress("127.0.0.1:0"))) {
      String link = watched.dashboardLink().orElseThrow(() -> new IllegalStateException("no dashboard was started"));
      try (Browser browser = noBrowser ? null : Browser.open(chromium, link)) {
        if (!noBrowser) {
          awaitOpenPage(link);
        }
        WatchingCpu cpu = new WatchingCpu(Optional.ofNullable(browser).map(b -> b.process().toHandle()));
        compare(out, "submit", plain, watched, this::submitAll, cpu);
        compare(out, "map", plain, watched, this::mapAll, cpu);
        out.printf(Locale.ROOT, "# %d dashboard page(s) open at the end%n", openPages(link));
      }
    }
    out.flush();
    return 0;
  }

  private void compare(PrintWriter out, String workload, Client plain, Client watched, Consumer<Client> run,
      WatchingCpu cpu) {
    run.accept(plain); // warm-up, unreported
    run.accept(watched);
    Round[] off = new Round[repeat];
    Round[] on = new Round[repeat];
    for (int r = 0; r < repeat; r++) {
      // Alternate which goes first, so drift in the machine's speed favours neither.
      if (r % 2 == 0) {
        off[r] = Round.of(run, plain, cpu);
        on[r] = Round.of(run, watched, cpu);
      } else {
        on[r] = Round.of(run, watched, cpu);
        off[r] = Round.of(run, plain, cpu);
      }
    }
    double offSeconds = Round.median(off, Round::seconds);
    double onSeconds = Round.median(on, Round::seconds);
    String name = "dashboard_" + workload + "_" + (tasks % 1000 == 0 ? (tasks / 1000) + "k" : String.valueOf(tasks));
    out.printf(Locale.ROOT, "RESULT name=%s scheduler=dist-inproc dashboard=off tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
        name, tasks, offSeconds, tasks / offSeconds);
    String watching = noBrowser ? "served" : "browser";
    out.printf(Locale.ROOT, "RESULT name=%s scheduler=dist-inproc dashboard=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
        name, watching, tasks, onSeconds, tasks / onSeconds);
    // Each round with the dashboard against the one without it run beside it: on a busy machine the
    // median of these paired ratios is steadier than the ratio of the two medians.
    double[] paired = new double[repeat];
    for (int r = 0; r < repeat; r++) {
      paired[r] = on[r].seconds() / off[r].seconds();
    }
    out.printf(Locale.ROOT, "RATIO name=%s dashboard=%s throughput_vs_without=%.3f overhead_pct=%.1f"
            + " paired_overhead_pct=%.1f%n",
        name, watching, offSeconds / onSeconds, (onSeconds / offSeconds - 1) * 100, (Timing.median(paired) - 1) * 100);
    // What watching itself used, per round: with the watched cluster busy, and while the other one ran.
    cpuLine(out, name, watching, "with", on);
    cpuLine(out, name, watching, "without", off);
    out.flush();
  }

  private static void cpuLine(PrintWriter out, String name, String watching, String rounds, Round[] measured) {
    out.printf(Locale.ROOT, "CPU name=%s dashboard=%s rounds=%s seconds=%.3f browser_cpu_s=%.3f"
            + " browser_renderer_cpu_s=%.3f browser_gpu_cpu_s=%.3f browser_main_cpu_s=%.3f feed_cpu_s=%.3f%n",
        name, watching, rounds, Round.median(measured, Round::seconds),
        Round.median(measured, r -> r.cpu().browserSeconds()), Round.median(measured, r -> r.cpu().renderer()),
        Round.median(measured, r -> r.cpu().gpu()), Round.median(measured, r -> r.cpu().otherBrowser()),
        Round.median(measured, r -> r.cpu().dashboardSeconds()));
  }

  /** One timed round, and the CPU time the browser and the dashboard's threads used meanwhile. */
  private record Round(double seconds, WatchingCpu.Reading cpu) {
    static Round of(Consumer<Client> run, Client client, WatchingCpu cpu) {
      WatchingCpu.Reading before = cpu.read();
      long start = System.nanoTime();
      run.accept(client);
      double seconds = Timing.secondsSince(start);
      return new Round(seconds, cpu.read().minus(before));
    }

    static double median(Round[] rounds, ToDoubleFunction<Round> figure) {
      return Timing.median(Arrays.stream(rounds).mapToDouble(figure).toArray());
    }
  }

  private void submitAll(Client client) {
    long offset = ++round * tasks;
    List<Future<Long>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      futures.add(client.submit(Workloads::inc, offset + i));
    }
    check(client.gather(futures), offset);
    futures.forEach(Future::release);
  }

  private void mapAll(Client client) {
    long offset = ++round * tasks;
    List<Long> items = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      items.add(offset + i);
    }
    List<Future<Long>> futures = client.map(Workloads::inc, items);
    check(client.gather(futures), offset);
    futures.forEach(Future::release);
  }

  private static void check(List<Long> results, long offset) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) != offset + i + 1) {
        throw new IllegalStateException("task " + i + " gave " + results.get(i) + ", expected " + (offset + i + 1));
      }
    }
  }

  /** Waits until the dashboard counts the browser's status page among its open pages. */
  private static void awaitOpenPage(String link) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (openPages(link) < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the browser did not open the dashboard's status page within 60 s");
      }
      Thread.sleep(200);
    }
  }

  /** {@code jask_dashboard_open_pages} from the dashboard's /metrics. */
  private static int openPages(String link) {
    URI uri = URI.create(link);
    String token = uri.getQuery().substring("token=".length());
    try {
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(uri.resolve("/metrics")).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String line : metrics.body().split("\n")) {
        if (line.startsWith("jask_dashboard_open_pages ")) {
          return Integer.parseInt(line.substring(line.indexOf(' ') + 1).strip());
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** A headless Chromium showing one page, in a profile of its own that is deleted afterwards. */
  private record Browser(Process process, Path profile) implements AutoCloseable {
    static Browser open(Path chromium, String url) throws IOException {
      Path profile = Files.createTempDirectory("jask-bench-chromium");
      Process process = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--window-size=1400,1000", "--user-data-dir=" + profile, url)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return new Browser(process, profile);
    }

    @Override
    public void close() throws IOException {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

}
