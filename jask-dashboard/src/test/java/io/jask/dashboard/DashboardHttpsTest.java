package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.deploy.DashboardAddress;
import io.jask.distributed.deploy.DashboardSettings;
import io.jask.distributed.deploy.TlsFiles;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over HTTPS, with the PEM files a {@code tls://} cluster uses. */
class DashboardHttpsTest {
  @TempDir Path dir;
  private SchedulerServer scheduler;

  @BeforeEach
  void start() {
    scheduler = SchedulerServer.start("tcp://127.0.0.1:0", Protocol.commOptions(AuthToken.generate(), null),
        SchedulerConfig.defaults(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    scheduler.close();
  }

  @Test
  void servesHttpsWithASecureCookie() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
    TlsFiles files = new TlsFiles(cert.chain(), cert.key(), cert.chain());
    try (Dashboard dashboard = Dashboard.start(scheduler,
        new DashboardSettings(new DashboardAddress("127.0.0.1", 0), files, Map::of))) {
      DashboardLink link = DashboardLink.parse(dashboard.link());
      assertThat(link.base()).startsWith("https://127.0.0.1:");
      HttpClient http = HttpClient.newBuilder().sslContext(cert.trustingIt()).build();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(link.base() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(dashboard.link())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(opened.statusCode()).isEqualTo(303);
      assertThat(opened.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("Secure");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(link.base() + "/status")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aKeyThatIsNotPkcs8IsNamed() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
    Path bad = dir.resolve("bad-key.pem");
    Files.writeString(bad, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    TlsFiles files = new TlsFiles(cert.chain(), bad, cert.chain());
    assertThatThrownBy(() -> Dashboard.start(scheduler,
        new DashboardSettings(new DashboardAddress("127.0.0.1", 0), files, Map::of)))
        .isInstanceOf(JaskException.class).hasMessageContaining("bad-key.pem").hasMessageContaining("PKCS#8");
  }
}
