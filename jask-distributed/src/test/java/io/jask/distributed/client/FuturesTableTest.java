package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.ErrorInfo;
import io.jask.distributed.scheduler.SchedulerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The futures table without a cluster: reference counts, reports, and the order of wants and releases. */
class FuturesTableTest {
  private final Set<Key> wantedByScheduler = ConcurrentHashMap.newKeySet();
  private final FuturesTable table = new FuturesTable(wantedByScheduler::removeAll);

  private KeyState want(Key key) {
    return table.acquire(List.of(key), () -> wantedByScheduler.add(key)).get(0);
  }

  @Test
  void aKeyIsReleasedAtTheSchedulerWhenItsLastReferenceGoes() {
    Key k = Key.of("k");
    KeyState first = want(k);
    KeyState second = want(k);
    assertThat(second).isSameAs(first);
    assertThat(first.references).isEqualTo(2);

    table.release(List.of(first));
    assertThat(wantedByScheduler).contains(k);
    table.release(List.of(second));
    assertThat(wantedByScheduler).doesNotContain(k);

    assertThat(want(k)).isNotSameAs(first); // a fresh state, pending again
  }

  @Test
  void reportsMoveTheStateAndCompleteItsSignal() {
    KeyState state = want(Key.of("k"));
    assertThat(state.signal()).isNotDone();

    table.report(new SchedulerMessage.KeyErred("c", Key.of("k"), Key.of("dep"), new ErrorInfo("x.Boom", "m", "")));

    assertThat(state.signal()).isDone();
    assertThat(state.outcome().status()).isEqualTo(FutureStatus.ERROR);
    assertThat(state.outcome().cause()).isEqualTo(Key.of("dep"));
    table.report(new SchedulerMessage.KeyInMemory("c", Key.of("unknown"), "Integer")); // stale: ignored
  }

  @Test
  void aCancelledKeyIgnoresLateResultsAndItsOwnConfirmationButNotAnotherClientsForce() {
    KeyState state = want(Key.of("k"));
    assertThat(state.cancel("by the user")).isTrue();

    table.report(new SchedulerMessage.KeyInMemory("c", Key.of("k"), "Integer"));
    assertThat(state.outcome().status()).isEqualTo(FutureStatus.CANCELLED);

    // Submitted again: pending; the confirmation of the earlier cancel must not cancel it.
    assertThat(want(Key.of("k"))).isSameAs(state);
    assertThat(state.outcome().status()).isEqualTo(FutureStatus.PENDING);
    table.report(new SchedulerMessage.KeyCancelled("c", Key.of("k")));
    assertThat(state.outcome().status()).isEqualTo(FutureStatus.PENDING);

    // A cancel nobody here asked for (another client forced it) does.
    table.report(new SchedulerMessage.KeyCancelled("c", Key.of("k")));
    assertThat(state.outcome().status()).isEqualTo(FutureStatus.CANCELLED);
  }

  @Test
  void underConcurrencyAHeldKeyIsAlwaysWantedAtTheScheduler() throws Exception {
    List<Key> keys = List.of(Key.of("a"), Key.of("b"), Key.of("c"));
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicReference<String> violation = new AtomicReference<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 5_000 && violation.get() == null; i++) {
            Key key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            KeyState state = want(key);
            if (!wantedByScheduler.contains(key)) {
              violation.set("held " + key + " but the scheduler was told it is released");
            }
            table.release(List.of(state));
          }
        } catch (Exception e) {
          violation.set(e.toString());
        }
      });
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }

    assertThat(violation.get()).isNull();
    assertThat(wantedByScheduler).isEmpty();
    assertThat(table.clear()).isEmpty();
  }

  @Test
  void aFailedSendGivesTheReferencesBack() {
    Key k = Key.of("k");
    Map<Key, Integer> sent = new ConcurrentHashMap<>();
    try {
      table.acquire(List.of(k), () -> {
        throw new ClientClosedException("closed");
      });
    } catch (ClientClosedException expected) {
      sent.put(k, 1);
    }
    assertThat(sent).containsKey(k);
    assertThat(table.clear()).isEmpty();
  }
}
