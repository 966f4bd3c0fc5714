package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.scheduler.TaskStatus;
import io.jask.distributed.scheduler.TaskTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eclipse.jetty.util.ajax.JSON;
import org.junit.jupiter.api.Test;

/** The dashboard's model fed scheduler events by hand, checked against counts kept independently. */
class ClusterModelTest {
  private static final String W = "tcp://127.0.0.1:4001";
  private final ClusterModel model = new ClusterModel();

  private void worker() {
    model.apply(new Messages.RegisterWorker(W, "worker-0", 2, 1 << 30, Map.of()));
  }

  private static TaskSpec spec(Key key, Key... deps) {
    return new TaskSpec(key, List.of(deps), new byte[0], 0, 0, 0, Set.of(), Map.of());
  }

  private void move(Key key, TaskStatus from, TaskStatus to) {
    String worker = to == TaskStatus.PROCESSING || from == TaskStatus.PROCESSING ? W : null;
    SchedulerEvent.TaskRun run = from == TaskStatus.PROCESSING && (to == TaskStatus.MEMORY || to == TaskStatus.ERRED)
        ? new SchedulerEvent.TaskRun(1_000, 3_000, 1) : null;
    model.apply(new TaskTransition(key, from, to, worker, 5_000, run, "s"));
  }

  @Test
  void progressMatchesAnIndependentCountOverRandomLifecycles() {
    worker();
    Random random = new Random(42);
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      keys.add(Key.of((i % 3 == 0 ? "load" : "inc") + "-" + String.format("%08x", i)));
    }
    List<TaskSpec> specs = new ArrayList<>();
    keys.forEach(k -> specs.add(spec(k)));
    model.apply(new SchedulerEvent.GraphSubmitted("c", specs, keys, "s"));
    Map<Key, TaskStatus> status = new HashMap<>();
    Map<Key, Boolean> done = new HashMap<>();
    for (Key k : keys) {
      status.put(k, TaskStatus.RELEASED);
      done.put(k, false);
    }
    int runs = 0;
    for (int step = 0; step < 3000; step++) {
      Key k = keys.get(random.nextInt(keys.size()));
      TaskStatus from = status.get(k);
      if (from == TaskStatus.FORGOTTEN) {
        continue;
      }
      TaskStatus to = switch (from) {
        case RELEASED -> random.nextInt(10) == 0 ? TaskStatus.FORGOTTEN : TaskStatus.WAITING;
        case WAITING -> TaskStatus.PROCESSING;
        case PROCESSING -> random.nextInt(8) == 0 ? TaskStatus.ERRED : TaskStatus.MEMORY;
        case MEMORY -> random.nextBoolean() ? TaskStatus.RELEASED : TaskStatus.FORGOTTEN;
        case ERRED -> TaskStatus.FORGOTTEN;
        default -> throw new IllegalStateException();
      };
      if (from == TaskStatus.PROCESSING) {
        runs++;
      }
      move(k, from, to);
      status.put(k, to);
      if (to == TaskStatus.MEMORY) {
        done.put(k, true);
      }
    }
    for (String group : List.of("load", "inc")) {
      Map<String, Long> expected = new HashMap<>(Map.of("waiting", 0L, "processing", 0L, "memory", 0L,
          "released", 0L, "erred", 0L));
      for (Key k : keys) {
        if (!k.group().equals(group)) {
          continue;
        }
        TaskStatus s = status.get(k);
        String bucket;
        if (s == TaskStatus.MEMORY) {
          bucket = "memory";
        } else if (s == TaskStatus.PROCESSING) {
          bucket = "processing";
        } else if (s == TaskStatus.ERRED) {
          bucket = "erred";
        } else if (s == TaskStatus.FORGOTTEN) {
          bucket = done.get(k) ? "released" : null;
        } else if (s == TaskStatus.RELEASED) {
          bucket = done.get(k) ? "released" : "waiting";
        } else {
          bucket = "waiting";
        }
        if (bucket != null) {
          expected.merge(bucket, 1L, Long::sum);
        }
      }
      ClusterModel.Group g = model.groups.get(group);
      for (int b = 0; b < ClusterModel.BUCKETS.length; b++) {
        assertThat(g.counts[b]).as(group + " " + ClusterModel.BUCKETS[b]).isEqualTo(expected.get(ClusterModel.BUCKETS[b]));
      }
    }
    assertThat(model.completed + model.erred).isEqualTo(runs);
    assertThat(model.stream).hasSize(runs);
    long processingNow = status.values().stream().filter(s -> s == TaskStatus.PROCESSING).count();
    assertThat(model.workers.get(W).processing).isEqualTo((int) processingNow);
  }

  @Test
  void aSmallGraphIsDrawnTaskByTaskAndALargeOneByKindWithANotice() {
    Key a = Key.of("load-00000001");
    Key b = Key.of("inc-00000002");
    model.apply(new SchedulerEvent.GraphSubmitted("c", List.of(spec(a), spec(b, a)), List.of(b), "s"));
    Map<?, ?> small = (Map<?, ?>) new JSON().fromJSON(Feeds.graph(model));
    assertThat(small.get("mode")).isEqualTo("tasks");
    assertThat((Object[]) small.get("nodes")).hasSize(2);
    assertThat((Object[]) small.get("edges")).hasSize(1);

    List<TaskSpec> many = new ArrayList<>();
    for (int i = 0; i < Feeds.GRAPH_TASK_LIMIT + 10; i++) {
      many.add(spec(Key.of("sum-" + String.format("%08x", i)), b));
    }
    model.apply(new SchedulerEvent.GraphSubmitted("c", many, List.of(), "s"));
    Map<?, ?> large = (Map<?, ?>) new JSON().fromJSON(Feeds.graph(model));
    assertThat(large.get("mode")).isEqualTo("groups");
    assertThat((String) large.get("notice")).contains("too many to draw");
    assertThat((Object[]) large.get("nodes")).hasSize(3);
    assertThat((Object[]) large.get("edges")).hasSize(2);
  }

  @Test
  void heartbeatsBecomeHistoryAndTransfersBecomeStreamBars() {
    worker();
    model.apply(new DashboardPlugin.Beat(W, new Messages.Heartbeat(1, 2, 3, 100, 1 << 30, 1.5, 500, 0, 0,
        List.of(new Messages.Transfer("tcp://127.0.0.1:4002", 2, 64, 10, 20))), 1_000));
    assertThat(model.workers.get(W).history).hasSize(1);
    assertThat(model.stream).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo("transfer");
      assertThat(r.nbytes()).isEqualTo(64);
    });
    assertThat(model.transferBytes).isEqualTo(64);
    Map<?, ?> status = (Map<?, ?>) new JSON().fromJSON(Feeds.status(model, 0, 0));
    Map<?, ?> w = (Map<?, ?>) ((Object[]) status.get("workers"))[0];
    assertThat(w.get("unmanaged")).isEqualTo(400L);
    assertThat(((Map<?, ?>) ((Object[]) status.get("runs"))[0]).get("row")).isEqualTo("worker-0 transfers");
    String metrics = PrometheusMetrics.render(model, 0, 1);
    assertThat(metrics).contains("jask_worker_cpu_cores{worker=\"" + W + "\",name=\"worker-0\"} 1.50000\n");
    assertThat(metrics).contains("jask_dashboard_open_pages 1\n");
  }

  @Test
  void theStreamAndTheLogAreBounded() {
    worker();
    for (int i = 0; i < ClusterModel.LOG_LIMIT + 5; i++) {
      model.apply(new DashboardPlugin.LogLine(i, "INFO", "line " + i));
    }
    assertThat(model.logs).hasSize(ClusterModel.LOG_LIMIT);
    assertThat(model.logs.peekFirst().message()).isEqualTo("line 5");
    Map<?, ?> status = (Map<?, ?>) new JSON().fromJSON(Feeds.status(model, 0, 0));
    assertThat((Object[]) status.get("runs")).isEmpty();
  }
}
