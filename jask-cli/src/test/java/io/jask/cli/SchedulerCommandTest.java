package io.jask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.AuthenticationException;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommException;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jask scheduler} and {@code jask worker} run inside this JVM, on threads. */
class SchedulerCommandTest {
  @TempDir Path dir;

  @Test
  void aSchedulerWritesItsTokenAndAddressFilesServesThenStopsWhenInterrupted() throws Exception {
    Path tokenFile = dir.resolve("token");
    Path schedulerFile = dir.resolve("scheduler.json");
    Thread thread = new Thread(() -> exit.complete(Main.run("scheduler", "--port", "0",
        "--token-file", tokenFile.toString(), "--scheduler-file", schedulerFile.toString())));
    thread.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(schedulerFile));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    String address = SchedulerFile.read(schedulerFile);
    assertThat(address).startsWith("tcp://127.0.0.1:");
    CommOptions options = Protocol.commOptions(TokenFiles.read(tokenFile), null);
    try (Comm comm = Transports.connect(address, options)) {
      assertThat(comm.isClosed()).isFalse();
    }
    assertThatThrownBy(() -> Transports.connect(address, Protocol.commOptions(AuthToken.generate(), null)))
        .isInstanceOf(AuthenticationException.class);

    thread.interrupt();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(schedulerFile).doesNotExist();
    assertThatThrownBy(() -> Transports.connect(address, options)).isInstanceOf(CommException.class);
  }

  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  @Test
  void aWorkerWithoutATokenSaysHowToGiveOne() {
    assertThat(Main.run("worker", "tcp://127.0.0.1:1", "--token-file", dir.resolve("missing").toString()))
        .isEqualTo(1);
  }

  @Test
  void aWorkerNeedsExactlyOneWayToFindTheScheduler() {
    assertThat(Main.run("worker")).isEqualTo(1);
    assertThat(Main.run("worker", "tcp://127.0.0.1:1", "--scheduler-file", "s.json")).isEqualTo(1);
  }

  @Test
  void theSchedulerReusesAnExistingTokenFileAndReadsTheEnvironmentOtherwise() throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "kept-secret\n");
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(TokenFiles.forScheduler(tokenFile, Map.of(), err).value()).isEqualTo("kept-secret");
    assertThat(TokenFiles.forScheduler(null, Map.of("JASK_TOKEN", "from-env"), err).value()).isEqualTo("from-env");
    assertThat(TokenFiles.forWorker(null, Map.of("JASK_TOKEN", " from-env \n")).value()).isEqualTo("from-env");
    assertThatThrownBy(() -> TokenFiles.forWorker(null, Map.of())).hasMessageContaining("--token-file");
    Files.writeString(tokenFile, "  \n");
    assertThatThrownBy(() -> TokenFiles.read(tokenFile)).hasMessageContaining("is empty");
  }

  @Test
  void aGeneratedTokenIsShownOnceOnStandardError() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AuthToken token = TokenFiles.forScheduler(null, Map.of(), err);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("export JASK_TOKEN=" + token.value());
  }

  @Test
  void schedulerFilesRoundTrip() {
    Path file = dir.resolve("s.json");
    SchedulerFile.write(file, "tls://10.0.0.5:8786");
    assertThat(SchedulerFile.read(file)).isEqualTo("tls://10.0.0.5:8786");
    assertThatThrownBy(() -> SchedulerFile.read(dir.resolve("nope.json"))).hasMessageContaining("nope.json");
  }
}
