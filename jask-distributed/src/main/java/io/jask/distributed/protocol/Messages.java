package io.jask.distributed.protocol;

import io.jask.core.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wire messages that are not state-machine events: handshakes, heartbeats, queries and the data
 * plane. State changes travel as the scheduler's own event and message records (a worker sends
 * {@code SchedulerEvent.TaskFinished}, the scheduler sends {@code SchedulerMessage.ComputeTask}).
 *
 * <pre>
 *  client ──Hello(CLIENT)──▶ scheduler ◀──Hello(WORKER)+RegisterWorker── worker
 *         ◀──Welcome──────            ──Welcome──────────────────────▶
 *  stream comms: events up, messages down, in order, no replies
 *  rpc comms:    one Request at a time, answered by one reply (WhoHas, Identity, Story, GetData…)
 *  client/worker ──GetData──▶ worker  ──DataReply + raw buffers──▶   (results never cross the scheduler)
 * </pre>
 */
public final class Messages {
  private Messages() {}

  /** What a connection is for, said in its first message. */
  public enum Role {
    /** A client's event stream to the scheduler. */
    CLIENT,
    /** A worker's event stream to the scheduler. */
    WORKER,
    /** Request/reply calls: to the scheduler (queries) or to a worker (data). */
    RPC
  }

  /** The first message on every connection, after authentication. */
  public record Hello(Role role, String id) {
    public Hello {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(id, "id");
    }
  }

  /** A worker's description, sent right after its {@link Hello}. */
  public record RegisterWorker(
      String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources) {
    public RegisterWorker {
      Objects.requireNonNull(address, "address");
      resources = Map.copyOf(resources);
    }
  }

  /** The scheduler's answer to a {@link Hello}. */
  public record Welcome(String schedulerAddress, String id) {}

  /** The scheduler refused a connection, and why. */
  public record Refused(String reason) {}

  /**
   * A worker's periodic report: it is alive, what it is doing, and what it uses.
   *
   * @param executing tasks running now
   * @param ready tasks waiting for a free thread
   * @param inMemory results held
   * @param managedBytes the estimated size of the results held
   * @param memoryLimit its memory limit in bytes (0: none)
   * @param cpuLoad CPU used by the worker's process since the last report, in cores (2.0: two cores
   *     busy); 0 where the JVM cannot tell
   * @param heapUsed bytes of the JVM heap in use (shared by every worker of one JVM)
   * @param spilledBytes bytes of results spilled to disk
   * @param transfers inputs fetched from peers since the last report, oldest first
   */
  public record Heartbeat(
      int executing,
      int ready,
      int inMemory,
      long managedBytes,
      long memoryLimit,
      double cpuLoad,
      long heapUsed,
      long spilledBytes,
      List<Transfer> transfers) {
    public Heartbeat {
      transfers = List.copyOf(transfers);
    }
  }

  /**
   * One fetch of inputs from a peer worker.
   *
   * @param peer the address of the worker the data came from
   * @param keys how many results it carried
   * @param nbytes their estimated size
   * @param startMicros when the fetch started, in microseconds since the epoch
   * @param stopMicros when it ended
   */
  public record Transfer(String peer, int keys, long nbytes, long startMicros, long stopMicros) {
    public Transfer {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /** Where the results of these keys are (client gather). */
  public record WhoHasRequest(List<Key> keys) {
    public WhoHasRequest {
      keys = List.copyOf(keys);
    }
  }

  /** For each key asked, the workers holding it (empty if none). */
  public record WhoHasReply(Map<Key, List<String>> whoHas) {}

  /** The cluster as the scheduler sees it. */
  public record IdentityRequest() {}

  /** One worker, for {@code client.toString()} and the dashboard. */
  public record WorkerInfo(String address, String name, int nthreads, long memoryLimit) {}

  /**
   * The scheduler, its workers, and the services it offers beside the wire protocol, by name
   * ({@code "dashboard"} → the dashboard's link, token included: only a connection that presented
   * the cluster's token receives it).
   */
  public record ClusterIdentity(String schedulerAddress, List<WorkerInfo> workers, Map<String, String> services) {
    public ClusterIdentity {
      workers = List.copyOf(workers);
      services = Map.copyOf(services);
    }
  }

  /** What happened to a task, in order. */
  public record StoryRequest(Key key) {}

  /** One line per transition of the task. */
  public record StoryReply(List<String> entries) {}

  /**
   * Asks a worker for the results of {@code keys}. Answered by an {@code Envelope} holding a
   * {@link DataReply} and one raw buffer per key found, in order.
   */
  public record GetData(List<Key> keys) {
    public GetData {
      keys = List.copyOf(keys);
    }
  }

  /**
   * Results, whose encoded bytes travel as the envelope's raw buffers, one per key in {@code
   * keys}; {@code missing} are the keys the worker does not hold.
   */
  public record DataReply(List<Key> keys, List<String> typeNames, List<Key> missing) {}

  /**
   * Puts results on a worker ({@code client.scatter}); the encoded values travel as raw buffers,
   * one per key. Answered by {@link Ack}.
   */
  public record PutData(List<Key> keys, List<String> typeNames) {}

  /** A request done. */
  public record Ack() {}

  /** A request failed on the remote side. */
  public record Failed(String message) {}

  /** Stream messages sent together, to be handled in order (see {@link Batches}). */
  public record Batch(List<Object> messages) {}
}
