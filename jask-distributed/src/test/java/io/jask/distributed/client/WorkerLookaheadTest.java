package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerPlugin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real worker of one thread hands its pool a second task to wait behind the running one: the
 * waiting task counts as ready in heartbeats, and one that is cancelled before it starts never
 * runs.
 */
class WorkerLookaheadTest {
  private TestCluster cluster;
  private Client client;
  private final AtomicReference<Messages.Heartbeat> lastHeartbeat = new AtomicReference<>();

  @BeforeEach
  void start() {
    cluster = new TestCluster(1, 1);
    cluster.scheduler.addPlugin(new SchedulerPlugin() {
      @Override
      public void heartbeat(String worker, Messages.Heartbeat heartbeat) {
        lastHeartbeat.set(heartbeat);
      }
    });
    client = cluster.connect();
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void aWaitingTaskCancelledBeforeItStartsNeverRuns() {
    String gate = Tasks.newGate();
    String tag = "lookahead-" + gate;
    Future<Integer> blocker = client.submit(Tasks::gated, gate, 1);
    Future<Integer> waiting = client.submit(Tasks::countedInc, tag, 5);
    try {
      // One task runs on the only thread; the other waits, and is reported as ready, not executing.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Messages.Heartbeat beat = lastHeartbeat.get();
        assertThat(beat).isNotNull();
        assertThat(beat.executing()).isEqualTo(1);
        assertThat(beat.ready()).isEqualTo(1);
      });

      waiting.cancel();
      // Once the worker has cancelled the waiting run, it no longer counts it as ready.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Messages.Heartbeat beat = lastHeartbeat.get();
        assertThat(beat.executing()).isEqualTo(1);
        assertThat(beat.ready()).isZero();
      });
    } finally {
      Tasks.open(gate);
    }

    assertThat(blocker.result()).isEqualTo(1);
    assertThat(client.submit(Tasks::countedInc, tag + "-after", 1).result()).isEqualTo(2);
    assertThat(Tasks.count(tag)).isZero();
    assertThat(client.submit(Tasks::countedInc, tag, 5).result()).isEqualTo(6); // wanted again: runs
    assertThat(Tasks.count(tag)).isEqualTo(1);
  }
}
