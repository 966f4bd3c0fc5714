package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.deploy.Cluster;
import io.jask.distributed.deploy.LocalCluster;
import io.jask.distributed.worker.WorkerMain;
import java.util.List;

/** The cluster contract for {@link LocalCluster} with worker JVMs. */
class LocalClusterContractTest extends ClusterContractTest {
  @Override
  Cluster start() {
    return LocalCluster.start(c -> c.processes(true).nWorkers(1).threadsPerWorker(1).memoryLimit("256MiB"));
  }

  @Override
  void killOneWorker(Cluster cluster) {
    ProcessHandle victim = workerJvms().get(0);
    victim.destroyForcibly();
  }

  @Override
  void assertNothingLeft(Cluster cluster) {
    await().atMost(TIMEOUT).until(() -> workerJvms().isEmpty());
    assertThat(workerJvms()).isEmpty();
  }

  private static List<ProcessHandle> workerJvms() {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(WorkerMain.class.getName())).orElse(false))
        .toList();
  }
}
