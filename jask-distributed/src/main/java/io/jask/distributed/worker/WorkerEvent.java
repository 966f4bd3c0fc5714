package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Something that happened, fed to {@link WorkerState#handle}: a message from the scheduler, the
 * end of a computation or a transfer the shell was told to start, or a word from the memory
 * monitor. Every event carries a stimulus id, which the instructions it causes and the story
 * entries it writes repeat, so that a failure can be traced back to what caused it.
 *
 * <p>Times are numbers given by the shell (seconds since some epoch of its choosing); the state
 * machine only copies them into messages.
 */
public sealed interface WorkerEvent {
  /** The id shared by this event and everything it caused. */
  String stimulusId();

  private static String requireId(String stimulusId) {
    return Objects.requireNonNull(stimulusId, "stimulusId");
  }

  private static Key requireKey(Key key) {
    return Objects.requireNonNull(key, "key");
  }

  /**
   * The scheduler asks this worker to compute a task.
   *
   * @param key the task's key
   * @param runSpec what to run, opaque to the state machine; handed back in {@link
   *     WorkerInstruction.Execute}
   * @param priority the scheduler's priority; lower runs first
   * @param dependencies for each input of the task, the peers holding it and its size
   * @param resources the abstract resources the task needs while it runs; empty for none
   */
  record ComputeTask(
      String stimulusId,
      Key key,
      Object runSpec,
      Priority priority,
      Map<Key, DependencyInfo> dependencies,
      Map<String, Double> resources)
      implements WorkerEvent {
    public ComputeTask {
      requireId(stimulusId);
      requireKey(key);
      Objects.requireNonNull(runSpec, "runSpec");
      Objects.requireNonNull(priority, "priority");
      dependencies = Copies.sortedMap(dependencies, "dependencies");
      if (dependencies.containsKey(key)) {
        throw new IllegalArgumentException("task '" + key + "' must not depend on itself");
      }
      resources = Copies.sortedMap(resources, "resources");
    }

    /** A task that needs no abstract resources. */
    public ComputeTask(
        String stimulusId, Key key, Object runSpec, Priority priority, Map<Key, DependencyInfo> dependencies) {
      this(stimulusId, key, runSpec, priority, dependencies, Map.of());
    }
  }

  /**
   * A task the shell was told to {@linkplain WorkerInstruction.Execute execute} returned; the
   * shell has already put its value in its data store.
   *
   * @param nbytes the value's size in bytes
   * @param typeName the value's class name
   * @param start when the task started, by the shell's clock
   * @param stop when it returned
   */
  record ExecuteSuccess(String stimulusId, Key key, long nbytes, String typeName, double start, double stop)
      implements WorkerEvent {
    public ExecuteSuccess {
      requireId(stimulusId);
      requireKey(key);
      if (nbytes < 0) {
        throw new IllegalArgumentException("nbytes must not be negative: " + nbytes);
      }
      Objects.requireNonNull(typeName, "typeName");
    }
  }

  /** A task the shell was told to execute threw; nothing was stored. */
  record ExecuteFailure(String stimulusId, Key key, ErrorInfo error, double start, double stop)
      implements WorkerEvent {
    public ExecuteFailure {
      requireId(stimulusId);
      requireKey(key);
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * A task whose run was {@linkplain WorkerInstruction.CancelExecute cancelled} before it started
   * was not run: nothing was stored, and the shell will report nothing else about that run.
   */
  record ExecuteSkipped(String stimulusId, Key key) implements WorkerEvent {
    public ExecuteSkipped {
      requireId(stimulusId);
      requireKey(key);
    }
  }

  /**
   * A {@linkplain WorkerInstruction.GatherDep transfer} from {@code peer} ended and these values
   * arrived; the shell has already put them in its data store. Keys that were asked for but are
   * not in {@code data} are ones the peer said it does not have (a "missing keys" reply is this
   * event with those keys absent): the worker looks for them on other peers.
   */
  record GatherDepSuccess(String stimulusId, String peer, Map<Key, ValueInfo> data) implements WorkerEvent {
    public GatherDepSuccess {
      requireId(stimulusId);
      Copies.peer(peer);
      data = Copies.sortedMap(data, "data");
    }
  }

  /** The peer answered that it is too busy to send these keys now; nothing was stored. */
  record GatherDepBusy(String stimulusId, String peer, Set<Key> keys) implements WorkerEvent {
    public GatherDepBusy {
      requireId(stimulusId);
      Copies.peer(peer);
      keys = Copies.sortedSet(keys, "keys");
    }
  }

  /**
   * The peer could not be reached or the connection broke; nothing was stored. The worker takes the
   * peer for dead: it forgets every key it thought the peer held and fetches them elsewhere.
   */
  record GatherDepNetworkFailure(String stimulusId, String peer, Set<Key> keys) implements WorkerEvent {
    public GatherDepNetworkFailure {
      requireId(stimulusId);
      Copies.peer(peer);
      keys = Copies.sortedSet(keys, "keys");
    }
  }

  /**
   * The transfer failed for a reason that trying again will not cure (the bytes did not
   * deserialise); nothing was stored. The keys go to {@link WorkerTaskState#ERROR}.
   */
  record GatherDepFailure(String stimulusId, String peer, Set<Key> keys, ErrorInfo error)
      implements WorkerEvent {
    public GatherDepFailure {
      requireId(stimulusId);
      Copies.peer(peer);
      keys = Copies.sortedSet(keys, "keys");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Values were put into the shell's data store from outside, not computed here nor fetched on
   * the scheduler's behalf: a client scattered them (Dask's {@code update_data}). The shell has
   * already stored them, and offers only keys this worker does not know or holds released or in
   * memory; see {@link WorkerState#acceptsPutData}. Such a key goes to memory, and tasks waiting
   * for it may start; the client, not the worker, tells the scheduler where the values are. A
   * value for a key in any other state is not used: the state machine answers {@link
   * WorkerInstruction.DropData}.
   */
  record UpdateData(String stimulusId, Map<Key, ValueInfo> data) implements WorkerEvent {
    public UpdateData {
      requireId(stimulusId);
      data = Copies.sortedMap(data, "data");
    }
  }

  /** The pause asked for by {@link WorkerInstruction.RetryBusyPeerLater} is over. */
  record RetryBusyPeer(String stimulusId, String peer) implements WorkerEvent {
    public RetryBusyPeer {
      requireId(stimulusId);
      Copies.peer(peer);
    }
  }

  /**
   * The scheduler no longer needs these keys here. Tasks are released and forgotten; a running
   * computation or transfer is {@linkplain WorkerTaskState#CANCELLED cancelled} and its result
   * dropped when it ends. The scheduler frees a key only once no task it placed here still needs
   * it.
   */
  record FreeKeys(String stimulusId, Set<Key> keys) implements WorkerEvent {
    public FreeKeys {
      requireId(stimulusId);
      keys = Copies.sortedSet(keys, "keys");
    }
  }

  /**
   * The scheduler would like to move this task to another worker. The worker gives it up if it has
   * not started (waiting, ready or constrained) and answers with the state it was in.
   */
  record StealRequest(String stimulusId, Key key) implements WorkerEvent {
    public StealRequest {
      requireId(stimulusId);
      requireKey(key);
    }
  }

  /** The scheduler asks this worker to copy these values from peers, for safety or balance. */
  record AcquireReplicas(String stimulusId, Map<Key, DependencyInfo> replicas) implements WorkerEvent {
    public AcquireReplicas {
      requireId(stimulusId);
      replicas = Copies.sortedMap(replicas, "replicas");
    }
  }

  /**
   * The scheduler's current answer to "who holds these keys?", after {@link
   * SchedulerMessage.MissingData} or on its own account. It replaces what the worker knew.
   */
  record RefreshWhoHas(String stimulusId, Map<Key, Set<String>> whoHas) implements WorkerEvent {
    public RefreshWhoHas {
      requireId(stimulusId);
      TreeMap<Key, Set<String>> copy = new TreeMap<>();
      Copies.sortedMap(whoHas, "who_has")
          .forEach(
              (k, peers) -> {
                Set<String> sorted = Copies.sortedSet(peers, "who_has of " + k);
                sorted.forEach(Copies::peer);
                copy.put(k, sorted);
              });
      whoHas = Collections.unmodifiableSortedMap(copy);
    }
  }

  /** The shell's periodic reminder: ask the scheduler again about every missing key. */
  record FindMissing(String stimulusId) implements WorkerEvent {
    public FindMissing {
      requireId(stimulusId);
    }
  }

  /** The scheduler says this peer has left the cluster: nothing can be fetched from it any more. */
  record RemovePeer(String stimulusId, String peer) implements WorkerEvent {
    public RemovePeer {
      requireId(stimulusId);
      Copies.peer(peer);
    }
  }

  /**
   * The memory monitor says stop: no new task starts and no new transfer begins. What is executing
   * or in flight finishes.
   */
  record Pause(String stimulusId) implements WorkerEvent {
    public Pause {
      requireId(stimulusId);
    }
  }

  /** The memory monitor says go on. */
  record Unpause(String stimulusId) implements WorkerEvent {
    public Unpause {
      requireId(stimulusId);
    }
  }
}
