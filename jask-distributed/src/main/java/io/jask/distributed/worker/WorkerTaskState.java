package io.jask.distributed.worker;

import java.util.Locale;

/**
 * The state of one task on one worker. The diagram and the meaning of each state are in the
 * {@linkplain io.jask.distributed.worker package documentation}.
 */
public enum WorkerTaskState {
  /** Known, but nothing is happening to it: neither computed, nor fetched, nor held. */
  RELEASED,
  /** To be computed here; some of its dependencies are not in memory here yet. */
  WAITING,
  /** A dependency to copy from a peer worker; queued until a transfer slot opens. */
  FETCH,
  /** A dependency being copied from a peer worker right now. */
  FLIGHT,
  /** All inputs are here; waiting for a free thread, in priority order. */
  READY,
  /** All inputs are here; waiting for abstract resources (GPUs, licences…) as well as a thread. */
  CONSTRAINED,
  /** Running on one of the shell's threads. */
  EXECUTING,
  /** Its value is in the shell's data store. */
  MEMORY,
  /** Running it threw, or its transfer failed for good; the error was reported. */
  ERROR,
  /**
   * The scheduler let go of a task that was executing or in flight. The work cannot be stopped,
   * so the task waits for it to end and then drops the result.
   */
  CANCELLED,
  /**
   * A cancelled task that is wanted again before its work ended: in the other role (a computation
   * now wanted as a fetch, or a transfer now wanted as a computation). When the work ends, its
   * result is kept if there is one, and the other role starts if there is not.
   */
  RESUMED,
  /** A dependency that no known peer holds; the scheduler has been told and new holders awaited. */
  MISSING,
  /** Gone from the worker's table. A task object in this state is no longer referenced by it. */
  FORGOTTEN;

  /** The lower-case name the wire protocol and the stories use ({@code "ready"}). */
  public String label() {
    return label;
  }

  private final String label = name().toLowerCase(Locale.ROOT);
}
