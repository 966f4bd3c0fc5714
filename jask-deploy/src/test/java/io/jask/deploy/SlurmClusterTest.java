package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.JaskException;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.deploy.WorkerChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SlurmCluster} against the real single-node SLURM that .ci/run starts. */
@Tag("slow")
class SlurmClusterTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private final String jobName = "jask-test-" + ProcessHandle.current().pid();

  @BeforeEach
  void needsSlurm() {
    Services.requireSlurm();
  }

  private SlurmCluster start(java.util.function.Consumer<JobQueueOptions> more) {
    return SlurmCluster.start(o -> {
      o.jobName(jobName).cores(1).memory("256MiB").walltime("00:10:00").pollInterval(Duration.ofMillis(200));
      more.accept(o);
    });
  }

  @Test
  void workersInSlurmJobsComputeAndScalingToZeroCancelsTheJobs() throws Exception {
    Path directory;
    try (SlurmCluster cluster = start(o -> o.processes(2).cores(2).memory("512MiB"));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      directory = cluster.directory();
      assertThat(cluster.jobScript()).contains("#SBATCH -J " + jobName, "--cpus-per-task=2", "--mem=512M",
          "#SBATCH -t 00:10:00", "wait").doesNotContain(cluster.token().value());
      cluster.scale(2); // one job of two workers
      assertThat(cluster.jobIds()).hasSize(1);
      assertThat(cluster.requestedWorkers()).isEqualTo(2);
      cluster.waitForWorkers(2, TIMEOUT);
      assertThat(squeue()).containsExactlyElementsOf(cluster.jobIds());
      // Each worker runs in the job: its name carries the job's id.
      String job = cluster.jobIds().get(0);
      assertThat(cluster.logs()).containsOnlyKeys(jobName + "-" + job + "-0", jobName + "-" + job + "-1");

      List<Future<Long>> squares = client.map(Tasks::sleepySquare, IntStream.range(0, 24).boxed().toList());
      assertThat(client.gather(squares, TIMEOUT).stream().mapToLong(Long::longValue).sum())
          .isEqualTo(Tasks.sumOfSquares(24));
      squares.forEach(Future::release);

      cluster.scaleJobs(0);
      assertThat(cluster.jobIds()).isEmpty();
      await().atMost(TIMEOUT).until(() -> squeue().isEmpty() && cluster.workers().isEmpty());
      System.out.println("RESULT name=slurm-worker-join joinTimesMillis="
          + cluster.joinTimes().stream().map(Duration::toMillis).toList());
    }
    assertThat(squeue()).as("no job left in the queue").isEmpty();
    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void aJobCancelledUnderTheClustersFeetIsReplacedAndTheComputationFinishes() throws Exception {
    try (SlurmCluster cluster = start(o -> {});
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      cluster.scale(2);
      cluster.waitForWorkers(2, TIMEOUT);
      List<String> before = cluster.jobIds();
      List<WorkerChange> changes = new CopyOnWriteArrayList<>();
      cluster.onWorkersChanged(changes::add);

      List<Future<Long>> squares = client.map(Tasks::sleepySquare, IntStream.range(0, 30).boxed().toList());
      await().atMost(TIMEOUT).until(() -> squares.stream().anyMatch(Future::isDone));
      String victim = before.get(0);
      assertThat(LocalCommand.run(List.of("scancel", victim), null, TIMEOUT).ok()).isTrue();

      assertThat(client.gather(squares, TIMEOUT).stream().mapToLong(Long::longValue).sum())
          .isEqualTo(Tasks.sumOfSquares(30));
      await().atMost(TIMEOUT).until(() -> !cluster.jobIds().contains(victim) && cluster.jobIds().size() == 2);
      cluster.waitForWorkers(2, TIMEOUT);
      assertThat(changes).anyMatch(c -> !c.joined() && c.worker().name().contains("-" + victim + "-"));
    }
    assertThat(squeue()).isEmpty();
  }

  @Test
  void workersRetireBeforeTheirWalltimeAndReplacementsCarryOn() throws Exception {
    try (SlurmCluster cluster = start(o -> o.lifetime(Duration.ofSeconds(20)).lifetimeStagger(Duration.ofSeconds(1)));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      assertThat(cluster.jobScript()).contains("--lifetime 20000ms", "--lifetime-stagger 1000ms");
      cluster.scale(1);
      cluster.waitForWorkers(1, TIMEOUT);
      String first = cluster.jobIds().get(0);

      // Work for longer than a worker lives: its worker retires, handing its results over to the
      // replacement the cluster started in time, which carries on.
      List<Future<Long>> squares = client.map(Tasks::sleepySquare, IntStream.range(0, 100).boxed().toList());
      await().atMost(TIMEOUT).until(() -> !cluster.jobIds().contains(first));
      assertThat(client.gather(squares, TIMEOUT).stream().mapToLong(Long::longValue).sum())
          .isEqualTo(Tasks.sumOfSquares(100));
      assertThat(cluster.jobIds()).isNotEmpty();
      assertThat(squeue()).doesNotContain(first);
    }
    assertThat(squeue()).isEmpty();
  }

  @Test
  void theLifetimeDefaultsToTheWalltimeLessAMargin() {
    JobQueueOptions o = SlurmCluster.options().walltime("01:00:00");
    assertThat(o.resolvedLifetime()).isEqualTo(Duration.ofMinutes(55));
    assertThat(o.resolvedStagger()).isEqualTo(Duration.ofMinutes(1));
    JobQueueOptions shortJob = SlurmCluster.options().walltime("00:02:00");
    assertThat(shortJob.resolvedLifetime()).isEqualTo(Duration.ofSeconds(108));
    assertThat(shortJob.resolvedStagger()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void jobsWhoseWorkersCannotStartAreReportedWithTheirOutput(@TempDir Path logs) {
    try (SlurmCluster cluster = start(o -> o.java("/nonexistent/bin/java").logDirectory(logs))) {
      cluster.scale(1);
      assertThatThrownBy(() -> cluster.waitForWorkers(1, TIMEOUT))
          .isInstanceOf(JaskException.class)
          .hasMessageContaining("ended before their workers registered")
          .hasMessageContaining("/nonexistent/bin/java");
    }
    assertThat(squeue()).isEmpty();
  }

  @Test
  void aSubmissionSlurmRefusesFailsWithItsMessage() {
    try (SlurmCluster cluster = start(o -> o.queue("no-such-partition"))) {
      assertThatThrownBy(() -> cluster.scale(1))
          .isInstanceOf(JaskException.class)
          .hasMessageContaining("sbatch")
          .hasMessageContaining("partition");
    }
  }

  private List<String> squeue() {
    CommandResult r = LocalCommand.run(List.of("squeue", "-h", "-n", jobName, "-o", "%i"), null, TIMEOUT);
    List<String> ids = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.strip());
      }
    }
    return ids;
  }
}
