package io.jask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jask scheduler} and {@code jask worker} as real processes, stopped with SIGTERM. */
@Tag("slow")
class ClusterCommandsProcessTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  static long pid(int x) {
    return ProcessHandle.current().pid();
  }

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aSchedulerAndAWorkerFromTheCommandLineComputeAndStopCleanly() throws Exception {
    Path tokenFile = dir.resolve("token");
    Path schedulerFile = dir.resolve("scheduler.json");
    Process scheduler = jask("scheduler.log", "scheduler", "--port", "0", "--token-file", tokenFile.toString(),
        "--scheduler-file", schedulerFile.toString(), "--heartbeat-timeout", "5");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(schedulerFile) || !scheduler.isAlive());
    assertThat(scheduler.isAlive()).as(log("scheduler.log")).isTrue();
    String address = SchedulerFile.read(schedulerFile);
    AuthToken token = TokenFiles.read(tokenFile);
    CommOptions options = Protocol.commOptions(token, null);

    Process worker = jask("worker.log", "worker", "--scheduler-file", schedulerFile.toString(),
        "--token-file", tokenFile.toString(), "--nthreads", "2", "--memory-limit", "512MB", "--name", "cli-worker");
    await().atMost(Duration.ofSeconds(20)).until(() -> !BareClient.workers(address, options).isEmpty()
        || !worker.isAlive());
    assertThat(BareClient.workers(address, options)).as(log("worker.log")).singleElement().satisfies(w -> {
      assertThat(w.name()).isEqualTo("cli-worker");
      assertThat(w.nthreads()).isEqualTo(2);
      assertThat(w.memoryLimit()).isEqualTo(512_000_000L);
    });

    Delayed<Integer> z = Jask.delayed(ClusterCommandsProcessTest::add,
        Jask.delayed(ClusterCommandsProcessTest::inc, 1), Jask.delayed(ClusterCommandsProcessTest::inc, 2));
    assertThat(BareClient.compute(address, options, z, Duration.ofSeconds(30))).isEqualTo(5);
    assertThat(BareClient.compute(address, options, Jask.delayed(ClusterCommandsProcessTest::pid, 0),
        Duration.ofSeconds(30))).isEqualTo(worker.pid());

    worker.destroy(); // SIGTERM
    assertThat(worker.waitFor(15, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> BareClient.workers(address, options).isEmpty());

    scheduler.destroy();
    assertThat(scheduler.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(schedulerFile).doesNotExist();
    for (String name : List.of("scheduler.log", "worker.log")) {
      assertThat(log(name)).doesNotContain(token.value()).doesNotContain("Exception");
    }
    assertThat(log("worker.log")).contains("cli-worker");
  }

  @Test
  void aWorkerGivenTheWrongTokenExitsWithAClearError() throws Exception {
    Path tokenFile = dir.resolve("token");
    Path schedulerFile = dir.resolve("scheduler.json");
    Process scheduler = jask("scheduler.log", "scheduler", "--port", "0", "--token-file", tokenFile.toString(),
        "--scheduler-file", schedulerFile.toString());
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(schedulerFile) || !scheduler.isAlive());
    Path wrong = Files.writeString(dir.resolve("wrong"), AuthToken.generate().value());
    Process worker = jask("worker.log", "worker", "--scheduler-file", schedulerFile.toString(),
        "--token-file", wrong.toString());
    assertThat(worker.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(1);
    assertThat(log("worker.log")).contains("jask worker:", "authentication failed");
    assertThat(scheduler.isAlive()).isTrue();
    scheduler.destroy();
    assertThat(scheduler.waitFor(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aWorkerUnderItsNannyIsRestartedWhenKilledAndStopsWithIt() throws Exception {
    Path tokenFile = dir.resolve("token");
    Path schedulerFile = dir.resolve("scheduler.json");
    Process scheduler = jask("scheduler.log", "scheduler", "--port", "0", "--token-file", tokenFile.toString(),
        "--scheduler-file", schedulerFile.toString());
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(schedulerFile) || !scheduler.isAlive());
    String address = SchedulerFile.read(schedulerFile);
    CommOptions options = Protocol.commOptions(TokenFiles.read(tokenFile), null);
    Process nanny = jask("nanny.log", "worker", "--scheduler-file", schedulerFile.toString(),
        "--token-file", tokenFile.toString(), "--nthreads", "1", "--memory-limit", "384MB", "--memory-pause", "0.9",
        "--name", "nanny-worker", "--nanny", "--local-directory", dir.toString());
    await().atMost(Duration.ofSeconds(30)).until(() -> BareClient.workers(address, options).size() == 1
        || !nanny.isAlive());
    long first = BareClient.compute(address, options, Jask.delayed(ClusterCommandsProcessTest::pid, 1),
        Duration.ofSeconds(30));
    assertThat(first).isNotEqualTo(nanny.pid());
    assertThat(nanny.descendants().map(ProcessHandle::pid).toList()).contains(first);

    ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL the worker JVM
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(BareClient.compute(address, options, Jask.delayed(ClusterCommandsProcessTest::pid, 2),
            Duration.ofSeconds(30))).isNotEqualTo(first));
    assertThat(BareClient.workers(address, options)).singleElement()
        .satisfies(w -> assertThat(w.name()).isEqualTo("nanny-worker"));
    assertThat(log("nanny.log")).contains("died with exit status 137: starting a new one");

    List<ProcessHandle> children = nanny.descendants().toList();
    nanny.destroy(); // SIGTERM: the nanny stops its worker, which says goodbye
    assertThat(nanny.waitFor(20, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    await().atMost(Duration.ofSeconds(10)).until(() -> BareClient.workers(address, options).isEmpty());
    scheduler.destroy();
    assertThat(scheduler.waitFor(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void badMemoryThresholdsAreRefusedByName() throws Exception {
    Process worker = jask("worker.log", "worker", "tcp://127.0.0.1:1", "--memory-pause", "1.5");
    assertThat(worker.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(1);
    assertThat(log("worker.log")).contains("jask worker:", "pause", "1.5");
  }

  /** Starts {@code jask ARGS} in a JVM of its own, standard output and error to {@code logName}. */
  private Process jask(String logName, String... args) throws IOException {
    // Short-lived test JVMs start faster with the C1 compiler alone and the serial collector.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(logName).toFile());
    builder.environment().remove("JASK_TOKEN");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String log(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
