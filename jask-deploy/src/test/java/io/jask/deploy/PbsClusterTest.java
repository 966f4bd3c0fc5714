package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.JaskException;
import io.jask.distributed.client.Client;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PbsCluster}: its job script against the expected text, and its submission path against a
 * stand-in {@code qsub}/{@code qdel} (Debian has no PBS server) that runs each job at once on this
 * machine, so the workers it starts are real and compute.
 */
class PbsClusterTest {
  @TempDir Path dir;
  private Path bin;

  @BeforeEach
  void installStandIns() throws IOException {
    bin = Files.createDirectory(dir.resolve("bin"));
    for (String name : List.of("qsub", "qdel")) {
      try (InputStream in = getClass().getResourceAsStream("/pbs-standin/" + name)) {
        Path file = bin.resolve(name);
        Files.copy(in, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  @AfterEach
  void noJobLeft() throws IOException {
    assertThat(runningStandInJobs()).as("stand-in jobs still running").isEmpty();
  }

  @Test
  void theJobScriptIsWhatPbsExpects() {
    try (PbsCluster cluster = PbsCluster.start(o -> o.jobName("jask-pbs").cores(8).processes(2).memory("16GiB")
        .walltime("01:30:00").queue("workq").account("proj42").extraDirectives(List.of("-l place=scatter"))
        .prologue(List.of("module load java/17")).localDirectory("$TMPDIR").logDirectory(dir.resolve("logs"))
        .java("/opt/java/bin/java").classpath("/opt/jask/jask.jar").jvmOptions(List.of("-XX:+UseParallelGC"))
        .lifetime(Duration.ofMinutes(80)).lifetimeStagger(Duration.ofMinutes(2)).commandDirectory(bin))) {
      String logs = dir.resolve("logs").toString();
      String token = cluster.directory().resolve("token").toString();
      String worker = "/opt/java/bin/java -Xmx8192m -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC -cp"
          + " /opt/jask/jask.jar io.jask.distributed.worker.WorkerMain " + cluster.schedulerAddress()
          + " --name \"jask-pbs-${JASK_JOB_ID}-%d\" --nthreads 4 --memory-limit 8589934592"
          + " --listen-address \"tcp://${JASK_HOST}:0\" --token-file " + token
          + " --lifetime 4800000ms --lifetime-stagger 120000ms >\"" + logs + "/jask-pbs-${JASK_JOB_ID}-%d.log\" 2>&1 &";
      assertThat(cluster.jobScript()).isEqualTo(String.join("\n",
          "#!/usr/bin/env bash",
          "",
          "#PBS -N jask-pbs",
          "#PBS -q workq",
          "#PBS -A proj42",
          "#PBS -l select=1:ncpus=8:mem=16384MB",
          "#PBS -l walltime=01:30:00",
          "#PBS -e " + logs + "/",
          "#PBS -o " + logs + "/",
          "#PBS -l place=scatter",
          "",
          "module load java/17",
          "JASK_JOB_ID=\"${PBS_JOBID}\"",
          "JASK_HOST=\"127.0.0.1\"",
          "cd \"$TMPDIR\" || exit 1",
          "trap 'kill $(jobs -p) 2>/dev/null' TERM",
          String.format(worker, 0, 0),
          String.format(worker, 1, 1),
          "wait",
          ""));
      assertThat(cluster.jobScript()).doesNotContain(cluster.token().value());
    }
  }

  @Test
  void oneWorkerPerJobIsExecdInTheForegroundWithItsLifetimeFromTheWalltime() {
    try (PbsCluster cluster = PbsCluster.start(o -> o.walltime("00:30:00").commandDirectory(bin))) {
      String script = cluster.jobScript();
      assertThat(script).contains("#PBS -N jask-worker", "#PBS -l select=1:ncpus=1:mem=1024MB",
          "#PBS -l walltime=00:30:00", "exec ", "--lifetime 1620000ms", "--lifetime-stagger 60000ms")
          .doesNotContain("#PBS -q", "#PBS -A", "\nwait\n");
    }
  }

  @Test
  @Tag("slow")
  void jobsSubmittedThroughQsubRunWorkersThatComputeAndQdelStopsThem() throws Exception {
    try (PbsCluster cluster = PbsCluster.start(o -> o.memory("256MiB").commandDirectory(bin)
            .pollInterval(Duration.ofMillis(200)));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      cluster.scale(2);
      assertThat(cluster.jobIds()).containsExactly("1.standin", "2.standin");
      cluster.waitForWorkers(2, Duration.ofMinutes(2));
      assertThat(ClusterContractTest.sumOfSquares(client, 30)).isEqualTo(Tasks.sumOfSquares(30));
      assertThat(cluster.logs()).containsOnlyKeys("jask-worker-1.standin-0", "jask-worker-2.standin-0");

      cluster.scale(1);
      assertThat(cluster.jobIds()).hasSize(1);
      await().atMost(Duration.ofMinutes(1)).until(() -> runningStandInJobs().size() == 1);
      assertThat(cluster.workers()).hasSize(1);
      assertThat(ClusterContractTest.sumOfSquares(client, 10)).isEqualTo(Tasks.sumOfSquares(10));
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> runningStandInJobs().isEmpty());
  }

  @Test
  void aSubmissionQsubRefusesFailsWithItsMessage() {
    try (PbsCluster cluster = PbsCluster.start(o -> o.queue("no-such-queue").commandDirectory(bin))) {
      assertThatThrownBy(() -> cluster.scale(1)).isInstanceOf(JaskException.class)
          .hasMessageContaining("qsub")
          .hasMessageContaining("exit status 170")
          .hasMessageContaining("Unknown queue");
    }
  }

  @Test
  void aMissingQsubIsNamed() {
    try (PbsCluster cluster = PbsCluster.start(o -> o.commandDirectory(dir.resolve("nowhere")))) {
      assertThatThrownBy(() -> cluster.scale(1)).isInstanceOf(JaskException.class)
          .hasMessageContaining("qsub").hasMessageContaining("installed");
    }
  }

  /** The stand-in's jobs whose process groups still have a live leader. */
  private List<Long> runningStandInJobs() throws IOException {
    Path state = bin.resolve("jobs");
    List<Long> alive = new ArrayList<>();
    if (!Files.isDirectory(state)) {
      return alive;
    }
    try (Stream<Path> files = Files.list(state)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        long pid = Long.parseLong(Files.readString(f).strip());
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> alive.add(pid));
      }
    }
    // qdel removes the pid file; a job that ended by itself leaves its file behind, dead.
    return alive;
  }
}
