package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.protocol.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalCluster with real worker JVMs. */
@Tag("slow")
class LocalClusterProcessesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Short-lived test JVMs start faster with the C1 compiler alone and the serial collector. */
  static final String[] FAST_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

  @TempDir Path dir;

  @AfterEach
  void noChildProcessIsLeft() {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(liveDescendants()).isEmpty());
  }

  @Test
  void workerJvmsComputeKeepTheTokenSecretAndSurviveALostWorker() throws Exception {
    LocalCluster cluster = LocalCluster.start(c -> c.processes(true).nWorkers(2).threadsPerWorker(1)
        // The default heartbeat timeout: a killed worker's closed connection is noticed at once.
        .memoryLimit("256MB").localDirectory(dir)
        // Test resources set logging to warnings; the workers' logs should show their start.
        .jvmOptions(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info", FAST_START[0], FAST_START[1])));
    try (BareClient client = BareClient.connect(cluster)) {
      assertThat(cluster.identity().workers()).extracting(Messages.WorkerInfo::name)
          .containsExactlyInAnyOrder("worker-0", "worker-1");
      assertThat(cluster.identity().workers()).allSatisfy(w -> {
        assertThat(w.nthreads()).isEqualTo(1);
        assertThat(w.memoryLimit()).isEqualTo(256_000_000L);
      });
      assertThat(cluster.toString()).endsWith(", workers=2, threads=2, memory=488.28 MiB, processes]");

      List<ProcessHandle> workers = liveDescendants();
      assertThat(workers).hasSize(2);
      String token = cluster.token().value();
      for (ProcessHandle worker : workers) {
        String cmdline = procFile(worker, "cmdline");
        assertThat(cmdline).contains("io.jask.distributed.worker.WorkerMain", "-Xmx84m", "--token-stdin",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info")
            .doesNotContain(token);
        assertThat(procFile(worker, "environ")).doesNotContain(token);
      }
      Set<Long> workerPids = workers.stream().map(ProcessHandle::pid).collect(Collectors.toSet());

      Set<Long> ran = client.compute(pids(0, 8), TIMEOUT);
      assertThat(ran).isNotEmpty().doesNotContain(ProcessHandle.current().pid());
      assertThat(workerPids).containsAll(ran);
      assertThat(cluster.logs()).containsOnlyKeys("worker-0", "worker-1")
          .allSatisfy((name, log) -> assertThat(log).contains("registered with " + cluster.schedulerAddress())
              .doesNotContain(token));

      ProcessHandle victim = workers.get(0);
      victim.destroyForcibly();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.workers()).hasSize(1));
      Set<Long> afterwards = client.compute(pids(100, 104), TIMEOUT);
      // the survivor runs them, and so may the worker the nanny starts in the victim's place
      // once it has registered: never the dead worker, never the client's JVM
      assertThat(afterwards).isNotEmpty().doesNotContain(victim.pid(), ProcessHandle.current().pid());
      assertThat(afterwards.stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))
          .as("every task ran on a live worker JVM").isTrue();
    } finally {
      cluster.close();
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aWorkerJvmThatCannotStartFailsTheClusterWithItsOutput() {
    assertThatThrownBy(() -> LocalCluster.start(c -> c.processes(true).nWorkers(1).memoryLimit("128MB")
            .jvmOptions(List.of("-XX:+NoSuchJaskOption")).localDirectory(dir)))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("worker worker-0 stopped with exit status 1 before registering")
        .hasMessageContaining("NoSuchJaskOption");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aWorkerJvmWithAWrongTokenStopsWithAClearErrorAndTheClusterCarriesOn() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(1).threadsPerWorker(1));
        BareClient client = BareClient.connect(cluster)) {
      WorkerJvmCommand command = new WorkerJvmCommand("intruder", cluster.schedulerAddress(), 1, 128L << 20,
          "tcp://127.0.0.1:0", Duration.ofSeconds(1), null, List.of(FAST_START));
      JvmWorkerProcess intruder = new JvmWorkerProcess(command, AuthToken.generate(), dir.resolve("intruder.log"));
      intruder.start();
      assertThat(intruder.finished().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(intruder.output()).hasValueSatisfying(out ->
          assertThat(out).contains("intruder: could not start").contains("authentication failed"));

      assertThat(cluster.identity().workers()).extracting(Messages.WorkerInfo::name).containsExactly("worker-0");
      assertThat(client.compute(Jask.delayed(Tasks::inc, 1), TIMEOUT)).isEqualTo(2);
    }
  }

  @Test
  void workersDoNotOutliveAParentKilledOutright() throws Exception {
    Path log = dir.resolve("parent.log");
    Process parent = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", FAST_START[0],
            FAST_START[1],
            "-cp", System.getProperty("java.class.path"), ClusterParent.class.getName(), dir.toString())
        .redirectError(log.toFile())
        .start();
    List<ProcessHandle> workers = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the parent's output; its log: %s", Files.exists(log) ? Files.readString(log) : "")
          .startsWith("worker-pids ");
      for (String pid : line.substring("worker-pids ".length()).split(" ")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(workers::add);
      }
      assertThat(workers).hasSize(1);

      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs; the worker must notice by itself
      parent.waitFor();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(workers).noneMatch(ProcessHandle::isAlive));
    } finally {
      parent.destroyForcibly();
      workers.forEach(ProcessHandle::destroyForcibly);
    }
  }

  static Delayed<Set<Long>> pids(int from, int to) {
    List<Delayed<Long>> parts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      parts.add(Jask.delayed(Tasks::pid, i, 100));
    }
    return Jask.delayed(Tasks::distinct, parts);
  }

  static List<ProcessHandle> liveDescendants() {
    try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
      return all.filter(ProcessHandle::isAlive).toList();
    }
  }

  /** A file of /proc/PID, with NUL separators made spaces. */
  static String procFile(ProcessHandle process, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), name));
    return new String(bytes, StandardCharsets.ISO_8859_1).replace('\0', ' ');
  }
}
