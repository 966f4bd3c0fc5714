package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Feeds events to a {@link SchedulerState} (with invariant checks after every event) and helps
 * tests read the messages it returns. Stimulus ids are {@code "s1"}, {@code "s2"}, … in order.
 */
final class SchedulerDriver {
  final SchedulerState state;
  private long stimuli;

  SchedulerDriver() {
    this(SchedulerConfig.defaults());
  }

  SchedulerDriver(SchedulerConfig config) {
    this.state = new SchedulerState(config.withValidate(true));
  }

  /** The id the next event will get. */
  String nextStimulus() {
    return "s" + (stimuli + 1);
  }

  private String sid() {
    return "s" + (++stimuli);
  }

  List<SchedulerMessage> handle(SchedulerEvent event) {
    return state.handle(event);
  }

  List<SchedulerMessage> connect(String client) {
    return handle(new SchedulerEvent.ClientConnected(client, sid()));
  }

  List<SchedulerMessage> disconnect(String client) {
    return handle(new SchedulerEvent.ClientDisconnected(client, sid()));
  }

  List<SchedulerMessage> addWorker(String address, int nthreads) {
    return addWorker(address, nthreads, Map.of());
  }

  List<SchedulerMessage> addWorker(String address, int nthreads, Map<String, Double> resources) {
    return handle(new SchedulerEvent.WorkerAdded(address, nthreads, 1L << 30, resources, sid()));
  }

  List<SchedulerMessage> removeWorker(String address, RemovalReason reason) {
    return handle(new SchedulerEvent.WorkerRemoved(address, reason, sid()));
  }

  List<SchedulerMessage> setStatus(String address, WorkerStatus status) {
    return handle(new SchedulerEvent.WorkerStatusChanged(address, status, sid()));
  }

  List<SchedulerMessage> submit(String client, List<TaskSpec> tasks, Key... wanted) {
    return handle(new SchedulerEvent.GraphSubmitted(client, tasks, Arrays.asList(wanted), sid()));
  }

  List<SchedulerMessage> release(String client, Key... keys) {
    return handle(new SchedulerEvent.KeysReleased(client, Arrays.asList(keys), sid()));
  }

  List<SchedulerMessage> cancel(String client, boolean force, Key... keys) {
    return handle(new SchedulerEvent.KeysCancelled(client, Arrays.asList(keys), force, sid()));
  }

  List<SchedulerMessage> finish(ComputeTask task, long nbytes) {
    return finish(task, nbytes, Duration.ofMillis(10));
  }

  List<SchedulerMessage> finish(ComputeTask task, long nbytes, Duration duration) {
    return handle(
        new SchedulerEvent.TaskFinished(
            task.worker(), task.key(), task.runId(), nbytes, "Integer", duration, sid()));
  }

  List<SchedulerMessage> fail(ComputeTask task, ErrorInfo error) {
    return handle(new SchedulerEvent.TaskErred(task.worker(), task.key(), task.runId(), error, sid()));
  }

  List<SchedulerMessage> missing(String worker, Key key) {
    return handle(new SchedulerEvent.DataMissing(worker, key, sid()));
  }

  List<SchedulerMessage> stealTick() {
    return handle(new SchedulerEvent.StealTick(sid()));
  }

  List<SchedulerMessage> stealResponse(SchedulerMessage.StealRequest request, boolean wasQueued) {
    return handle(
        new SchedulerEvent.StealResponse(
            request.worker(), request.key(), request.runId(), wasQueued, sid()));
  }

  List<SchedulerMessage> scatter(String client, Key key, long nbytes, String... workers) {
    return handle(
        new SchedulerEvent.DataScattered(
            client,
            List.of(new SchedulerEvent.ScatteredData(key, List.of(workers), nbytes, "int[]")),
            sid()));
  }

  /**
   * Plays every worker: answers each compute request with a finished result of {@code nbytes},
   * oldest first, until no compute request is left; returns every message seen.
   */
  List<SchedulerMessage> runToCompletion(List<SchedulerMessage> first, long nbytes) {
    List<SchedulerMessage> all = new ArrayList<>(first);
    Deque<ComputeTask> todo = new ArrayDeque<>(of(first, ComputeTask.class));
    while (!todo.isEmpty()) {
      List<SchedulerMessage> out = finish(todo.poll(), nbytes);
      all.addAll(out);
      todo.addAll(of(out, ComputeTask.class));
    }
    return all;
  }

  /** The messages of one type, in order. */
  static <T extends SchedulerMessage> List<T> of(List<SchedulerMessage> messages, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SchedulerMessage m : messages) {
      if (type.isInstance(m)) {
        out.add(type.cast(m));
      }
    }
    return out;
  }

  /** The only message of one type. */
  static <T extends SchedulerMessage> T single(List<SchedulerMessage> messages, Class<T> type) {
    List<T> found = of(messages, type);
    assertThat(found).as("messages of type %s in %s", type.getSimpleName(), messages).hasSize(1);
    return found.get(0);
  }

  /** The compute request for {@code key} among the messages. */
  static ComputeTask compute(List<SchedulerMessage> messages, Key key) {
    for (ComputeTask c : of(messages, ComputeTask.class)) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    throw new AssertionError("no ComputeTask for " + key + " in " + messages);
  }

  /** Asserts that the scheduler holds nothing at all any more. */
  void assertEmpty() {
    Registry r = state.registry();
    assertThat(r.tasks).isEmpty();
    assertThat(r.groups).isEmpty();
    assertThat(r.queued).isEmpty();
    assertThat(r.unrunnable).isEmpty();
    assertThat(r.stealsInFlight).isEmpty();
    for (WorkerState ws : r.workers.values()) {
      assertThat(ws.processing).isEmpty();
      assertThat(ws.hasWhat).isEmpty();
      assertThat(ws.nbytes).isZero();
      assertThat(ws.occupancyMicros).isZero();
      assertThat(ws.usedResources).isEmpty();
    }
    for (ClientState cs : r.clients.values()) {
      assertThat(cs.wantsWhat).isEmpty();
    }
  }
}
