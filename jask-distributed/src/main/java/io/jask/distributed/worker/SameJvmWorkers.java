package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import io.jask.distributed.comm.AuthToken;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers running in this JVM, by the address they serve their results at, so that a client
 * in the same JVM takes results as the very objects the worker holds: no serialisation, no copy,
 * no socket, as Dask's in-process cluster hands them over. A result held in another process, or by
 * a worker that is closing, still comes over the network.
 *
 * <p>A worker is listed from the end of its start (it has registered with its scheduler) until it
 * begins to close. Its results are handed only to a caller that presents the worker's own token:
 * what its data listener would demand over the network. The objects come from the worker's {@link
 * DataStore} exactly as a {@code GetData} request reads them (spilled values are read back first);
 * they are shared with the worker, so a caller must not modify them while the cluster may use
 * them.
 */
public final class SameJvmWorkers {
  private static final Map<String, WorkerServer> RUNNING = new ConcurrentHashMap<>();

  private SameJvmWorkers() {}

  /** Lists a worker that has started; one that closed meanwhile is taken off again at once. */
  static void add(WorkerServer worker) {
    RUNNING.put(worker.address(), worker);
    if (worker.isClosed()) { // its close ran before the put and found nothing to remove
      remove(worker);
    }
  }

  /** Takes a closing worker off the list. */
  static void remove(WorkerServer worker) {
    RUNNING.remove(worker.address(), worker);
  }

  /**
   * The values of {@code keys} that the worker at {@code address} holds, as the objects it holds;
   * keys it does not hold are absent. Empty when no open worker at that address runs in this JVM,
   * or {@code token} is not its token: the caller then asks over the network.
   *
   * @throws io.jask.core.JaskException if a spilled value cannot be read back from disk, as a
   *     {@code GetData} request would fail
   */
  public static Optional<Map<Key, Object>> values(String address, AuthToken token, List<Key> keys) {
    Objects.requireNonNull(token, "token");
    WorkerServer worker = address == null ? null : RUNNING.get(address);
    if (worker == null || !worker.acceptsToken(token)) {
      return Optional.empty();
    }
    return Optional.ofNullable(worker.heldValues(keys));
  }
}
