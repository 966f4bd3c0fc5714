package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.JaskException;
import io.jask.distributed.client.Client;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshCluster} against the real sshd on loopback that .ci/run starts. */
@Tag("slow")
class SshClusterTest {
  @TempDir Path dir;

  @BeforeEach
  void needsSshd() {
    Services.requireSshd();
  }

  @Test
  void theTokenIsOnNoCommandLineAndInNoEnvironmentAndTheDashboardCanBeForwarded() throws Exception {
    try (SshCluster cluster = SshCluster.start(o -> o.hosts(Services.SSH_HOST).connect(Services.ssh())
            .nWorkers(2).threadsPerWorker(2).memoryLimit("256MiB"));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      assertThat(ClusterContractTest.sumOfSquares(client, 30)).isEqualTo(Tasks.sumOfSquares(30));
      assertThat(cluster.workers()).hasSize(2);
      assertThat(cluster.logs()).containsOnlyKeys("ssh-worker-0", "ssh-worker-1");

      // The host is this machine: every process's command line and environment can be read here.
      String token = cluster.token().value();
      List<String> leaks = new ArrayList<>();
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          for (String file : List.of("cmdline", "environ")) {
            try {
              if (new String(Files.readAllBytes(p.resolve(file)), StandardCharsets.UTF_8).contains(token)) {
                leaks.add(p + "/" + file);
              }
            } catch (IOException gone) {
              // the process ended meanwhile
            }
          }
        }
      }
      assertThat(leaks).as("processes showing the token").isEmpty();

      DashboardTunnel dashboard = cluster.dashboard();
      String at = Services.SSH_USER + "@" + Services.SSH_HOST;
      assertThat(dashboard.command()).isEqualTo(Services.SSH_PORT == 22
          ? "ssh -L 8787:127.0.0.1:8787 " + at
          : "ssh -L 8787:127.0.0.1:8787 -p " + Services.SSH_PORT + " " + at);
      assertThat(dashboard.link()).isEqualTo("http://localhost:8787/status?token=" + token);
      assertThat(dashboard.instructions()).contains(dashboard.command(), dashboard.link());
      assertThat(dashboard.toString()).contains(dashboard.command()).doesNotContain(token);
      assertThat(cluster.toString()).contains(dashboard.command()).doesNotContain(token);
    }
  }

  @Test
  void anUnreachableHostIsNamed() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> SshCluster.start(o -> o.hosts("127.0.0.1").connect(Services.ssh().withPort(closedPort))))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> SshCluster.start(o -> o.hosts("no-such-host.invalid").connect(Services.ssh())))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("no-such-host.invalid");
  }

  @Test
  void aSchedulerThatCannotStartIsReportedWithTheHostAndItsOutput() {
    assertThatThrownBy(() -> SshCluster.start(o -> o.hosts(Services.SSH_HOST).connect(Services.ssh())
            .java("/nonexistent/bin/java")))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("the scheduler on " + Services.SSH_HOST)
        .hasMessageContaining("/nonexistent/bin/java");
  }

  @Test
  void aWorkerThatCannotStartIsReportedWithTheHostAndItsOutput() {
    assertThatThrownBy(() -> SshCluster.start(o -> o.hosts(Services.SSH_HOST).connect(Services.ssh())
            .workerJvmOptions(List.of("-XX:+NoSuchJvmOption"))))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("worker ssh-worker-0 on " + Services.SSH_HOST)
        .hasMessageContaining("NoSuchJvmOption");
  }

  @Test
  void hostKeysFollowTheKnownHostsPolicy() throws IOException {
    Path knownHosts = dir.resolve("known_hosts");
    Files.createFile(knownHosts);
    SshConnectOptions strict = Services.ssh().withKnownHosts(KnownHosts.STRICT).withKnownHostsFile(knownHosts);
    assertThatThrownBy(() -> SshSession.open(Services.SSH_HOST, strict).close())
        .isInstanceOf(JaskException.class)
        .hasMessageContaining(Services.SSH_HOST);

    SshConnectOptions acceptNew = strict.withKnownHosts(KnownHosts.ACCEPT_NEW);
    try (SshSession session = SshSession.open(Services.SSH_HOST, acceptNew)) {
      assertThat(session.run("say hello", "echo hello", null, java.time.Duration.ofSeconds(30)).strip())
          .isEqualTo("hello");
    }
    assertThat(Files.readString(knownHosts)).contains("ssh-ed25519");
    try (SshSession session = SshSession.open(Services.SSH_HOST, strict)) {
      assertThat(session.isConnected()).isTrue();
    }
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path missing = dir.resolve("no-key");
    assertThatThrownBy(() -> SshSession.open(Services.SSH_HOST, Services.ssh().withIdentityFile(missing)))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void optionsFailFast() {
    SshClusterOptions o = SshCluster.options();
    assertThatThrownBy(() -> o.hosts(List.of())).hasMessageContaining("hosts");
    assertThatThrownBy(() -> o.hosts("a b")).hasMessageContaining("a b");
    assertThatThrownBy(() -> o.threadsPerWorker(0)).hasMessageContaining("threadsPerWorker");
    assertThatThrownBy(() -> SshConnectOptions.defaults().withPort(0)).hasMessageContaining("port");
    assertThatThrownBy(() -> SshCluster.start(x -> {})).hasMessageContaining("hosts");
  }
}
