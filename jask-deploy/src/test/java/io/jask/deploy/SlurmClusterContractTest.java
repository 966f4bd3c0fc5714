package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.deploy.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The cluster contract for {@link SlurmCluster}, against the real single-node SLURM: losing a
 * worker is its job cancelled under the cluster's feet.
 */
class SlurmClusterContractTest extends ClusterContractTest {
  private final String jobName = "jask-contract-" + ProcessHandle.current().pid();
  private Path directory;

  @BeforeEach
  void needsSlurm() {
    Services.requireSlurm();
  }

  @Override
  Cluster start() {
    SlurmCluster cluster = SlurmCluster.start(o -> o.jobName(jobName).cores(1).memory("256MiB")
        .walltime("00:10:00").pollInterval(Duration.ofMillis(200)));
    directory = cluster.directory();
    cluster.scale(1);
    return cluster;
  }

  @Override
  void killOneWorker(Cluster cluster) {
    String job = ((SlurmCluster) cluster).jobIds().get(0);
    CommandResult r = LocalCommand.run(List.of("scancel", job), null, Duration.ofSeconds(30));
    assertThat(r.ok()).as(r.output()).isTrue();
  }

  @Override
  void assertNothingLeft(Cluster cluster) {
    CommandResult r = LocalCommand.run(List.of("squeue", "-h", "-n", jobName), null, Duration.ofSeconds(30));
    assertThat(r.stdout().strip()).as("jobs left in the queue").isEmpty();
    assertThat(Files.exists(directory)).as("the cluster's directory is gone").isFalse();
  }
}
