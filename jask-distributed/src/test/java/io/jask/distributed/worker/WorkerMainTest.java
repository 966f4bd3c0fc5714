package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.TestCertificates;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker JVM's entry point, run inside this JVM. */
class WorkerMainTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parsesItsCommandLine() {
    WorkerArguments a = WorkerArguments.parse("tcp://127.0.0.1:8786", "--name", "w", "--nthreads", "3",
        "--memory-limit", "2GB", "--heartbeat-interval", "250", "--token-file", "t");
    assertThat(a.schedulerAddress()).isEqualTo("tcp://127.0.0.1:8786");
    assertThat(a.name()).isEqualTo("w");
    assertThat(a.nthreads()).isEqualTo(3);
    assertThat(a.memoryLimit()).isEqualTo(2_000_000_000L);
    assertThat(a.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(a.tokenSource()).isEqualTo(WorkerArguments.TokenSource.FILE);
    assertThat(a.tokenFile()).isEqualTo(Path.of("t"));
    assertThat(a.listenAddress()).isEqualTo("tcp://127.0.0.1:0");
    assertThat(WorkerArguments.parse("x:1").tokenSource()).isEqualTo(WorkerArguments.TokenSource.ENVIRONMENT);
  }

  @Test
  void badCommandLinesNameTheArgument() {
    assertThatThrownBy(() -> WorkerArguments.parse()).hasMessageContaining("address is missing");
    assertThatThrownBy(() -> WorkerArguments.parse("a:1", "--nthreads", "zero")).hasMessageContaining("'zero'");
    assertThatThrownBy(() -> WorkerArguments.parse("a:1", "--name")).hasMessageContaining("--name needs a value");
    assertThatThrownBy(() -> WorkerArguments.parse("a:1", "--token", "secret")).hasMessageContaining("'--token'");
    assertThatThrownBy(() -> WorkerArguments.parse("a:1", "--tls-cert", "c")).hasMessageContaining("--tls-key");
  }

  @Test
  void aBadCommandLineExitsWithStatus2AndTheUsage() {
    assertThat(WorkerMain.run(new String[] {"--bogus"}, stdin(""), Map.of(), err)).isEqualTo(2);
    assertThat(err()).contains("unexpected argument '--bogus'", "usage: WorkerMain");
  }

  @Test
  void withoutATokenItExitsWithStatus1() {
    assertThat(WorkerMain.run(new String[] {"tcp://127.0.0.1:1"}, stdin(""), Map.of(), err)).isEqualTo(1);
    assertThat(err()).contains("no token: set JASK_TOKEN");
    assertThat(WorkerMain.run(new String[] {"tcp://127.0.0.1:1", "--token-stdin"}, stdin(""), Map.of(), err))
        .isEqualTo(1);
    assertThat(err()).contains("standard input ended before a token");
  }

  @Test
  void aWrongTokenIsRefusedWithAClearError() {
    AuthToken token = AuthToken.generate();
    try (SchedulerServer scheduler = SchedulerServer.start("tcp://127.0.0.1:0", Protocol.commOptions(token, null),
        SchedulerConfig.defaults(), Duration.ofSeconds(10))) {
      int status = WorkerMain.run(new String[] {scheduler.address(), "--name", "w1"}, stdin(""),
          Map.of(WorkerMain.TOKEN_VARIABLE, AuthToken.generate().value()), err);
      assertThat(status).isEqualTo(1);
      assertThat(err()).contains("w1: could not start", "authentication failed");
      assertThat(scheduler.identitySnapshot().workers()).isEmpty();
    }
  }

  @Test
  void runsUntilTheSchedulerGoesAway(@TempDir Path dir) throws Exception {
    AuthToken token = AuthToken.generate();
    Path tokenFile = Files.writeString(dir.resolve("token"), token.value() + "\n");
    SchedulerServer scheduler = SchedulerServer.start("tcp://127.0.0.1:0", Protocol.commOptions(token, null),
        SchedulerConfig.defaults(), Duration.ofSeconds(10));
    try {
      CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> WorkerMain.run(
          new String[] {scheduler.address(), "--name", "w2", "--token-file", tokenFile.toString()},
          stdin(""), Map.of(), err));
      awaitWorkers(scheduler, 1);
      scheduler.close();
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(0);
    } finally {
      scheduler.close();
    }
  }

  @Test
  void joinsATlsSchedulerWithItsCertificateFiles(@TempDir Path dir) throws Exception {
    TestCertificates.generate(dir);
    AuthToken token = AuthToken.generate();
    TlsConfig tls = TlsConfig.fromPem(dir.resolve("server-chain.pem"), dir.resolve("server-key.pem"),
        dir.resolve("ca.pem"));
    SchedulerServer scheduler = SchedulerServer.start("tls://127.0.0.1:0", Protocol.commOptions(token, tls),
        SchedulerConfig.defaults(), Duration.ofSeconds(10));
    try {
      CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> WorkerMain.run(
          new String[] {scheduler.address(), "--name", "w4", "--listen-address", "tls://127.0.0.1:0",
              "--tls-cert", dir.resolve("client-chain.pem").toString(),
              "--tls-key", dir.resolve("client-key.pem").toString(), "--tls-ca", dir.resolve("ca.pem").toString()},
          stdin(""), Map.of(WorkerMain.TOKEN_VARIABLE, token.value()), err));
      awaitWorkers(scheduler, 1);
      assertThat(scheduler.identitySnapshot().workers().get(0).address()).startsWith("tls://");
      scheduler.close();
      assertThat(status.get(10, TimeUnit.SECONDS)).as(err()).isEqualTo(0);
    } finally {
      scheduler.close();
    }
  }

  @Test
  void stopsWhenStandardInputEnds() throws Exception {
    AuthToken token = AuthToken.generate();
    try (SchedulerServer scheduler = SchedulerServer.start("tcp://127.0.0.1:0", Protocol.commOptions(token, null),
            SchedulerConfig.defaults(), Duration.ofSeconds(10));
        PipedOutputStream parent = new PipedOutputStream()) {
      PipedInputStream stdin = new PipedInputStream(parent);
      parent.write((token.value() + "\n").getBytes(StandardCharsets.UTF_8));
      parent.flush();
      CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> WorkerMain.run(
          new String[] {scheduler.address(), "--name", "w3", "--token-stdin"}, stdin, Map.of(), err));
      awaitWorkers(scheduler, 1);
      parent.close(); // as when the parent dies
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(0);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> scheduler.identitySnapshot().workers().isEmpty());
    }
  }

  private static void awaitWorkers(SchedulerServer scheduler, int n) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> scheduler.identitySnapshot().workers().size() == n);
  }

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

}
