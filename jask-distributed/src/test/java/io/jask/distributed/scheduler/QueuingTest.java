package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Root tasks wait on the scheduler while workers are saturated, and leave in priority order. */
class QueuingTest {
  static Key root(int i) {
    return Key.of("load", i);
  }

  /** 100 root tasks with graph order i, listed in a shuffled order. */
  static List<TaskSpec> roots(int n) {
    List<TaskSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      specs.add(TaskSpec.of(root(i), "load " + i).withOrder(i));
    }
    Collections.shuffle(specs, new Random(42));
    return specs;
  }

  static Key[] keys(int n) {
    Key[] keys = new Key[n];
    for (int i = 0; i < n; i++) {
      keys[i] = root(i);
    }
    return keys;
  }

  @Test
  void oneWorkerWithTwoThreadsHoldsAtMostThreeRootTasks() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);

    List<SchedulerMessage> first = d.submit("c", roots(100), keys(100));
    assertThat(of(first, ComputeTask.class))
        .extracting(ComputeTask::key)
        .containsExactly(root(0), root(1), root(2));
    assertThat(d.state.registry().queued).hasSize(97);
    assertThat(d.state.status(root(3))).isEqualTo(TaskStatus.QUEUED);

    List<Key> sent = new ArrayList<>();
    Deque<ComputeTask> running = new ArrayDeque<>(of(first, ComputeTask.class));
    running.forEach(c -> sent.add(c.key()));
    while (!running.isEmpty()) {
      List<ComputeTask> next = of(d.finish(running.poll(), 8), ComputeTask.class);
      assertThat(next).hasSizeLessThanOrEqualTo(1);
      next.forEach(c -> sent.add(c.key()));
      running.addAll(next);
      assertThat(d.state.processingOn("w1")).hasSizeLessThanOrEqualTo(3);
    }
    assertThat(sent).containsExactly(keys(100));
    for (Key k : keys(100)) {
      assertThat(d.state.status(k)).isEqualTo(TaskStatus.MEMORY);
    }
  }

  @Test
  void higherUserPriorityAndOlderGraphsGoFirst() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    // saturation 1.1 * 1 thread: 2 slots
    List<SchedulerMessage> first = d.submit("c", roots(10), keys(10));
    assertThat(of(first, ComputeTask.class)).extracting(ComputeTask::key).containsExactly(root(0), root(1));

    Key urgent = Key.of("urgent-00000001");
    Key later = Key.of("later-00000001");
    d.submit("c", List.of(TaskSpec.of(later, "later")), later);
    d.submit("c", List.of(TaskSpec.of(urgent, "urgent").withUserPriority(10)), urgent);

    ComputeTask c0 = SchedulerDriver.compute(first, root(0));
    List<Key> order = new ArrayList<>();
    Deque<ComputeTask> running = new ArrayDeque<>(List.of(c0, SchedulerDriver.compute(first, root(1))));
    while (!running.isEmpty()) {
      List<ComputeTask> next = of(d.finish(running.poll(), 8), ComputeTask.class);
      next.forEach(c -> order.add(c.key()));
      running.addAll(next);
    }
    // the urgent task jumps the queue; the later graph waits for the first graph's tasks
    assertThat(order.get(0)).isEqualTo(urgent);
    assertThat(order.get(order.size() - 1)).isEqualTo(later);
  }

  @Test
  void queuedTasksFlowToAWorkerThatJoins() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    assertThat(d.submit("c", roots(10), keys(10))).isEmpty();
    assertThat(d.state.registry().queued).hasSize(10);

    List<SchedulerMessage> joined = d.addWorker("w1", 4);
    // ceil(4 * 1.1) = 5 slots
    assertThat(of(joined, ComputeTask.class))
        .extracting(ComputeTask::key)
        .containsExactly(root(0), root(1), root(2), root(3), root(4));
    List<SchedulerMessage> second = d.addWorker("w2", 1);
    assertThat(of(second, ComputeTask.class))
        .extracting(ComputeTask::key, ComputeTask::worker)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(root(5), "w2"),
            org.assertj.core.groups.Tuple.tuple(root(6), "w2"));
  }

  @Test
  void infiniteSaturationSendsEveryRootTaskAtOnce() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkerSaturation(Double.POSITIVE_INFINITY));
    d.connect("c");
    d.addWorker("w1", 2);
    assertThat(of(d.submit("c", roots(100), keys(100)), ComputeTask.class)).hasSize(100);
    assertThat(d.state.registry().queued).isEmpty();
  }

  @Test
  void pausedWorkersGetNoQueuedTasksUntilTheyResume() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.setStatus("w1", WorkerStatus.PAUSED);
    assertThat(d.submit("c", roots(5), keys(5))).isEmpty();
    assertThat(of(d.setStatus("w1", WorkerStatus.RUNNING), ComputeTask.class))
        .extracting(ComputeTask::key)
        .containsExactly(root(0), root(1));
  }

  @Test
  void aLargeGroupDependingOnOneSmallTaskIsQueuedLikeRootTasks() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    Key file = Key.of("open-00000001");
    List<TaskSpec> specs = new ArrayList<>();
    specs.add(TaskSpec.of(file, "open").withOrder(0));
    Key[] chunks = new Key[20];
    for (int i = 0; i < 20; i++) {
      chunks[i] = Key.of("read", i);
      specs.add(TaskSpec.of(chunks[i], "read " + i, file).withOrder(i + 1));
    }
    List<SchedulerMessage> opened = d.finish(SchedulerDriver.compute(d.submit("c", specs, chunks), file), 100);
    // 20 chunks > 2 * 1 thread and they share one dependency: only 2 slots' worth are sent
    assertThat(of(opened, ComputeTask.class)).extracting(ComputeTask::key).containsExactly(chunks[0], chunks[1]);
    assertThat(d.state.registry().queued).hasSize(18);
  }
}
