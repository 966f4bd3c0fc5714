package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the ends of transfers from peers, and of busy peers becoming askable again. */
final class TransferEvents {
  private final WorkerTables tables;

  TransferEvents(WorkerTables tables) {
    this.tables = tables;
  }

  void success(WorkerEvent.GatherDepSuccess event, Batch out) {
    List<TaskRecord> asked = ended(event.peer(), null, event.stimulusId());
    for (TaskRecord task : asked) {
      ValueInfo value = event.data().get(task.key);
      if (value != null) {
        task.nbytes = value.nbytes();
        task.typeName = value.typeName();
        tables.stored.put(task.key, value.nbytes());
        out.recommend(task, MEMORY);
      } else {
        tables.story.add(task.key, "missing-dep", "not on " + event.peer(), event.stimulusId());
        tables.forgetHolder(task, event.peer());
        out.recommend(task, FETCH);
      }
    }
    Set<Key> askedKeys = new HashSet<>();
    asked.forEach(task -> askedKeys.add(task.key));
    for (Map.Entry<Key, ValueInfo> entry : event.data().entrySet()) {
      if (!askedKeys.contains(entry.getKey())) {
        // Not asked for (a stale or duplicate reply): keep it only if the key is in memory anyway.
        TaskRecord task = tables.tasks.get(entry.getKey());
        if (task == null || task.state != MEMORY) {
          out.emit(new WorkerInstruction.DropData(out.stimulusId, entry.getKey()));
        }
      }
    }
  }

  void busy(WorkerEvent.GatherDepBusy event, Batch out) {
    List<TaskRecord> asked = ended(event.peer(), event.keys(), event.stimulusId());
    if (asked.isEmpty()) {
      return;
    }
    tables.busyPeers.add(event.peer());
    for (TaskRecord task : asked) {
      out.recommend(task, FETCH);
    }
    out.emit(new WorkerInstruction.RetryBusyPeerLater(out.stimulusId, event.peer()));
  }

  void networkFailure(WorkerEvent.GatherDepNetworkFailure event, Batch out) {
    for (TaskRecord task : ended(event.peer(), event.keys(), event.stimulusId())) {
      tables.story.add(task.key, "missing-dep", "peer unreachable: " + event.peer(), event.stimulusId());
      out.recommend(task, FETCH);
    }
    tables.forgetPeer(event.peer());
  }

  void failure(WorkerEvent.GatherDepFailure event, Batch out) {
    for (TaskRecord task : ended(event.peer(), event.keys(), event.stimulusId())) {
      task.error = event.error();
      out.recommend(task, ERROR);
    }
  }

  void retryBusyPeer(WorkerEvent.RetryBusyPeer event, Batch out) {
    tables.busyPeers.remove(event.peer());
  }

  /**
   * Closes the transfer under way from {@code peer}: its slot and bytes are given back and its
   * tasks marked done. Returns the tasks asked for; empty when no transfer from that peer was
   * under way (a stale reply).
   *
   * @param reported the keys the event names, checked against the transfer when validating; null
   *     when the event does not name them
   * @throws IllegalArgumentException when validating and the event names other keys than asked
   */
  private List<TaskRecord> ended(String peer, Set<Key> reported, String stimulusId) {
    WorkerTables.Transfer transfer = tables.inFlightPeers.remove(peer);
    if (transfer == null) {
      return List.of();
    }
    if (tables.config.validate() && reported != null && !reported.equals(transfer.keys())) {
      throw new IllegalArgumentException(
          "event " + stimulusId + " reports keys " + reported + " from " + peer + ", but "
              + transfer.keys() + " were asked for");
    }
    tables.incomingBytes -= transfer.nbytes();
    List<TaskRecord> asked = new ArrayList<>();
    for (TaskRecord task : tables.inFlightTasks) {
      if (transfer.keys().contains(task.key) && peer.equals(task.comingFrom)) {
        asked.add(task);
      }
    }
    for (TaskRecord task : asked) {
      task.done = true;
      task.comingFrom = null;
      tables.inFlightTasks.remove(task);
    }
    return asked;
  }
}
