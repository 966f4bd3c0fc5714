package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.FLIGHT;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;

/**
 * Turns queued fetches into transfers, as Dask's {@code _ensure_communicating}. Rules:
 *
 * <ul>
 *   <li>nothing starts while the worker is paused;
 *   <li>at most one transfer per peer is under way, and at most {@code transferIncomingCountLimit}
 *       in all, carrying at most {@code transferIncomingBytesLimit} bytes (the first transfer, when
 *       nothing else is under way, may exceed it so that large values still arrive);
 *   <li>busy peers are left alone until retried;
 *   <li>the next peer asked is the idle one holding the most urgent queued value; ties go to the
 *       lower address, so the choice is the same on every run;
 *   <li>one transfer takes the peer's queued values in priority order, up to {@code
 *       transferMessageBytesLimit} bytes (always at least one).
 * </ul>
 */
final class TransferPlanner {
  private final WorkerTables tables;

  TransferPlanner(WorkerTables tables) {
    this.tables = tables;
  }

  /** Starts as many transfers as the rules allow; recommends their tasks to flight. */
  void plan(Batch out) {
    if (!tables.running) {
      return;
    }
    while (!throttled()) {
      String peer = nextPeer();
      if (peer == null) {
        return;
      }
      List<TaskRecord> chosen = chooseKeys(tables.dataNeeded.get(peer));
      if (chosen.isEmpty()) {
        return;
      }
      Set<Key> keys = new LinkedHashSet<>();
      long nbytes = 0;
      for (TaskRecord task : chosen) {
        tables.dequeueFetch(task);
        task.comingFrom = peer;
        keys.add(task.key);
        nbytes += task.nbytes;
        tables.story.add(task.key, "gather-dependencies", "from " + peer, out.stimulusId);
        out.recommend(task, FLIGHT);
      }
      tables.inFlightPeers.put(peer, new WorkerTables.Transfer(Set.copyOf(keys), nbytes));
      tables.incomingBytes += nbytes;
      out.emit(new WorkerInstruction.GatherDep(out.stimulusId, peer, keys, nbytes));
    }
  }

  private boolean throttled() {
    return tables.inFlightPeers.size() >= tables.config.transferIncomingCountLimit()
        || tables.incomingBytes >= tables.config.transferIncomingBytesLimit();
  }

  /**
   * The idle, non-busy peer whose queue holds the most urgent value; ties to the lower address.
   * Empty queues are dropped on the way.
   */
  private String nextPeer() {
    String best = null;
    TaskRecord bestTask = null;
    Iterator<Map.Entry<String, NavigableSet<TaskRecord>>> it = tables.dataNeeded.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, NavigableSet<TaskRecord>> entry = it.next();
      if (entry.getValue().isEmpty()) {
        it.remove();
        continue;
      }
      String peer = entry.getKey();
      if (tables.inFlightPeers.containsKey(peer) || tables.busyPeers.contains(peer)) {
        continue;
      }
      TaskRecord top = entry.getValue().first();
      // Peers are visited in address order, so a strict comparison keeps the lowest address on ties.
      if (bestTask == null || top.priority.compareTo(bestTask.priority) < 0) {
        best = peer;
        bestTask = top;
      }
    }
    return best;
  }

  /** The peer's queued values that fit in one transfer, in priority order. */
  private List<TaskRecord> chooseKeys(NavigableSet<TaskRecord> queue) {
    List<TaskRecord> chosen = new ArrayList<>();
    long messageBytes = 0;
    for (TaskRecord task : queue) {
      if (exceedsLimits(task, messageBytes)) {
        break;
      }
      chosen.add(task);
      messageBytes += task.nbytes;
    }
    return chosen;
  }

  private boolean exceedsLimits(TaskRecord task, long messageBytes) {
    if (tables.incomingBytes == 0 && messageBytes == 0) {
      return false;
    }
    long allowance = tables.config.transferIncomingBytesLimit() - tables.incomingBytes;
    if (messageBytes != 0) {
      allowance = Math.min(allowance, tables.config.transferMessageBytesLimit()) - messageBytes;
    }
    return task.nbytes > allowance;
  }
}
