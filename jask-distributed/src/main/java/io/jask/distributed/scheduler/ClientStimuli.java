package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.ClientConnected;
import io.jask.distributed.scheduler.SchedulerEvent.ClientDisconnected;
import io.jask.distributed.scheduler.SchedulerEvent.DataScattered;
import io.jask.distributed.scheduler.SchedulerEvent.GraphSubmitted;
import io.jask.distributed.scheduler.SchedulerEvent.KeysCancelled;
import io.jask.distributed.scheduler.SchedulerEvent.KeysReleased;
import io.jask.distributed.scheduler.SchedulerEvent.ScatteredData;
import io.jask.distributed.scheduler.SchedulerMessage.KeyCancelled;
import io.jask.distributed.scheduler.SchedulerMessage.KeyErred;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import io.jask.distributed.scheduler.SchedulerMessage.KeyLost;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler does when a client speaks: graphs submitted, futures released or cancelled,
 * data scattered, the client gone. Each handler updates who wants what and recommends
 * transitions; {@link SchedulerState#handle} carries them out.
 */
final class ClientStimuli {
  private final Registry registry;
  private final Transitions transitions;
  private final Outbox outbox;

  ClientStimuli(Registry registry, Transitions transitions, Outbox outbox) {
    this.registry = registry;
    this.transitions = transitions;
    this.outbox = outbox;
  }

  void onClientConnected(ClientConnected e) {
    registry.clients.computeIfAbsent(e.client(), ClientState::new);
  }

  void onGraphSubmitted(GraphSubmitted e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    long generation = ++registry.generation;
    List<TaskState> created = new ArrayList<>();
    List<TaskSpec> createdSpecs = new ArrayList<>();
    for (TaskSpec spec : e.tasks()) {
      if (registry.tasks.containsKey(spec.key())) {
        continue;
      }
      Priority priority = new Priority(spec.userPriority(), generation, spec.order());
      created.add(registry.newTask(spec, spec.runSpec(), priority));
      createdSpecs.add(spec);
    }
    for (int i = 0; i < created.size(); i++) {
      TaskState ts = created.get(i);
      for (Key depKey : createdSpecs.get(i).dependencies()) {
        TaskState dep = registry.tasks.get(depKey);
        if (dep != null) {
          ts.addDependency(dep);
          ts.group.noteDependency(dep);
        } else if (ts.exceptionBlame == null) {
          ts.exception =
              new ErrorInfo(
                  ErrorInfo.MISSING_DEPENDENCY,
                  "task '" + ts.key + "' depends on '" + depKey
                      + "', which is neither in its graph nor known to the scheduler",
                  "");
          ts.exceptionBlame = ts;
        }
      }
      transitions.note(ts, new Submitted(client.id, ts.priority));
    }

    List<TaskState> toRun = new ArrayList<>();
    for (Key key : new LinkedHashSet<>(e.wanted())) {
      TaskState ts = registry.tasks.get(key);
      if (ts == null) {
        outbox.send(
            new KeyLost(
                client.id, key, "the scheduler does not know '" + key + "': it was not submitted"));
        continue;
      }
      registry.addWant(client, ts);
      reportIfDone(client, ts);
      if (ts.status == RELEASED) {
        toRun.add(ts);
      }
    }
    for (TaskState ts : created) {
      if (ts.exceptionBlame != null) {
        transitions.recommend(ts, ERRED);
      }
    }
    toRun.sort(TaskState.BY_PRIORITY);
    for (TaskState ts : toRun) {
      transitions.recommend(ts, WAITING);
    }
    transitions.run();
    for (TaskState ts : created) {
      if (ts.status == RELEASED) {
        transitions.recommendForgetIfUnreferenced(ts);
      }
    }
  }

  /** Tells a client that now wants a finished task how it ended. */
  private void reportIfDone(ClientState client, TaskState ts) {
    if (ts.status == MEMORY) {
      outbox.send(new KeyInMemory(client.id, ts.key, ts.typeName));
    } else if (ts.status == ERRED) {
      TaskState blame = ts.exceptionBlame;
      outbox.send(new KeyErred(client.id, ts.key, blame.key, blame.exception));
    }
  }

  void onKeysReleased(KeysReleased e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    for (Key key : e.keys()) {
      TaskState ts = registry.tasks.get(key);
      if (ts != null && client.wantsWhat.contains(ts)) {
        registry.removeWant(client, ts);
        transitions.note(ts, "released by " + client.id);
        transitions.recommendAfterUnwanted(ts);
      }
    }
  }

  void onClientDisconnected(ClientDisconnected e) {
    ClientState client = registry.clients.remove(e.client());
    if (client == null) {
      return;
    }
    for (TaskState ts : new ArrayList<>(client.wantsWhat)) {
      registry.removeWant(client, ts);
      transitions.note(ts, "released: " + client.id + " disconnected");
      transitions.recommendAfterUnwanted(ts);
    }
  }

  void onKeysCancelled(KeysCancelled e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    Deque<TaskState> work = new ArrayDeque<>();
    for (Key key : e.keys()) {
      TaskState ts = registry.tasks.get(key);
      if (ts != null) {
        work.add(ts);
      }
    }
    Set<TaskState> seen = new HashSet<>();
    List<TaskState> touched = new ArrayList<>();
    while (!work.isEmpty()) {
      TaskState ts = work.poll();
      if (!seen.add(ts)) {
        continue;
      }
      Set<ClientState> others = new LinkedHashSet<>(ts.whoWants());
      others.remove(client);
      if (e.force() || others.isEmpty()) {
        work.addAll(ts.dependents());
      }
      List<ClientState> cancelFor =
          e.force()
              ? new ArrayList<>(ts.whoWants())
              : ts.whoWants().contains(client) ? List.of(client) : List.of();
      for (ClientState c : cancelFor) {
        outbox.send(new KeyCancelled(c.id, ts.key));
        registry.removeWant(c, ts);
      }
      transitions.note(ts, "cancelled by " + client.id + (e.force() ? " (forced)" : ""));
      touched.add(ts);
    }
    for (TaskState ts : touched) {
      transitions.recommendAfterUnwanted(ts);
    }
  }

  void onDataScattered(DataScattered e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    for (ScatteredData data : e.data()) {
      List<WorkerState> holders = new ArrayList<>();
      for (String address : data.workers()) {
        WorkerState ws = registry.workers.get(address);
        if (ws != null) {
          holders.add(ws);
        }
      }
      TaskState ts = registry.tasks.get(data.key());
      if (ts == null && holders.isEmpty()) {
        outbox.send(
            new KeyLost(
                client.id,
                data.key(),
                "none of the workers '" + data.key() + "' was scattered to is connected: "
                    + data.workers()));
        continue;
      }
      if (ts == null) {
        TaskSpec spec = new TaskSpec(data.key(), List.of(), "", 0, 0, 0, Set.of(), Map.of());
        ts = registry.newTask(spec, null, new Priority(0, registry.generation, 0));
      }
      transitions.note(ts, "scattered by " + client.id + " to " + data.workers());
      registry.addWant(client, ts);
      if (ts.status == RELEASED && !holders.isEmpty()) {
        transitions.transitionNow(
            ts, MEMORY, new Transitions.Scattered(holders, data.nbytes(), data.typeName()));
        transitions.run();
      } else if (ts.status == MEMORY) {
        for (WorkerState ws : holders) {
          registry.addReplica(ts, ws);
        }
        reportIfDone(client, ts);
      } else {
        transitions.note(ts, "the scattered data is not used: the key is " + ts.status);
        reportIfDone(client, ts);
        if (ts.status == RELEASED) {
          transitions.recommend(ts, WAITING);
        }
      }
    }
  }

  /** The story's note on a submission, rendered when read. */
  private record Submitted(String client, Priority priority) {
    @Override
    public String toString() {
      return "submitted by " + client + " with priority " + priority;
    }
  }
}
