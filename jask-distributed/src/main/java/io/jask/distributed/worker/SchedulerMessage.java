package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.util.Objects;

/**
 * An instruction to send one message to the scheduler, over the worker's batched stream. The
 * records are the messages themselves; the shell only encodes them.
 */
public sealed interface SchedulerMessage extends WorkerInstruction {

  /**
   * A task the scheduler placed here is in memory here.
   *
   * @param nbytes the value's size in bytes
   * @param typeName the value's class name
   * @param start when the computation started (0 when the value was fetched, not computed)
   * @param stop when it ended (0 when the value was fetched, not computed)
   */
  record TaskFinished(String stimulusId, Key key, long nbytes, String typeName, double start, double stop)
      implements SchedulerMessage {
    public TaskFinished {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(typeName, "typeName");
    }

    /** How long the computation ran, in the shell's time unit. */
    public double duration() {
      return stop - start;
    }
  }

  /** A task failed here: it threw, or its value could not be received. */
  record TaskErred(String stimulusId, Key key, ErrorInfo error) implements SchedulerMessage {
    public TaskErred {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The answer to {@link WorkerEvent.StealRequest}: the state the task was in when the request
   * arrived. The steal succeeded (and the task was released here) iff the state is {@link
   * WorkerTaskState#WAITING}, {@link WorkerTaskState#READY} or {@link WorkerTaskState#CONSTRAINED};
   * {@link WorkerTaskState#FORGOTTEN} means the worker did not know the key.
   */
  record StealResponse(String stimulusId, Key key, WorkerTaskState state) implements SchedulerMessage {
    public StealResponse {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(state, "state");
    }

    /** Whether the worker gave the task up. */
    public boolean released() {
      return state == WorkerTaskState.WAITING
          || state == WorkerTaskState.READY
          || state == WorkerTaskState.CONSTRAINED;
    }
  }

  /**
   * This worker needs the key but no peer it knows of holds it: please answer with {@link
   * WorkerEvent.RefreshWhoHas} (or recompute the key somewhere).
   */
  record MissingData(String stimulusId, Key key) implements SchedulerMessage {
    public MissingData {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** This worker no longer holds the key's value. */
  record ReleaseWorkerData(String stimulusId, Key key) implements SchedulerMessage {
    public ReleaseWorkerData {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** This worker now holds a replica of the key's value, copied from a peer. */
  record AddKeys(String stimulusId, Key key) implements SchedulerMessage {
    public AddKeys {
      Objects.requireNonNull(stimulusId, "stimulusId");
      Objects.requireNonNull(key, "key");
    }
  }
}
