package io.jask.bench;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Warms a freshly started cluster's runtime (transport, serialisation, the scheduler's and the
 * workers' state machines) with bursts of tiny tasks until the JIT compiler has settled, so that a
 * workload of a few hundred coarse tasks is timed against a runtime in the state it reaches after
 * serving for a while, not while the compiler threads still take one of the cores.
 *
 * <p>A workload's own warm-up runs cannot do this quickly: each passes only a few hundred times
 * through the runtime's code, so the compiler keeps reaching new thresholds for dozens of runs.
 */
final class RuntimeWarmUp {
  /** Tiny tasks per burst: a {@code map} of this many, then a delayed tree over as many leaves. */
  static final int BURST_TASKS = 2_000;

  /** Tasks run per burst, the map's and the tree's. */
  static final int TASKS_PER_BURST = BURST_TASKS + Workloads.incTreeTasks(BURST_TASKS);

  static final int MIN_BURSTS = 3;
  static final int MAX_BURSTS = 30;

  private RuntimeWarmUp() {}

  /**
   * Runs bursts on {@code client}'s cluster until the JIT has settled ({@link JitWarmUp}), each
   * result checked.
   *
   * @return the number of bursts run
   */
  static int warm(Client client) {
    return warm(client, MIN_BURSTS, MAX_BURSTS);
  }

  /** As {@link #warm(Client)}, with {@code min} to {@code max} bursts. */
  static int warm(Client client, int min, int max) {
    int[] burst = {0};
    int bursts = JitWarmUp.run(() -> burst(client, burst[0]++), min, max);
    // The bursts' garbage grew the heap; a full collection gives that memory back, so that the
    // peak memory measured next is the workload's own.
    System.gc();
    return bursts;
  }

  private static void burst(Client client, int round) {
    // Fresh inputs each burst: the same keys would find their results still in memory.
    long offset = (long) round * BURST_TASKS;
    List<Long> items = new ArrayList<>(BURST_TASKS);
    for (int i = 0; i < BURST_TASKS; i++) {
      items.add(offset + i);
    }
    List<Future<Long>> futures = client.map(Workloads::inc, items);
    List<Long> results = client.gather(futures);
    futures.forEach(Future::release);
    for (int i = 0; i < BURST_TASKS; i++) {
      if (results.get(i) != offset + i + 1) {
        throw new IllegalStateException("warm-up task inc(" + (offset + i) + ") gave " + results.get(i));
      }
    }
    long tree = Workloads.incTree(BURST_TASKS).compute(client);
    if (tree != Workloads.incTreeExpected(BURST_TASKS)) {
      throw new IllegalStateException("warm-up tree gave " + tree + ", expected " + Workloads.incTreeExpected(BURST_TASKS));
    }
  }
}
