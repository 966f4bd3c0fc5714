package io.jask.distributed.client;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.ErrorInfo;
import io.jask.distributed.scheduler.SchedulerMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every key this client holds futures of, with their reference counts, and the reports the
 * scheduler sends about them.
 *
 * <p>A key is wanted from the scheduler while at least one reference is held; when the last one
 * goes, the table tells the scheduler ({@code KeysReleased}) and forgets the key. Taking
 * references and sending what goes with them (a submission, a release) happen under the table's
 * lock, through {@link #acquire} and {@link #release}, so the scheduler sees wants and releases of
 * one key in the order the client made them, whatever thread made them: a release can never
 * overtake the submission that wanted the key again.
 */
final class FuturesTable {
  private final Map<Key, KeyState> states = new ConcurrentHashMap<>();
  /** Sends the release of keys nobody here holds any more; called under the lock. */
  private final Consumer<List<Key>> releaser;

  FuturesTable(Consumer<List<Key>> releaser) {
    this.releaser = releaser;
  }

  /**
   * Takes one reference to each key (a key listed twice gets two), then runs {@code send}, all
   * under the lock. A key that was cancelled or lost becomes pending again: the submission sent
   * with it asks for it anew.
   *
   * @return the states, in the order of {@code keys}
   */
  synchronized List<KeyState> acquire(List<Key> keys, Runnable send) {
    List<KeyState> taken = new ArrayList<>(keys.size());
    for (Key key : keys) {
      KeyState state = states.computeIfAbsent(key, KeyState::new);
      state.references++;
      Outcome outcome = state.outcome();
      if (outcome.status() == FutureStatus.CANCELLED || outcome.status() == FutureStatus.LOST) {
        state.resetIf(outcome);
      }
      taken.add(state);
    }
    try {
      send.run();
    } catch (RuntimeException e) {
      for (KeyState state : taken) {
        drop(state, new ArrayList<>());
      }
      throw e;
    }
    return taken;
  }

  /** Runs {@code send} under the lock, ordered with every acquire and release. */
  synchronized void inOrder(Runnable send) {
    send.run();
  }

  /** Gives back one reference to each state; keys left with none are released at the scheduler. */
  synchronized void release(Collection<KeyState> given) {
    List<Key> unwanted = new ArrayList<>();
    for (KeyState state : given) {
      drop(state, unwanted);
    }
    if (!unwanted.isEmpty()) {
      releaser.accept(unwanted);
    }
  }

  private void drop(KeyState state, List<Key> unwanted) {
    // A state the table let go of (the cluster restarted) is nobody's business at the scheduler: the
    // same key may be wanted anew there, by a state of its own.
    if (--state.references == 0 && states.remove(state.key, state)) {
      unwanted.add(state.key);
    }
  }

  /** The state of a key held here, or null. */
  KeyState get(Key key) {
    return states.get(key);
  }

  /** Forgets every key without telling the scheduler (the client is closing). */
  synchronized List<KeyState> clear() {
    List<KeyState> all = new ArrayList<>(states.values());
    states.clear();
    return all;
  }

  /** Applies a report from the scheduler to the key it names; reports of keys not held are stale. */
  void report(SchedulerMessage.ToClient message) {
    if (message instanceof SchedulerMessage.KeyInMemory m) {
      apply(m.key(), Outcome.finished(m.typeName()));
    } else if (message instanceof SchedulerMessage.KeyErred m) {
      apply(m.key(), Outcome.erred(m.cause(), m.error()));
      if (m.error().exceptionClass().equals(ErrorInfo.RESTARTED)) {
        forgetRestarted(m.key());
      }
    } else if (message instanceof SchedulerMessage.KeyLost m) {
      apply(m.key(), Outcome.lost(m.reason()));
    } else if (message instanceof SchedulerMessage.KeyCancelled m) {
      KeyState state = states.get(m.key());
      if (state != null) {
        state.cancelled();
      }
    }
  }

  /**
   * The scheduler forgot the key when the cluster restarted: its futures keep their error, but the
   * table lets go of the state, so that submitting the same key again starts afresh.
   */
  private synchronized void forgetRestarted(Key key) {
    KeyState state = states.get(key);
    if (state != null && state.outcome().status() == FutureStatus.ERROR) {
      states.remove(key, state);
    }
  }

  /** Lets go of every state (the cluster restarted and forgot them); returns them. */
  synchronized List<KeyState> forgetAll() {
    List<KeyState> all = new ArrayList<>(states.values());
    states.clear();
    return all;
  }

  private void apply(Key key, Outcome outcome) {
    KeyState state = states.get(key);
    if (state != null) {
      state.report(outcome);
    }
  }
}
