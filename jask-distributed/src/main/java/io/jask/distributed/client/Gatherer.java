package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.worker.SameJvmWorkers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fetches results: asks the scheduler who holds each key, then each holder for its keys, all
 * holders at once. Results come from the workers, never through the scheduler: from a worker in
 * this JVM as the objects it holds ({@link SameJvmWorkers}), from any other over the network.
 */
final class Gatherer {
  private final SchedulerLink scheduler;
  private final WorkerLinks workers;
  private final Executor executor;
  /** The token that workers in this JVM must share to hand their results over; null: never. */
  private final AuthToken sameJvmToken;

  Gatherer(SchedulerLink scheduler, WorkerLinks workers, Executor executor, AuthToken sameJvmToken) {
    this.scheduler = scheduler;
    this.workers = workers;
    this.executor = executor;
    this.sameJvmToken = sameJvmToken;
  }

  /**
   * The values of {@code keys} that some worker holds; keys nobody holds, or whose holder could not
   * be reached, are absent (the caller waits for the scheduler to recompute or report them).
   *
   * @throws JaskException naming the key and worker if a value cannot be decoded here
   */
  Map<Key, Object> fetch(Collection<Key> keys) {
    Messages.WhoHasReply who = (Messages.WhoHasReply) scheduler.call(new Messages.WhoHasRequest(new ArrayList<>(keys)));
    Map<String, List<Key>> byWorker = new LinkedHashMap<>();
    for (Key key : keys) {
      List<String> holders = who.whoHas().getOrDefault(key, List.of());
      if (!holders.isEmpty()) {
        // Any holder will do; a random one spreads the load of popular results.
        String holder = holders.get(holders.size() == 1 ? 0 : ThreadLocalRandom.current().nextInt(holders.size()));
        byWorker.computeIfAbsent(holder, w -> new ArrayList<>()).add(key);
      }
    }
    if (byWorker.size() == 1) {
      Map.Entry<String, List<Key>> only = byWorker.entrySet().iterator().next();
      return fetchFrom(only.getKey(), only.getValue());
    }
    List<CompletableFuture<Map<Key, Object>>> parts = new ArrayList<>();
    byWorker.forEach((worker, some) ->
        parts.add(CompletableFuture.supplyAsync(() -> fetchFrom(worker, some), executor)));
    Map<Key, Object> values = new HashMap<>();
    for (CompletableFuture<Map<Key, Object>> part : parts) {
      try {
        values.putAll(part.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return values;
  }

  private Map<Key, Object> fetchFrom(String worker, List<Key> keys) {
    if (sameJvmToken != null) {
      Optional<Map<Key, Object>> held = SameJvmWorkers.values(worker, sameJvmToken, keys);
      if (held.isPresent()) {
        return held.get();
      }
    }
    try {
      return workers.get(worker, keys);
    } catch (WorkerLinks.WorkerUnreachableException e) {
      return Map.of(); // the worker is gone: the scheduler will notice, and recompute what it held
    }
  }
}
