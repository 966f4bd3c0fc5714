package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened outside the scheduler's state machine, fed to {@link
 * SchedulerState#handle}: a message from a client or worker, or a tick of the I/O shell's timer.
 *
 * <p>Every event carries a {@code stimulusId} chosen by the shell (unique per event, e.g. {@code
 * "task-finished-1712"}); it is written into the story of every task the event touches and into the
 * worker messages it causes. Workers and clients are named by their address or id. An event that
 * names a worker or client the scheduler does not know (it was removed or disconnected before the
 * event was handled) is stale and changes nothing.
 */
public sealed interface SchedulerEvent {
  /** The id of this stimulus, for stories and for the messages it causes. */
  String stimulusId();

  // ---- clients ----

  /** A client connected. Events naming an unknown client are ignored, so this comes first. */
  record ClientConnected(String client, String stimulusId) implements SchedulerEvent {
    public ClientConnected {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /** A client went away: everything it wanted is released, as if by {@link KeysReleased}. */
  record ClientDisconnected(String client, String stimulusId) implements SchedulerEvent {
    public ClientDisconnected {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A client submitted tasks and wants the results of {@code wanted} (its futures). Tasks whose key
   * the scheduler already tracks keep their existing definition: keys are deterministic, so the
   * same key is the same computation. A wanted key already in memory or erred is reported to the
   * client at once; a wanted key that is not known is reported lost. The tasks must form an acyclic
   * graph (the client's graph builder guarantees it): tasks on a cycle would wait forever.
   */
  record GraphSubmitted(String client, List<TaskSpec> tasks, List<Key> wanted, String stimulusId)
      implements SchedulerEvent {
    public GraphSubmitted {
      Objects.requireNonNull(client, "client");
      tasks = List.copyOf(tasks);
      wanted = List.copyOf(wanted);
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A client dropped its futures of these keys. A key nobody wants and no pending task needs is
   * released, and forgotten cluster-wide once nothing depends on it.
   */
  record KeysReleased(String client, List<Key> keys, String stimulusId) implements SchedulerEvent {
    public KeysReleased {
      Objects.requireNonNull(client, "client");
      keys = List.copyOf(keys);
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A client cancelled these keys. The client (every client wanting them, if {@code force}) stops
   * wanting each key and is told {@link SchedulerMessage.KeyCancelled}. When the canceller is the
   * only client wanting a key (or {@code force}), the key's dependents are cancelled the same way,
   * since they could not finish without it.
   */
  record KeysCancelled(String client, List<Key> keys, boolean force, String stimulusId)
      implements SchedulerEvent {
    public KeysCancelled {
      Objects.requireNonNull(client, "client");
      keys = List.copyOf(keys);
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A client placed data on workers ({@code client.scatter}); the client wants every key. Such data
   * has no lineage: if every worker holding it is lost it cannot be recomputed, and clients are
   * told {@link SchedulerMessage.KeyLost}. A known key in memory gains the new replicas; a released
   * one (for example scattered data lost earlier) is in memory again; in any other state the key
   * keeps its state and the scattered copies are not used.
   */
  record DataScattered(String client, List<ScatteredData> data, String stimulusId)
      implements SchedulerEvent {
    public DataScattered {
      Objects.requireNonNull(client, "client");
      data = List.copyOf(data);
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * One scattered value.
   *
   * @param key its key
   * @param workers the addresses of the workers now holding it
   * @param nbytes its size in bytes
   * @param typeName the simple name of its type, for clients and the dashboard
   */
  record ScatteredData(Key key, List<String> workers, long nbytes, String typeName) {
    public ScatteredData {
      Objects.requireNonNull(key, "key");
      workers = List.copyOf(workers);
      if (nbytes < 0) {
        throw new IllegalArgumentException("nbytes of '" + key + "' must be >= 0: " + nbytes);
      }
      Objects.requireNonNull(typeName, "typeName");
    }
  }

  // ---- workers ----

  /**
   * A worker joined. A second join under an address already connected is ignored: the shell must
   * report the old worker removed first.
   *
   * @param worker its address, which is also its id
   * @param nthreads how many tasks it runs at once
   * @param memoryLimit its memory limit in bytes (0: none)
   * @param resources the abstract resources it has ({@code "GPU" -> 2.0})
   */
  record WorkerAdded(
      String worker, int nthreads, long memoryLimit, Map<String, Double> resources, String stimulusId)
      implements SchedulerEvent {
    public WorkerAdded {
      Objects.requireNonNull(worker, "worker");
      if (nthreads < 1) {
        throw new IllegalArgumentException("nthreads of worker " + worker + " must be >= 1: " + nthreads);
      }
      if (memoryLimit < 0) {
        throw new IllegalArgumentException(
            "memoryLimit of worker " + worker + " must be >= 0: " + memoryLimit);
      }
      resources = Collections.unmodifiableMap(new TreeMap<>(resources));
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /** Why a worker left. */
  enum RemovalReason {
    /** It died or lost its connection: tasks running on it become more suspicious. */
    LOST,
    /** It retired on purpose: its tasks are rescheduled without suspicion. */
    RETIRED
  }

  /**
   * A worker left. Tasks processing on it are rescheduled; results held only by it are recomputed
   * from their lineage if still needed.
   */
  record WorkerRemoved(String worker, RemovalReason reason, String stimulusId)
      implements SchedulerEvent {
    public WorkerRemoved {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /** A worker paused (memory pressure), resumed, or started closing. */
  record WorkerStatusChanged(String worker, WorkerStatus status, String stimulusId)
      implements SchedulerEvent {
    public WorkerStatusChanged {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * When and where a worker ran one task, for the dashboard's task stream and performance report.
   *
   * @param startMicros when the task started, in microseconds since the epoch, on the worker's
   *     clock
   * @param stopMicros when it stopped, on the same clock ({@code >= startMicros})
   * @param thread which of the worker's task threads ran it, from 0
   */
  record TaskRun(long startMicros, long stopMicros, int thread) {
    public TaskRun {
      if (stopMicros < startMicros) {
        throw new IllegalArgumentException(
            "a task run cannot stop (" + stopMicros + ") before it starts (" + startMicros + ")");
      }
      if (thread < 0) {
        throw new IllegalArgumentException("thread must be >= 0: " + thread);
      }
    }
  }

  /**
   * A worker finished a task and holds its result.
   *
   * @param runId the run id of the {@link SchedulerMessage.ComputeTask} it answers; results of an
   *     older run are stale and freed
   * @param nbytes the result's size in bytes
   * @param typeName the simple name of the result's type
   * @param duration how long the task ran, measured by the worker
   * @param run when and on which thread it ran; null if the worker did not say
   */
  record TaskFinished(
      String worker, Key key, long runId, long nbytes, String typeName, Duration duration, TaskRun run,
      String stimulusId)
      implements SchedulerEvent {
    public TaskFinished {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
      if (nbytes < 0) {
        throw new IllegalArgumentException("nbytes of '" + key + "' must be >= 0: " + nbytes);
      }
      Objects.requireNonNull(typeName, "typeName");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }

    /** A finished task whose run the worker did not time. */
    public TaskFinished(
        String worker, Key key, long runId, long nbytes, String typeName, Duration duration, String stimulusId) {
      this(worker, key, runId, nbytes, typeName, duration, null, stimulusId);
    }
  }

  /**
   * A task threw on a worker. {@code runId} as in {@link TaskFinished}; {@code run} when and on
   * which thread it ran, null if the worker did not say.
   */
  record TaskErred(String worker, Key key, long runId, ErrorInfo error, TaskRun run, String stimulusId)
      implements SchedulerEvent {
    public TaskErred {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }

    /** A failed task whose run the worker did not time. */
    public TaskErred(String worker, Key key, long runId, ErrorInfo error, String stimulusId) {
      this(worker, key, runId, error, null, stimulusId);
    }
  }

  /**
   * {@code worker} does not hold {@code key} (any more), though the scheduler thought it did: the
   * worker said so itself, or a peer failed to fetch the key from it. The scheduler stops counting
   * it as a holder and tells it to free the key, in case a peer's report was stale and it does
   * hold the key, so that no worker keeps data the scheduler does not know about. A key left with
   * no holder is recomputed if still needed.
   */
  record DataMissing(String worker, Key key, String stimulusId) implements SchedulerEvent {
    public DataMissing {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /** The shell's periodic tick (Dask: every 100 ms) for deciding work stealing. */
  record StealTick(String stimulusId) implements SchedulerEvent {
    public StealTick {
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A worker's answer to a {@link SchedulerMessage.StealRequest}.
   *
   * @param wasQueued true if the task was still waiting in the worker's queue and the worker has
   *     dropped it; false if it is already running or done, and stays with that worker
   */
  record StealResponse(String worker, Key key, long runId, boolean wasQueued, String stimulusId)
      implements SchedulerEvent {
    public StealResponse {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }
  // ---- memory, retirement and restart ----

  /**
   * A worker's periodic report of its memory (from its heartbeat), kept in its record for clients
   * and the dashboard.
   *
   * @param managedBytes the results it holds in memory, as sized when stored
   * @param unmanagedBytes the rest of its process's memory in use (heap and native)
   * @param spilledBytes the in-memory size of the results it has spilled to disk
   */
  record WorkerMemory(String worker, long managedBytes, long unmanagedBytes, long spilledBytes, String stimulusId)
      implements SchedulerEvent {
    public WorkerMemory {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * A worker copied a key's value from a peer (for a task of its own, or because the scheduler
   * asked it to, see {@link SchedulerMessage.AcquireReplicas}) and now holds a replica.
   */
  record ReplicaAdded(String worker, Key key, String stimulusId) implements SchedulerEvent {
    public ReplicaAdded {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * Retire these workers gracefully: they take no new tasks, the tasks processing on them move
   * elsewhere, every result only they hold is copied to another worker first, and then each is
   * told to close ({@link SchedulerMessage.CloseWorker}). Unknown addresses are ignored.
   */
  record RetireWorkers(List<String> workers, String stimulusId) implements SchedulerEvent {
    public RetireWorkers {
      workers = List.copyOf(workers);
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }

  /**
   * Restart the cluster: every task is forgotten, every client future of them errs with {@link
   * ErrorInfo#RESTARTED}, and every worker is told to restart ({@link SchedulerMessage.CloseWorker}
   * with {@code restart}). Clients stay connected.
   */
  record Restart(String stimulusId) implements SchedulerEvent {
    public Restart {
      Objects.requireNonNull(stimulusId, "stimulusId");
    }
  }
}
