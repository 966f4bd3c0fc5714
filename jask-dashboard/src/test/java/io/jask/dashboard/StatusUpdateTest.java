package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskStatus;
import io.jask.distributed.scheduler.TaskTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jetty.util.ajax.JSON;
import org.junit.jupiter.api.Test;

/** The status page's compact update, decoded as the page decodes it, against the bars fed in by hand. */
class StatusUpdateTest {
  private static final String A = "tcp://127.0.0.1:4001";
  private static final String B = "tcp://127.0.0.1:4002";
  private static final long EPOCH_MICROS = 1_760_000_000_000_000L;

  /** A bar as the page draws it: row, kind of task, kind of bar, and its times in microseconds since the epoch. */
  private record Bar(String row, String group, int kind, long startMicros, long stopMicros) {}

  private final ClusterModel model = new ClusterModel();
  private final List<Bar> fed = new ArrayList<>();
  private final Random random = new Random(7);

  StatusUpdateTest() {
    model.apply(new Messages.RegisterWorker(A, "worker-0", 2, 1 << 30, Map.of()));
    model.apply(new Messages.RegisterWorker(B, "worker-1", 2, 1 << 30, Map.of()));
  }

  private void feed(int bars) {
    for (int i = 0; i < bars; i++) {
      long start = EPOCH_MICROS + random.nextInt(5_000_000);
      long stop = start + random.nextInt(20_000);
      String worker = random.nextBoolean() ? A : B;
      String name = worker.equals(A) ? "worker-0" : "worker-1";
      int choice = random.nextInt(10);
      if (choice == 0) {
        model.apply(new DashboardPlugin.Beat(worker, new Messages.Heartbeat(0, 0, 0, 0, 0, 0.5, 0, 0, 0,
            List.of(new Messages.Transfer(worker.equals(A) ? B : A, 1, 8, start, stop))), 1_000));
        fed.add(new Bar(name + " transfers", "transfer", 1, start, stop));
      } else {
        Key key = Key.of((choice < 5 ? "inc" : "load") + "-" + String.format("%08x", fed.size()));
        int thread = random.nextInt(2);
        TaskStatus to = choice == 1 ? TaskStatus.ERRED : TaskStatus.MEMORY;
        model.apply(new TaskTransition(key, TaskStatus.WAITING, TaskStatus.PROCESSING, worker, 0, null, "s"));
        model.apply(new TaskTransition(key, TaskStatus.PROCESSING, to, worker, 0,
            new SchedulerEvent.TaskRun(start, stop, thread), "s"));
        fed.add(new Bar(name + " #" + thread, key.group(), to == TaskStatus.ERRED ? 2 : 0, start, stop));
      }
    }
  }

  private static List<Bar> decode(Map<?, ?> update) {
    Object[] runs = (Object[]) update.get("runs");
    Object[] rows = (Object[]) update.get("rows");
    Object[] groups = (Object[]) update.get("runGroups");
    long origin = (Long) update.get("origin");
    assertThat(runs.length % 5).isZero();
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < runs.length; i += 5) {
      bars.add(new Bar((String) rows[((Long) runs[i]).intValue()], (String) groups[((Long) runs[i + 1]).intValue()],
          ((Long) runs[i + 2]).intValue(), origin * 1000 + (Long) runs[i + 3], origin * 1000 + (Long) runs[i + 4]));
    }
    return bars;
  }

  private static Map<?, ?> parse(String json) {
    return (Map<?, ?>) new JSON().fromJSON(json);
  }

  @Test
  void everyBarSinceTheLastUpdateArrivesOnceWithItsRowKindAndTimes() {
    feed(300);
    Map<?, ?> first = parse(Feeds.statusUpdate(model, 0, 0));
    assertThat(decode(first)).isEqualTo(fed);
    long lastSeq = (Long) first.get("lastSeq");
    assertThat(lastSeq).isEqualTo(300);

    feed(40);
    Map<?, ?> second = parse(Feeds.statusUpdate(model, lastSeq, 3));
    assertThat(decode(second)).isEqualTo(fed.subList(300, 340));
    assertThat(second.get("dropped")).isEqualTo(3L);
    assertThat(second.get("completed")).isEqualTo(model.completed);
    assertThat((Object[]) second.get("groups")).hasSize(model.groups.size());
    assertThat((Object[]) second.get("workers")).hasSize(2);

    Map<?, ?> none = parse(Feeds.statusUpdate(model, (Long) second.get("lastSeq"), 3));
    assertThat((Object[]) none.get("runs")).isEmpty();
  }

  @Test
  void aBurstLargerThanOneUpdateSendsOnlyItsNewestBars() {
    feed(Feeds.RUNS_PER_MESSAGE + 250);
    List<Bar> sent = decode(parse(Feeds.statusUpdate(model, 0, 0)));
    assertThat(sent).isEqualTo(fed.subList(250, fed.size()));
  }

  @Test
  void theModelsVersionMovesWithEveryEventSoAnIdleClusterSendsNothing() {
    long before = model.version;
    model.expire(System.currentTimeMillis());
    assertThat(model.version).isEqualTo(before);
    feed(1);
    assertThat(model.version).isGreaterThan(before);
  }
}
