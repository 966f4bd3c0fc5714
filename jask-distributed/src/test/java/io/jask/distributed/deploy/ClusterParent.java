package io.jask.distributed.deploy;

import java.nio.file.Path;

/**
 * A JVM that starts a LocalCluster with one worker process, prints the worker's process id and
 * waits to be killed: for testing that workers do not outlive their parent.
 */
public final class ClusterParent {
  private ClusterParent() {}

  public static void main(String[] args) throws InterruptedException {
    LocalCluster cluster = LocalCluster.start(c -> c.processes(true).nWorkers(1).threadsPerWorker(1)
        .memoryLimit("128MB").localDirectory(Path.of(args[0]))
        .jvmOptions(java.util.List.of(LocalClusterProcessesTest.FAST_START)));
    StringBuilder pids = new StringBuilder("worker-pids");
    ProcessHandle.current().children().forEach(p -> pids.append(' ').append(p.pid()));
    System.out.println(pids);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
    cluster.close();
  }
}
