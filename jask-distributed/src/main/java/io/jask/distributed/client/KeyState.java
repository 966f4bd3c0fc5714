package io.jask.distributed.client;

import io.jask.core.graph.Key;
import java.util.concurrent.CompletableFuture;

/**
 * The client's view of one key: what the scheduler last said about it, a signal that completes
 * when it is done, and how many {@link Future} objects refer to it. Shared by every future of the
 * key.
 *
 * <p>The outcome and signal change together under this object's lock. The signal completes when
 * the outcome leaves pending, and is replaced by a fresh one when the key becomes pending again
 * (resubmitted after a cancel, or finished data found missing).
 */
final class KeyState {
  final Key key;

  /** Future objects that hold the key; guarded by the table's lock. */
  int references;

  /** Cancels sent for the key whose answer has not come back; guarded by this. */
  private int cancelsInFlight;

  private Outcome outcome = Outcome.PENDING;
  private CompletableFuture<Void> signal = new CompletableFuture<>();
  /** Completes at the next report about the key, whatever it says; then replaced. */
  private CompletableFuture<Void> nextReport = new CompletableFuture<>();

  KeyState(Key key) {
    this.key = key;
  }

  synchronized Outcome outcome() {
    return outcome;
  }

  /** Completes when the current outcome (if pending) is replaced; completed if it is done. */
  synchronized CompletableFuture<Void> signal() {
    return signal;
  }

  /** Completes at the next report about the key (a finished key recomputed reports again). */
  synchronized CompletableFuture<Void> nextReport() {
    return nextReport;
  }

  /**
   * Records what the scheduler said. A key the user cancelled stays cancelled: a late report of
   * its result does not revive it.
   */
  void report(Outcome next) {
    CompletableFuture<Void> done;
    CompletableFuture<Void> reported;
    synchronized (this) {
      reported = nextReport;
      nextReport = new CompletableFuture<>();
      if (outcome.status() == FutureStatus.CANCELLED) {
        done = null;
      } else {
        outcome = next;
        done = signal;
      }
    }
    // Outside the lock: dependent stages run here.
    if (done != null) {
      done.complete(null);
    }
    reported.complete(null);
  }

  /** Marks the key cancelled here, ahead of the scheduler's answer; false if it was done already. */
  boolean cancel(String reason) {
    return markCancelled(reason, true);
  }

  /**
   * Marks the key cancelled for a reason of the client's own (it closed, or could not send the
   * submission): no confirmation from the scheduler will follow.
   */
  void abort(String reason) {
    markCancelled(reason, false);
  }

  /**
   * The scheduler confirmed a cancel. The confirmation of a cancel sent by this client changes
   * nothing (the key was marked already, and may have been submitted again since); one that no
   * cancel of ours explains (another client cancelled with force) cancels the key.
   */
  void cancelled() {
    synchronized (this) {
      if (cancelsInFlight > 0) {
        cancelsInFlight--;
        return;
      }
    }
    markCancelled("cancelled by the scheduler", false);
  }

  private boolean markCancelled(String reason, boolean confirmationExpected) {
    CompletableFuture<Void> done;
    CompletableFuture<Void> reported;
    boolean wasPending;
    synchronized (this) {
      if (confirmationExpected) {
        cancelsInFlight++;
      }
      wasPending = outcome.status() == FutureStatus.PENDING;
      outcome = Outcome.cancelled(reason);
      done = signal;
      reported = nextReport;
      nextReport = new CompletableFuture<>();
    }
    done.complete(null);
    reported.complete(null); // a fetch waiting for news of the key learns it was cancelled
    return wasPending;
  }

  /**
   * Makes the key pending again if its outcome is still {@code seen}: it was submitted again after
   * a cancel or a loss, or its finished data turned out to be missing.
   */
  synchronized void resetIf(Outcome seen) {
    if (outcome == seen && outcome.status() != FutureStatus.PENDING) {
      outcome = Outcome.PENDING;
      signal = new CompletableFuture<>();
    }
  }

  /** Runs {@code action} once the key is done (at once if it is); on the completing thread. */
  void whenDone(Runnable action) {
    signal().thenRun(action);
  }

  @Override
  public String toString() {
    return key + " " + outcome().status().name().toLowerCase(java.util.Locale.ROOT);
  }
}
