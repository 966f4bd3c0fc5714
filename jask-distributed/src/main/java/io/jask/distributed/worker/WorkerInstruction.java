package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link WorkerState#handle} asks the shell to do: run a task, fetch values from a peer,
 * drop a value, or send a {@linkplain SchedulerMessage message to the scheduler}. The shell carries
 * them out in order; an instruction it does not know is a bug, not something to skip.
 */
public sealed interface WorkerInstruction permits WorkerInstruction.Execute, WorkerInstruction.CancelExecute,
    WorkerInstruction.GatherDep,
    WorkerInstruction.RetryBusyPeerLater, WorkerInstruction.DropData, SchedulerMessage {
  /** The id of the event that caused this instruction. */
  String stimulusId();

  /**
   * Run this task on the shell's thread pool, then report {@link WorkerEvent.ExecuteSuccess} (after
   * storing the value) or {@link WorkerEvent.ExecuteFailure}. The shell takes the dependencies'
   * values from its data store when it carries out this instruction, before it handles the next
   * event; all of them are there at that moment.
   *
   * @param runSpec the run spec from {@link WorkerEvent.ComputeTask}
   * @param dependencies the keys whose values are the task's inputs
   */
  record Execute(String stimulusId, Key key, Object runSpec, List<Key> dependencies)
      implements WorkerInstruction {
    public Execute {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(runSpec, "runSpec");
      dependencies = Copies.list(dependencies, "dependencies");
    }
  }

  /**
   * The task {@linkplain Execute handed over to run} is no longer wanted. If its run has not
   * started yet (it waits on the pool for a thread), the shell must not start it, and reports
   * {@link WorkerEvent.ExecuteSkipped} instead of its end; a run under way goes on and is reported
   * as usual. A task wanted again after its run was skipped is handed over anew.
   */
  record CancelExecute(String stimulusId, Key key) implements WorkerInstruction {
    public CancelExecute {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Fetch these values directly from the peer worker (never through the scheduler), store what
   * arrives, then report {@link WorkerEvent.GatherDepSuccess}, {@link WorkerEvent.GatherDepBusy},
   * {@link WorkerEvent.GatherDepNetworkFailure} or {@link WorkerEvent.GatherDepFailure}. At most
   * one such transfer per peer is under way at a time.
   *
   * @param totalNbytes the expected size of all the values together
   */
  record GatherDep(String stimulusId, String peer, Set<Key> keys, long totalNbytes) implements WorkerInstruction {
    public GatherDep {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Copies.peer(peer);
      keys = Copies.sortedSet(keys, "keys");
    }
  }

  /**
   * The peer said it is busy: wait a while (the shell's choice of backoff), then report {@link
   * WorkerEvent.RetryBusyPeer}.
   */
  record RetryBusyPeerLater(String stimulusId, String peer) implements WorkerInstruction {
    public RetryBusyPeerLater {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Copies.peer(peer);
    }
  }

  /**
   * Remove this key's value from the data store: it was released, or it arrived for a task that
   * no longer wants it.
   */
  record DropData(String stimulusId, Key key) implements WorkerInstruction {
    public DropData {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
    }
  }
}
