package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.AuthenticationException;
import io.jask.distributed.comm.CommAddress;
import io.jask.distributed.comm.CommException;
import io.jask.distributed.comm.TestCertificates;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.worker.WorkerServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalCluster with workers inside this JVM, over real loopback sockets. */
class LocalClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void startsTheWorkersAskedForAndShowsThem() {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(3).threadsPerWorker(2).memoryLimit("1GB"))) {
      Messages.ClusterIdentity identity = cluster.identity();
      assertThat(identity.workers()).hasSize(3)
          .allSatisfy(w -> {
            assertThat(w.nthreads()).isEqualTo(2);
            assertThat(w.memoryLimit()).isEqualTo(1_000_000_000L);
          });
      assertThat(identity.workers()).extracting(Messages.WorkerInfo::name)
          .containsExactlyInAnyOrder("worker-0", "worker-1", "worker-2");
      assertThat(cluster.workers()).hasSize(3).allSatisfy(a -> assertThat(a).startsWith("tcp://127.0.0.1:"));
      assertThat(cluster.schedulerAddress()).startsWith("tcp://127.0.0.1:");
      assertThat(cluster.toString()).isEqualTo("LocalCluster[" + cluster.schedulerAddress()
          + ", workers=3, threads=6, memory=2.79 GiB]");
      assertThat(cluster.logs()).isEmpty(); // in-JVM workers log through this JVM's logging
    }
  }

  @Test
  void runsAGraphOnItsWorkers() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(2));
        BareClient client = BareClient.connect(cluster)) {
      Delayed<Integer> x = Jask.delayed(Tasks::inc, 1);
      Delayed<Integer> y = Jask.delayed(Tasks::inc, 2);
      Delayed<Integer> z = Jask.delayed(Tasks::add, x, y);
      assertThat(client.compute(z, TIMEOUT)).isEqualTo(5);
    }
  }

  @Test
  void theLessonsClusterHasOneWorkerWithFourThreadsAndTwoGigabytes() {
    try (LocalCluster cluster = LocalCluster.start(c -> c.processes(false).threadsPerWorker(4).nWorkers(1)
        .memoryLimit("2GB"))) {
      assertThat(cluster.toString()).endsWith(", workers=1, threads=4, memory=1.86 GiB]");
    }
  }

  @Test
  void defaultsSplitTheMachineAndGuardTheSchedulerWithAFreshToken() {
    int cores = Runtime.getRuntime().availableProcessors();
    try (LocalCluster a = LocalCluster.start(c -> { });
        LocalCluster b = LocalCluster.start(c -> { })) {
      assertThat(a.identity().workers()).singleElement().satisfies(w -> {
        assertThat(w.nthreads()).isEqualTo(cores);
        assertThat(w.memoryLimit()).isEqualTo(MachineMemory.total());
      });
      assertThat(CommAddress.parse(a.schedulerAddress()).host()).isEqualTo("127.0.0.1");
      assertThat(a.token().value()).isNotEqualTo(b.token().value());
      // Without the token nothing connects.
      assertThatThrownBy(() -> Transports.connect(a.schedulerAddress(), b.commOptions()))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void scalesUpAndDownAndKeepsComputing() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(1).threadsPerWorker(1));
        BareClient client = BareClient.connect(cluster)) {
      cluster.scale(4);
      assertThat(cluster.workers()).hasSize(4);
      assertThat(cluster.identity().workers()).extracting(Messages.WorkerInfo::name)
          .containsExactlyInAnyOrder("worker-0", "worker-1", "worker-2", "worker-3");
      assertThat(client.compute(sumOfIncs(0, 20), TIMEOUT)).isEqualTo(sum(0, 20));

      cluster.scale(2);
      // Retired gracefully: idle workers holding the least data went, whichever they were.
      assertThat(cluster.identity().workers()).hasSize(2);
      assertThat(cluster.logs()).isEmpty();
      assertThat(client.compute(sumOfIncs(100, 120), TIMEOUT)).isEqualTo(sum(100, 120));

      cluster.scale(0);
      assertThat(cluster.workers()).isEmpty();
      cluster.scale(1);
      assertThat(cluster.identity().workers()).extracting(Messages.WorkerInfo::name).containsExactly("worker-4");
      assertThat(client.compute(sumOfIncs(200, 210), TIMEOUT)).isEqualTo(sum(200, 210));
      assertThatThrownBy(() -> cluster.scale(-1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1");
    }
  }

  @Test
  void aWorkerWithAWrongTokenIsRefusedAndTheClusterCarriesOn() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(1).threadsPerWorker(1));
        BareClient client = BareClient.connect(cluster)) {
      WorkerServer.Options intruder = WorkerServer.options(cluster.schedulerAddress(),
          Protocol.commOptions(AuthToken.generate(), null)).name("intruder");
      assertThatThrownBy(() -> WorkerServer.start(intruder))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("authentication failed");
      assertThat(cluster.identity().workers()).extracting(Messages.WorkerInfo::name).containsExactly("worker-0");
      assertThat(client.compute(Jask.delayed(Tasks::inc, 41), TIMEOUT)).isEqualTo(42);
    }
  }

  @Test
  void closeFreesThePortAndStopsEveryThread() throws Exception {
    LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(2));
    String address = cluster.schedulerAddress();
    List<String> workerAddresses = new ArrayList<>(cluster.workers());
    cluster.close();
    cluster.close(); // idempotent

    assertThat(cluster.workers()).isEmpty();
    assertThat(cluster.toString()).isEqualTo("LocalCluster[" + address + ", closed]");
    assertThatThrownBy(() -> cluster.scale(1)).isInstanceOf(IllegalStateException.class);
    for (String a : workerAddresses) {
      assertThatThrownBy(() -> Transports.connect(a, cluster.commOptions())).isInstanceOf(CommException.class);
    }
    assertThatThrownBy(() -> Transports.connect(address, cluster.commOptions())).isInstanceOf(CommException.class);
    int port = CommAddress.parse(address).port();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jaskThreads()).isEmpty());
  }

  @Test
  void aFixedPortThatIsTakenFailsWithItsAddressAndLeavesNothingRunning() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalCluster.start(c -> c.port(taken.getLocalPort())))
          .isInstanceOf(CommException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  @Test
  void runsInsideThisJvmOverTheInprocTransport() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.schedulerAddress("inproc://").nWorkers(2));
        BareClient client = BareClient.connect(cluster)) {
      assertThat(cluster.workers()).hasSize(2).allSatisfy(a -> assertThat(a).startsWith("inproc://"));
      assertThat(client.compute(sumOfIncs(0, 10), TIMEOUT)).isEqualTo(sum(0, 10));
    }
  }

  @Test
  void runsOverMutualTls(@TempDir Path certs) throws Exception {
    TestCertificates.generate(certs);
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(1)
            .tls(certs.resolve("server-chain.pem"), certs.resolve("server-key.pem"), certs.resolve("ca.pem")));
        BareClient client = BareClient.connect(cluster)) {
      assertThat(cluster.schedulerAddress()).startsWith("tls://127.0.0.1:");
      assertThat(cluster.workers()).hasSize(2).allSatisfy(a -> assertThat(a).startsWith("tls://127.0.0.1:"));
      assertThat(client.compute(sumOfIncs(0, 10), TIMEOUT)).isEqualTo(sum(0, 10));
    }
  }

  @Test
  void aTlsAddressWithoutCertificatesIsRefusedAtOnce() {
    assertThatThrownBy(() -> LocalCluster.start(c -> c.schedulerAddress("tls://127.0.0.1:0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs certificates");
  }

  @Test
  void workerProcessesCannotReachAnInprocScheduler() {
    assertThatThrownBy(() -> LocalCluster.start(c -> c.processes(true).schedulerAddress("inproc://")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inproc://");
  }

  static Delayed<Integer> sumOfIncs(int from, int to) {
    List<Delayed<Integer>> parts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      parts.add(Jask.delayed(Tasks::inc, i));
    }
    return Jask.delayed(Tasks::sum, parts);
  }

  static int sum(int from, int to) {
    int total = 0;
    for (int i = from; i < to; i++) {
      total += i + 1;
    }
    return total;
  }

  /** Threads that Jask's scheduler, workers and transport start. */
  static List<String> jaskThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("jask-"))
        // One per JVM once a client has made futures (other tests here use clients): no cluster's.
        .filter(n -> !n.equals("jask-future-cleaner"))
        .toList();
  }
}
