package io.jask.bench;

import io.jask.distributed.client.Client;

/** The clusters the distributed benchmarks run on, named as their RESULT lines name them. */
enum BenchClusters {
  /** The lesson's cluster: one worker of 4 threads inside this JVM. */
  DIST_INPROC("dist-inproc") {
    @Override
    Client start() {
      return Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(4));
    }
  },
  /** Two worker JVMs of one thread each. */
  DIST_2PROC("dist-2proc") {
    @Override
    Client start() {
      return Client.local(c -> c.processes(true).nWorkers(2).threadsPerWorker(1));
    }
  };

  private final String schedulerName;

  BenchClusters(String schedulerName) {
    this.schedulerName = schedulerName;
  }

  /** The {@code scheduler=} value of this cluster's RESULT lines. */
  String schedulerName() {
    return schedulerName;
  }

  /** A client owning a freshly started cluster of this kind; closing it stops the cluster. */
  abstract Client start();
}
