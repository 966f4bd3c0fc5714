package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SchedulerState#handle} asks the I/O shell to send. Messages to one worker or client
 * must be delivered in the order they are returned; an unknown message is a bug in the shell, not
 * a no-op.
 */
public sealed interface SchedulerMessage {

  /** A message to a worker. */
  sealed interface ToWorker extends SchedulerMessage {
    /** The worker's address. */
    String worker();
  }

  /** A message to a client. */
  sealed interface ToClient extends SchedulerMessage {
    /** The client's id. */
    String client();
  }

  /**
   * Run a task. The worker fetches each dependency it does not hold from one of the peers listed in
   * {@code whoHas}, directly, never through the scheduler.
   *
   * @param runId identifies this run; the worker echoes it in {@link SchedulerEvent.TaskFinished},
   *     {@link SchedulerEvent.TaskErred} and {@link SchedulerEvent.StealResponse}
   * @param whoHas for each dependency, the addresses of the workers holding it (sorted)
   * @param nbytes for each dependency, its size in bytes
   * @param resources the resources one run needs, which the worker must hold while running it
   */
  record ComputeTask(
      String worker,
      Key key,
      long runId,
      Object runSpec,
      Priority priority,
      Map<Key, List<String>> whoHas,
      Map<Key, Long> nbytes,
      Map<String, Double> resources,
      String stimulusId)
      implements ToWorker {
    public ComputeTask {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Forget these keys: drop their results, or cancel them if they are queued or running (a result
   * that arrives anyway is discarded by the scheduler).
   */
  record FreeKeys(String worker, List<Key> keys, String stimulusId) implements ToWorker {
    public FreeKeys {
      Objects.requireNonNull(worker, "worker");
      keys = List.copyOf(keys);
    }
  }

  /**
   * Give this task back if it has not started: the worker answers with {@link
   * SchedulerEvent.StealResponse}.
   */
  record StealRequest(String worker, Key key, long runId, String stimulusId) implements ToWorker {
    public StealRequest {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
    }
  }

  /** The key's result is ready on the workers. */
  record KeyInMemory(String client, Key key, String typeName) implements ToClient {
    public KeyInMemory {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The key failed. {@code cause} is the task that actually threw (the key itself, or one of its
   * dependencies), and {@code error} that task's error.
   */
  record KeyErred(String client, Key key, Key cause, ErrorInfo error) implements ToClient {
    public KeyErred {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(error, "error");
    }
  }

  /** The client's future of this key was cancelled. */
  record KeyCancelled(String client, Key key) implements ToClient {
    public KeyCancelled {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(key, "key");
    }
  }

  /** The key's data is gone for good (no lineage to recompute it), or the key was never known. */
  record KeyLost(String client, Key key, String reason) implements ToClient {
    public KeyLost {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }
  }
  /**
   * Copy these keys' values from the peers listed (for a graceful retirement of one of them); the
   * worker answers each copy with {@link SchedulerEvent.ReplicaAdded}.
   */
  record AcquireReplicas(
      String worker, Map<Key, List<String>> whoHas, Map<Key, Long> nbytes, String stimulusId)
      implements ToWorker {
    public AcquireReplicas {
      Objects.requireNonNull(worker, "worker");
      whoHas = Map.copyOf(whoHas);
      nbytes = Map.copyOf(nbytes);
    }
  }

  /**
   * Close: the worker says goodbye and stops. With {@code restart}, its nanny starts a fresh one
   * in its place; without, it is retired for good.
   */
  record CloseWorker(String worker, boolean restart, String reason, String stimulusId) implements ToWorker {
    public CloseWorker {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
