package io.jask.distributed.worker;

import java.util.Map;
import java.util.SortedMap;

/**
 * The settings of one worker's state machine.
 *
 * @param nthreads how many tasks may execute at once; at least 1
 * @param lookahead how many tasks beyond {@code nthreads} may be handed to the shell at once, to
 *     wait on its pool so that a thread that ends a task starts the next one without a round trip
 *     through the state machine; 0 (Dask's behaviour) hands over only as many tasks as there are
 *     threads. Tasks that need abstract resources are never handed over to wait.
 * @param transferIncomingCountLimit how many transfers from peers may be under way at once; at
 *     least 1. At most one transfer per peer is ever under way.
 * @param transferIncomingBytesLimit how many bytes may be on their way from peers at once; at
 *     least 1. When nothing is on its way, the most urgent dependency is fetched whatever its size,
 *     so that a value larger than the limit still arrives.
 * @param transferMessageBytesLimit how many bytes one transfer (one {@link
 *     WorkerInstruction.GatherDep}) may ask for; at least 1. The first key of a transfer is taken
 *     whatever its size.
 * @param storyLimit how many entries the story log keeps, oldest dropped first; 0 keeps none
 * @param validate whether {@link WorkerState#handle} checks every invariant after each event
 *     (slow; for tests)
 * @param resources the abstract resources this worker offers ({@code "GPU" → 2.0}), sorted by
 *     name; tasks that ask for resources wait in {@link WorkerTaskState#CONSTRAINED} until enough
 *     are free
 */
public record WorkerConfig(
    int nthreads,
    int lookahead,
    int transferIncomingCountLimit,
    long transferIncomingBytesLimit,
    long transferMessageBytesLimit,
    int storyLimit,
    boolean validate,
    Map<String, Double> resources) {

  /** Concurrent incoming transfers by default, as Dask's {@code distributed.worker.connections.incoming}. */
  public static final int DEFAULT_TRANSFER_INCOMING_COUNT_LIMIT = 10;
  /** Bytes in flight by default: 512 MiB. */
  public static final long DEFAULT_TRANSFER_INCOMING_BYTES_LIMIT = 512L << 20;
  /** Bytes per transfer by default: 50 MB, as Dask's {@code transfer.message-bytes-limit}. */
  public static final long DEFAULT_TRANSFER_MESSAGE_BYTES_LIMIT = 50_000_000L;
  /** Story entries kept by default. */
  public static final int DEFAULT_STORY_LIMIT = 100_000;

  /**
   * @throws IllegalArgumentException naming the setting, if a count or limit is out of range or a
   *     resource amount is negative
   */
  public WorkerConfig {
    if (nthreads < 1) {
      throw new IllegalArgumentException("nthreads must be at least 1: " + nthreads);
    }
    if (lookahead < 0) {
      throw new IllegalArgumentException("lookahead must not be negative: " + lookahead);
    }
    if (transferIncomingCountLimit < 1) {
      throw new IllegalArgumentException(
          "transferIncomingCountLimit must be at least 1: " + transferIncomingCountLimit);
    }
    if (transferIncomingBytesLimit < 1) {
      throw new IllegalArgumentException(
          "transferIncomingBytesLimit must be at least 1: " + transferIncomingBytesLimit);
    }
    if (transferMessageBytesLimit < 1) {
      throw new IllegalArgumentException(
          "transferMessageBytesLimit must be at least 1: " + transferMessageBytesLimit);
    }
    if (storyLimit < 0) {
      throw new IllegalArgumentException("storyLimit must not be negative: " + storyLimit);
    }
    SortedMap<String, Double> copy = Copies.sortedMap(resources, "resources");
    copy.forEach(
        (name, amount) -> {
          if (!(amount >= 0)) {
            throw new IllegalArgumentException("resource '" + name + "' must not be negative: " + amount);
          }
        });
    resources = copy;
  }

  /** The defaults, with {@code nthreads} threads, no lookahead, no resources and validation off. */
  public static WorkerConfig of(int nthreads) {
    return new WorkerConfig(
        nthreads,
        0,
        DEFAULT_TRANSFER_INCOMING_COUNT_LIMIT,
        DEFAULT_TRANSFER_INCOMING_BYTES_LIMIT,
        DEFAULT_TRANSFER_MESSAGE_BYTES_LIMIT,
        DEFAULT_STORY_LIMIT,
        false,
        Map.of());
  }

  /** This configuration with other transfer limits. */
  public WorkerConfig withTransferLimits(int countLimit, long incomingBytesLimit, long messageBytesLimit) {
    return new WorkerConfig(
        nthreads, lookahead, countLimit, incomingBytesLimit, messageBytesLimit, storyLimit, validate, resources);
  }

  /** This configuration keeping {@code limit} story entries. */
  public WorkerConfig withStoryLimit(int limit) {
    return new WorkerConfig(
        nthreads,
        lookahead,
        transferIncomingCountLimit,
        transferIncomingBytesLimit,
        transferMessageBytesLimit,
        limit,
        validate,
        resources);
  }

  /** This configuration handing the shell up to {@code extra} tasks beyond its threads. */
  public WorkerConfig withLookahead(int extra) {
    return new WorkerConfig(
        nthreads,
        extra,
        transferIncomingCountLimit,
        transferIncomingBytesLimit,
        transferMessageBytesLimit,
        storyLimit,
        validate,
        resources);
  }

  /** This configuration with invariant checks after every event switched on or off. */
  public WorkerConfig withValidate(boolean on) {
    return new WorkerConfig(
        nthreads,
        lookahead,
        transferIncomingCountLimit,
        transferIncomingBytesLimit,
        transferMessageBytesLimit,
        storyLimit,
        on,
        resources);
  }

  /** This configuration offering these abstract resources. */
  public WorkerConfig withResources(Map<String, Double> offered) {
    return new WorkerConfig(
        nthreads,
        lookahead,
        transferIncomingCountLimit,
        transferIncomingBytesLimit,
        transferMessageBytesLimit,
        storyLimit,
        validate,
        offered);
  }
}
