package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerPlugin;
import io.jask.distributed.scheduler.TaskStatus;
import io.jask.distributed.scheduler.TaskTransition;
import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** What a scheduler plugin hears of a real cluster: submissions, transitions, workers, heartbeats. */
class SchedulerPluginTest {
  private TestCluster cluster;
  private Client client;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void start() {
    cluster = new TestCluster(2, 2);
    cluster.scheduler.addPlugin(recorder);
    client = cluster.connect();
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void everyTaskIsSeenSubmittedThenProcessingThenInMemoryWithTheWorkersTiming() {
    List<Future<Integer>> fs = client.map(Tasks::inc, IntStream.range(0, 20).boxed().toList());
    assertThat(client.gather(fs)).isEqualTo(IntStream.range(1, 21).boxed().toList());

    Set<String> workers = cluster.workers.stream().map(WorkerServer::address).collect(Collectors.toSet());
    assertThat(recorder.submitted).hasSize(20);
    for (Future<Integer> f : fs) {
      List<TaskTransition> story = recorder.transitions.stream().filter(t -> t.key().equals(f.key())).toList();
      assertThat(story).extracting(TaskTransition::to).containsSubsequence(TaskStatus.PROCESSING, TaskStatus.MEMORY);
      TaskTransition done = story.stream().filter(t -> t.to() == TaskStatus.MEMORY).findFirst().orElseThrow();
      assertThat(done.from()).isEqualTo(TaskStatus.PROCESSING);
      assertThat(done.worker()).isIn(workers);
      assertThat(done.run()).isNotNull();
      assertThat(done.run().stopMicros()).isGreaterThanOrEqualTo(done.run().startMicros());
      assertThat(done.run().thread()).isBetween(0, 1);
      assertThat(done.timeMicros()).isGreaterThanOrEqualTo(done.run().startMicros() - 60_000_000L);
      TaskTransition sent = story.stream().filter(t -> t.to() == TaskStatus.PROCESSING).findFirst().orElseThrow();
      assertThat(sent.worker()).isEqualTo(done.worker());
      assertThat(sent.run()).isNull();
    }
  }

  @Test
  void aFailedTaskIsSeenErredWithItsRun() {
    Future<Integer> bad = client.submit(Tasks::boom, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> bad.status() == FutureStatus.ERROR);
    TaskTransition erred = recorder.transitions.stream()
        .filter(t -> t.key().equals(bad.key()) && t.to() == TaskStatus.ERRED).findFirst().orElseThrow();
    assertThat(erred.from()).isEqualTo(TaskStatus.PROCESSING);
    assertThat(erred.run()).isNotNull();
  }

  @Test
  void heartbeatsCarryTheWorkersMemoryAndTheirFetchesFromPeers() {
    String a = cluster.workers.get(0).address();
    String b = cluster.workers.get(1).address();
    Future<Integer> x = client.options().workers(List.of(a)).submit(Tasks::inc, 1);
    Future<Integer> y = client.options().workers(List.of(b)).submit(Tasks::inc, x);
    assertThat(y.result()).isEqualTo(3);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.heartbeats.stream()
        .filter(h -> h.worker.equals(b)).flatMap(h -> h.heartbeat.transfers().stream()))
        .anySatisfy(t -> {
          assertThat(t.peer()).isEqualTo(a);
          assertThat(t.keys()).isEqualTo(1);
          assertThat(t.stopMicros()).isGreaterThanOrEqualTo(t.startMicros());
        }));
    assertThat(recorder.heartbeats).allSatisfy(h -> {
      assertThat(h.heartbeat.heapUsed()).isPositive();
      assertThat(h.heartbeat.cpuLoad()).isNotNegative();
    });
  }

  @Test
  void workersJoiningAndLeavingAreSeenAndLogged() {
    WorkerServer extra = WorkerServer.start(WorkerServer.options(cluster.address(), cluster.options).name("extra").nthreads(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.added.stream().anyMatch(r -> r.name().equals("extra")));
    assertThat(recorder.added.stream().filter(r -> r.name().equals("extra")).findFirst().orElseThrow().nthreads()).isEqualTo(3);
    extra.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.removed.contains(extra.address()));
    assertThat(recorder.logs).anyMatch(line -> line.contains(extra.address()) && line.contains("joined"));
    assertThat(recorder.logs).anyMatch(line -> line.contains(extra.address()) && line.contains("left"));
  }

  @Test
  void aPluginIsCalledOnTheSchedulersOneThreadAndMayAskTheSchedulerFromThere() {
    ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Messages.ClusterIdentity> identities = new ConcurrentLinkedQueue<>();
    cluster.scheduler.addPlugin(new SchedulerPlugin() {
      @Override
      public void transition(TaskTransition transition) {
        threads.add(Thread.currentThread().getName());
        if (transition.to() == TaskStatus.MEMORY) {
          // Waiting for the loop from the loop would never end: the scheduler answers at once.
          identities.add(cluster.scheduler.identitySnapshot());
        }
      }
    });
    assertThat(client.submit(Tasks::inc, 41).result()).isEqualTo(42);

    assertThat(threads).isNotEmpty().containsOnly("jask-scheduler");
    assertThat(identities).hasSize(1);
    assertThat(identities.peek().workers()).extracting(Messages.WorkerInfo::address)
        .containsExactlyInAnyOrderElementsOf(cluster.workers.stream().map(WorkerServer::address).toList());
  }

  @Test
  void aPluginThatThrowsDoesNotStopTheScheduler() {
    cluster.scheduler.addPlugin(new SchedulerPlugin() {
      @Override
      public void transition(TaskTransition transition) {
        throw new IllegalStateException("broken plugin");
      }
    });
    assertThat(client.submit(Tasks::inc, 41).result()).isEqualTo(42);
    assertThat(recorder.transitions).isNotEmpty();
  }

  @Test
  void theDashboardLinkAnnouncedByTheSchedulerReachesTheClient() {
    assertThat(client.dashboardLink()).isEmpty();
    assertThat(client.toString()).doesNotContain("dashboard");
    cluster.scheduler.registerService("dashboard", "http://127.0.0.1:8787/status?token=abc");
    assertThat(client.dashboardLink()).contains("http://127.0.0.1:8787/status?token=abc");
    assertThat(client.clusterInfo().dashboardLink()).contains("http://127.0.0.1:8787/status?token=abc");
    assertThat(client.toString()).contains(" dashboard=http://127.0.0.1:8787/status?token=abc>");
  }

  @Test
  void pluginsAreClosedWithTheScheduler() {
    cluster.close();
    assertThat(recorder.closed).isTrue();
  }

  private record Beat(String worker, Messages.Heartbeat heartbeat) {}

  private static final class Recorder implements SchedulerPlugin {
    final ConcurrentLinkedQueue<SchedulerEvent.GraphSubmitted> graphs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Object> submitted = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<TaskTransition> transitions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Messages.RegisterWorker> added = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> removed = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Beat> heartbeats = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
    volatile boolean closed;

    @Override
    public void graphSubmitted(SchedulerEvent.GraphSubmitted graph) {
      graphs.add(graph);
      submitted.addAll(graph.tasks());
    }

    @Override
    public void transition(TaskTransition transition) {
      transitions.add(transition);
    }

    @Override
    public void workerAdded(Messages.RegisterWorker worker) {
      added.add(worker);
    }

    @Override
    public void workerRemoved(String worker, SchedulerEvent.RemovalReason reason) {
      removed.add(worker);
    }

    @Override
    public void heartbeat(String worker, Messages.Heartbeat heartbeat) {
      heartbeats.add(new Beat(worker, heartbeat));
    }

    @Override
    public void log(Level level, String message) {
      logs.add(message);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
