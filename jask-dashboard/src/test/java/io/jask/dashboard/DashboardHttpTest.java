package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.deploy.DashboardAddress;
import io.jask.distributed.deploy.DashboardSettings;
import io.jask.distributed.deploy.LocalCluster;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.comm.AuthToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.eclipse.jetty.util.ajax.JSON;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over plain HTTP: the token gate, the cookie flow, the feeds, /metrics and /health. */
class DashboardHttpTest {
  private static Client client;
  private static DashboardLink link;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> GUARDED = List.of("/status", "/graph", "/workers", "/info", "/worker?address=x",
      "/json/status.json", "/json/graph.json", "/json/workers.json", "/json/info.json", "/json/story.json?key=x",
      "/metrics", "/performance-report", "/static/status.js", "/webjars/echarts.min.js", "/");

  @BeforeAll
  static void start() {
    client = Client.local(c -> c.processes(false).nWorkers(2).threadsPerWorker(2).dashboardAddress("127.0.0.1:0"));
    link = DashboardLink.parse(client.dashboardLink().orElseThrow());
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(link.base() + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> authorized(String path) throws Exception {
    return get(path, "Authorization", "Bearer " + link.token());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String path) throws Exception {
    HttpResponse<String> r = authorized(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    return (Map<String, Object>) new JSON().fromJSON(r.body());
  }

  @Test
  void theClientShowsTheLinkWhichIsOnLoopbackWithALongRandomToken() {
    assertThat(client.toString()).contains(" dashboard=" + link.base() + "/status?token=" + link.token());
    assertThat(client.cluster().orElseThrow().toString()).contains("dashboard=" + link.base());
    assertThat(link.base()).startsWith("http://127.0.0.1:");
    assertThat(link.token()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(link.token()).isNotEqualTo(client.cluster().orElseThrow().token().value());
  }

  @Test
  void healthAnswersWithoutAToken() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void pagesFeedsAndFilesRefuseRequestsWithoutTheToken() throws Exception {
    for (String path : GUARDED) {
      HttpResponse<String> none = get(path);
      assertThat(none.statusCode()).as("no token: " + path).isEqualTo(401);
      assertThat(none.body()).contains("needs its token").doesNotContain(link.token());
      assertThat(get(path, "Authorization", "Bearer wrong").statusCode()).as("wrong bearer: " + path).isEqualTo(403);
      assertThat(get(path, "Cookie", "jask-dashboard-" + link.port() + "=wrong").statusCode()).as("wrong cookie: " + path)
          .isEqualTo(403);
      String sep = path.contains("?") ? "&" : "?";
      assertThat(get(path + sep + "token=" + link.token().substring(1)).statusCode()).as("wrong link: " + path).isEqualTo(403);
    }
  }

  @Test
  void theLinkSetsAStrictHttpOnlyCookieAndRedirectsToThePageWithoutTheToken() throws Exception {
    HttpResponse<String> r = get("/status?token=" + link.token());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/status").doesNotContain("token");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("jask-dashboard-" + link.port() + "=" + link.token())
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");

    String nameValue = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> page = get("/status", "Cookie", nameValue);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Task stream").contains("/static/livestream.js");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    HttpResponse<String> library = get("/webjars/echarts.min.js", "Cookie", nameValue);
    assertThat(library.statusCode()).isEqualTo(200);
    assertThat(library.body().length()).isGreaterThan(500_000);

    HttpResponse<String> withQuery = get("/worker?address=tcp%3A%2F%2Fa%3A1&token=" + link.token());
    assertThat(withQuery.headers().firstValue("Location").orElseThrow()).endsWith("/worker?address=tcp%3A%2F%2Fa%3A1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStatusFeedCountsEveryTaskOfAKindAsAPlainLoopDoes() throws Exception {
    List<Long> inputs = LongStream.range(1000, 1040).boxed().toList();
    List<Future<Long>> fs = client.map(Work::slowSquare, inputs);
    List<Long> results = client.gather(fs);
    List<Long> expected = new ArrayList<>();
    for (long x : inputs) {
      expected.add(x * x);
    }
    assertThat(results).isEqualTo(expected);
    String group = fs.get(0).key().group();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Map<String, Object> status = json("/json/status.json");
      Map<String, Object> row = null;
      for (Object g : (Object[]) status.get("groups")) {
        if (((Map<String, Object>) g).get("name").equals(group)) {
          row = (Map<String, Object>) g;
        }
      }
      assertThat(row).as("progress of " + group).isNotNull();
      assertThat(row.get("memory")).isEqualTo(40L);
      assertThat(row.get("total")).isEqualTo(40L);
      assertThat(row.get("waiting")).isEqualTo(0L);
      long bars = 0;
      for (Object r : (Object[]) status.get("runs")) {
        Map<String, Object> run = (Map<String, Object>) r;
        if (run.get("group").equals(group)) {
          bars++;
          assertThat((Double) run.get("stop")).isGreaterThanOrEqualTo((Double) run.get("start"));
          assertThat((String) run.get("row")).matches("worker-\\d+ #[01]");
        }
      }
      assertThat(bars).isEqualTo(40);
    });
    fs.forEach(Future::release);
  }

  @Test
  void theStoryOfATaskComesFromTheScheduler() throws Exception {
    Future<Long> f = client.submit(Work::inc, 41L);
    assertThat(f.result()).isEqualTo(42L);
    Map<String, Object> story = json("/json/story.json?key=" + java.net.URLEncoder.encode(f.key().toString(), "UTF-8"));
    assertThat(String.join("\n", java.util.Arrays.stream((Object[]) story.get("story")).map(String::valueOf).toList()))
        .contains("processing").contains("-> memory");
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.]+(e[+-]?[0-9]+)?)$");

  private static Map<String, Double> metrics() throws Exception {
    HttpResponse<String> r = authorized("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
    Map<String, Double> values = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts[3]).isIn("gauge", "counter");
        types.put(parts[2], parts[3]);
      } else if (!line.startsWith("# HELP ")) {
        Matcher m = SAMPLE.matcher(line);
        assertThat(m.matches()).as("a sample line: " + line).isTrue();
        assertThat(types).as("TYPE before " + line).containsKey(m.group(1));
        values.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
      }
    }
    return values;
  }

  @Test
  void metricsAreInThePrometheusTextFormatAndCountTheTasksRun() throws Exception {
    double before = metrics().get("jask_tasks_completed_total");
    List<Future<Long>> fs = client.map(Work::inc, LongStream.range(5000, 5030).boxed().toList());
    assertThat(client.gather(fs)).hasSize(30);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(metrics().get("jask_tasks_completed_total")).isGreaterThanOrEqualTo(before + 30));
    Map<String, Double> m = metrics();
    assertThat(m.get("jask_workers")).isEqualTo(2.0);
    assertThat(m.get("jask_threads")).isEqualTo(4.0);
    for (String address : client.nthreads().keySet()) {
      assertThat(m.keySet()).anyMatch(k -> k.startsWith("jask_worker_heap_used_bytes{worker=\"" + address + "\""));
    }
    fs.forEach(Future::release);
  }

  @Test
  void theFeedSocketRefusesWithoutTheTokenAndFromAnotherSite() throws Exception {
    URI ws = URI.create(link.base().replace("http://", "ws://") + "/ws?feed=status");
    assertThat(handshakeStatus(http.newWebSocketBuilder(), ws)).isEqualTo(401);
    assertThat(handshakeStatus(http.newWebSocketBuilder().header("Cookie", "jask-dashboard-" + link.port() + "=nope"), ws))
        .isEqualTo(403);
    assertThat(handshakeStatus(http.newWebSocketBuilder()
        .header("Cookie", "jask-dashboard-" + link.port() + "=" + link.token())
        .header("Origin", "http://evil.example"), ws)).isEqualTo(403);
  }

  @Test
  void theFeedSocketSendsTheStatusToAHolderOfTheToken() throws Exception {
    URI ws = URI.create(link.base().replace("http://", "ws://") + "/ws?feed=status");
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket = http.newWebSocketBuilder()
        .header("Authorization", "Bearer " + link.token())
        .buildAsync(ws, new WebSocket.Listener() {
          final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              first.complete(text.toString());
            }
            webSocket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      String message = first.get(10, TimeUnit.SECONDS);
      assertThat(message).startsWith("{").contains("\"groups\":").contains("\"workers\":").contains("\"runs\":");
    } finally {
      socket.abort();
    }
  }

  private static int handshakeStatus(WebSocket.Builder builder, URI uri) throws Exception {
    try {
      WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void badRequestsAreAnsweredWithWhatIsWrong() throws Exception {
    assertThat(authorized("/json/worker.json").statusCode()).isEqualTo(400);
    HttpResponse<String> since = authorized("/performance-report?since=yesterday");
    assertThat(since.statusCode()).isEqualTo(400);
    assertThat(since.body()).contains("yesterday");
    assertThat(authorized("/nothing-here").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(link.base() + "/status"))
        .header("Authorization", "Bearer " + link.token()).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void thePerformanceReportIsOneFileWithItsScriptsAndData(@TempDir Path dir) throws Exception {
    List<Future<Long>> fs = client.map(Work::inc, LongStream.range(7000, 7025).boxed().toList());
    client.gather(fs);
    String group = fs.get(0).key().group();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(authorized("/json/status.json").body()).contains("\"name\":\"" + group + "\""));
    Path report = client.performanceReport(dir.resolve("sub/report.html"));
    String html = Files.readString(report);
    assertThat(html).contains("window.JASK_REPORT = {").contains("\"group\":\"" + group + "\"").contains("echarts");
    assertThat(html).doesNotContain("<script src").doesNotContain("<link ").doesNotContain(link.token());
    assertThat(html.split("\"group\":\"" + group + "\"", -1)).hasSizeGreaterThanOrEqualTo(26);
    fs.forEach(Future::release);
  }

  @Test
  void aTakenPortMovesTheDashboardToTheNextFreeOne() {
    SchedulerServer other = SchedulerServer.start("tcp://127.0.0.1:0",
        Protocol.commOptions(AuthToken.generate(), null), SchedulerConfig.defaults(), Duration.ofSeconds(10));
    try (Dashboard second = Dashboard.start(other, DashboardSettings.at(new DashboardAddress("127.0.0.1", link.port())))) {
      assertThat(DashboardLink.parse(second.link()).port()).isGreaterThan(link.port());
      assertThat(other.services()).containsEntry("dashboard", second.link());
    } finally {
      other.close();
    }
  }

  @Test
  void aClusterWithoutADashboardHasNoLinkAndABadAddressIsNamed() {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(1).threadsPerWorker(1).dashboard(false))) {
      assertThat(cluster.dashboardLink()).isEmpty();
      assertThat(cluster.toString()).doesNotContain("dashboard");
    }
    assertThatThrownBy(() -> LocalCluster.options().dashboardAddress("localhost:port"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost:port");
    assertThatThrownBy(() -> LocalCluster.options().dashboardAddress(":70000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }
}
