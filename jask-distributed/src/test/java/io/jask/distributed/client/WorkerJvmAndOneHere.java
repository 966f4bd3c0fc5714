package io.jask.distributed.client;

import static org.awaitility.Awaitility.await;

import io.jask.distributed.deploy.LocalCluster;
import io.jask.distributed.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of one single-threaded worker JVM and one worker in this JVM, with a client; closing
 * it stops both workers and the cluster.
 */
final class WorkerJvmAndOneHere implements AutoCloseable {
  final Client client;
  final LocalCluster cluster;
  /** The address of the worker JVM. */
  final String remote;
  /** The worker in this JVM. */
  final WorkerServer here;

  private WorkerJvmAndOneHere(Client client, LocalCluster cluster, String remote, WorkerServer here) {
    this.client = client;
    this.cluster = cluster;
    this.remote = remote;
    this.here = here;
  }

  /** Starts it, the worker JVM with {@code jvmOptions} besides fast-start ones, and waits for both workers. */
  static WorkerJvmAndOneHere start(Path dir, String... jvmOptions) {
    List<String> options = new ArrayList<>(List.of(jvmOptions));
    options.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    Client client = Client.local(c -> c.processes(true).nWorkers(1).threadsPerWorker(1).memoryLimit("256MB")
        .localDirectory(dir).jvmOptions(options));
    try {
      LocalCluster cluster = client.cluster().orElseThrow();
      String remote = client.clusterInfo().workers().get(0).address();
      WorkerServer here = WorkerServer.start(WorkerServer.options(cluster.schedulerAddress(), cluster.commOptions())
          .nthreads(1).ownsProcess(false).localDirectory(dir));
      WorkerJvmAndOneHere both = new WorkerJvmAndOneHere(client, cluster, remote, here);
      await().atMost(Duration.ofSeconds(10)).until(() -> client.clusterInfo().workers().size() == 2);
      return both;
    } catch (RuntimeException | Error e) {
      client.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      here.close();
    } finally {
      client.close();
    }
  }
}
