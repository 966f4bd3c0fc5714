package io.jask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jask scheduler} serves the dashboard and shows its link; {@code jask demo} prints it. */
class DashboardCommandsTest {
  private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+))/status\\?token=([A-Za-z0-9_-]+)");
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedErr;

  @BeforeEach
  void captureErr() {
    savedErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(savedErr);
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSchedulerServesTheDashboardAndShowsItsLinkOnce() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> exit.complete(Main.run("scheduler", "--port", "0", "--dashboard-address", ":0",
        "--token-file", dir.resolve("token").toString())));
    thread.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> LINK.matcher(errText()).find());
      Matcher m = LINK.matcher(errText());
      assertThat(m.find()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/json/workers.json"))
          .header("Authorization", "Bearer " + m.group(3)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(withToken.statusCode()).isEqualTo(200);
      assertThat(withToken.body()).contains("\"workers\":[]");
      HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/status")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(without.statusCode()).isEqualTo(401);
    } finally {
      thread.interrupt();
    }
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(0);
  }

  @Test
  void aBadDashboardAddressIsNamedAndNoDashboardServesNone() throws Exception {
    assertThat(Main.run("scheduler", "--port", "0", "--dashboard-address", "here:there",
        "--token-file", dir.resolve("token").toString())).isEqualTo(1);
    assertThat(errText()).contains("here:there");
    assertThat(Main.run("scheduler", "--port", "0", "--dashboard-https",
        "--token-file", dir.resolve("token").toString())).isEqualTo(1);
    assertThat(errText()).contains("--dashboard-https needs --tls-cert");

    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> exit.complete(Main.run("scheduler", "--port", "0", "--no-dashboard",
        "--token-file", dir.resolve("token").toString(), "--scheduler-file", dir.resolve("s.json").toString())));
    thread.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> dir.resolve("s.json").toFile().exists());
    thread.interrupt();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(errText()).doesNotContain("Dashboard:");
  }

  @Test
  void theDemoPrintsTheDashboardLinkOfItsCluster() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("demo", "--chunks", "8", "--samples", "1000", "--threads", "2");
    } finally {
      System.setOut(savedOut);
    }
    assertThat(code).isEqualTo(0);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("Dashboard \\(open it now to watch\\): " + LINK.pattern());
    assertThat(text).containsPattern("<Client: 'tcp://127\\.0\\.0\\.1:\\d+' workers=1 threads=4 memory=.* dashboard=http://");
  }
}
