package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.deploy.Cluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** The cluster contract for {@link SshCluster}, against the real sshd on loopback. */
class SshClusterContractTest extends ClusterContractTest {
  private Map<String, String> directories;

  @BeforeEach
  void needsSshd() {
    Services.requireSshd();
  }

  @Override
  Cluster start() {
    SshCluster cluster = SshCluster.start(o -> o.hosts(Services.SSH_HOST).connect(Services.ssh())
        .nWorkers(1).threadsPerWorker(1).memoryLimit("256MiB"));
    directories = cluster.directories();
    return cluster;
  }

  @Override
  void killOneWorker(Cluster cluster) {
    String where = ((SshCluster) cluster).workerProcesses().values().iterator().next();
    String pid = where.substring(where.lastIndexOf(':') + 1);
    try (SshSession session = SshSession.open(Services.SSH_HOST, Services.ssh())) {
      session.run("kill a worker", "kill -9 " + pid, null, Duration.ofSeconds(30));
    }
  }

  @Override
  void assertNothingLeft(Cluster cluster) {
    String dir = directories.get(Services.SSH_HOST);
    try (SshSession session = SshSession.open(Services.SSH_HOST, Services.ssh())) {
      // Every remote process of the cluster names its directory on its command line (the token file's path).
      CommandResult processes = session.exec("pgrep -f " + Shell.quote(dir) + " | grep -v $$ || true", null,
          Duration.ofSeconds(30));
      assertThat(processes.stdout().strip()).as("processes left on the host").isEmpty();
      assertThat(session.exec("test -e " + Shell.quote(dir), null, Duration.ofSeconds(30)).exitStatus())
          .as("the cluster's directory " + dir + " is gone").isNotZero();
    }
  }
}
