package io.jask.distributed.client;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler and workers in this JVM, over real TCP on loopback, with a fresh token: the cluster
 * the client tests connect to. Workers are named {@code worker-N}, so their task threads are
 * {@code jask-worker-N-task-M}.
 */
final class TestCluster implements AutoCloseable {
  final AuthToken token = AuthToken.generate();
  final CommOptions options = Protocol.commOptions(token, null);
  final SchedulerServer scheduler;
  final List<WorkerServer> workers = new ArrayList<>();

  TestCluster(int nworkers, int threadsPerWorker) {
    this(nworkers, threadsPerWorker, SchedulerConfig.defaults().withValidate(true));
  }

  TestCluster(int nworkers, int threadsPerWorker, SchedulerConfig config) {
    scheduler = SchedulerServer.start("tcp://127.0.0.1:0", options, config, Duration.ofSeconds(10));
    try {
      for (int i = 0; i < nworkers; i++) {
        workers.add(WorkerServer.start(WorkerServer.options(scheduler.address(), options).nthreads(threadsPerWorker)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  String address() {
    return scheduler.address();
  }

  Client connect() {
    return Client.connect(address(), token.value());
  }

  /** A client that fetches every result over the network, even from these workers in this JVM. */
  Client connectOverNetwork() {
    return Client.connectOverNetwork(address(), options);
  }

  @Override
  public void close() {
    workers.forEach(WorkerServer::close);
    scheduler.close();
  }
}
