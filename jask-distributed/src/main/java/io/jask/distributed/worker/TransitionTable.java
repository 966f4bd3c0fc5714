package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.CONSTRAINED;
import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.FLIGHT;
import static io.jask.distributed.worker.WorkerTaskState.FORGOTTEN;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.MISSING;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static io.jask.distributed.worker.WorkerTaskState.RESUMED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The worker's transitions, keyed by {@code (from, to)}, and the rule for pairs not in the table:
 * go through {@link WorkerTaskState#RELEASED} when neither end is RELEASED, else throw {@link
 * InvalidTransitionException}.
 */
final class TransitionTable {
  private final WorkerTables tables;
  private final Map<WorkerTaskState, Map<WorkerTaskState, Transition>> table =
      new EnumMap<>(WorkerTaskState.class);

  TransitionTable(WorkerTables tables) {
    this.tables = tables;
    ReleaseTransitions releases = new ReleaseTransitions(tables);
    Outcomes outcomes = new Outcomes(tables);
    ComputeTransitions compute = new ComputeTransitions(tables);
    FetchTransitions fetch = new FetchTransitions(tables, compute);
    CancelTransitions cancel = new CancelTransitions(releases, outcomes);

    put(RELEASED, WAITING, compute::releasedWaiting);
    put(RELEASED, FETCH, fetch::toFetch);
    put(RELEASED, MISSING, fetch::toMissing);
    put(RELEASED, FORGOTTEN, releases::releasedForgotten);
    put(RELEASED, MEMORY, (t, out) -> outcomes.toMemory(t, Outcomes.Report.NONE, out));

    put(WAITING, READY, compute::waitingReady);
    put(WAITING, CONSTRAINED, compute::waitingConstrained);
    put(WAITING, RELEASED, releases::released);
    put(READY, EXECUTING, compute::toExecuting);
    put(READY, RELEASED, releases::released);
    put(CONSTRAINED, EXECUTING, compute::toExecuting);
    put(CONSTRAINED, RELEASED, releases::released);
    put(EXECUTING, MEMORY, (t, out) -> outcomes.toMemory(t, Outcomes.Report.TASK_FINISHED, out));
    put(EXECUTING, ERROR, outcomes::toError);
    put(EXECUTING, RELEASED, cancel::executingReleased);

    put(FETCH, FLIGHT, fetch::fetchFlight);
    put(FETCH, MISSING, fetch::toMissing);
    put(FETCH, RELEASED, releases::released);
    put(FLIGHT, MEMORY, (t, out) -> outcomes.toMemory(t, Outcomes.Report.ADD_KEYS, out));
    put(FLIGHT, FETCH, fetch::flightFetch);
    put(FLIGHT, MISSING, fetch::toMissing);
    put(FLIGHT, ERROR, outcomes::toError);
    put(FLIGHT, RELEASED, fetch::flightReleased);
    put(MISSING, FETCH, fetch::missingFetch);
    put(MISSING, WAITING, fetch::missingWaiting);
    put(MISSING, RELEASED, releases::released);

    put(MEMORY, RELEASED, releases::memoryReleased);
    put(ERROR, RELEASED, releases::released);

    put(CANCELLED, RELEASED, cancel::cancelledReleased);
    put(CANCELLED, MEMORY, cancel::cancelledMemory);
    put(CANCELLED, ERROR, cancel::cancelledReleased);
    put(CANCELLED, FETCH, cancel::cancelledFetch);
    put(CANCELLED, WAITING, cancel::cancelledWaiting);
    put(RESUMED, RELEASED, cancel::resumedReleased);
    put(RESUMED, MEMORY, cancel::resumedMemory);
    put(RESUMED, ERROR, cancel::resumedWithoutValue);
    put(RESUMED, FETCH, cancel::resumedWithoutValue);
  }

  private void put(WorkerTaskState from, WorkerTaskState to, Transition transition) {
    table.computeIfAbsent(from, f -> new EnumMap<>(WorkerTaskState.class)).put(to, transition);
  }

  /** The pairs in the table: for each state, the states it moves to directly. */
  Map<WorkerTaskState, Set<WorkerTaskState>> pairs() {
    Map<WorkerTaskState, Set<WorkerTaskState>> pairs = new EnumMap<>(WorkerTaskState.class);
    table.forEach((from, tos) -> pairs.put(from, Collections.unmodifiableSet(EnumSet.copyOf(tos.keySet()))));
    return Collections.unmodifiableMap(pairs);
  }

  /**
   * Moves {@code task} towards {@code finish}, returning what that recommends and emits. A
   * recommendation to forget a task that is no longer released, or to move a forgotten one, is
   * stale and does nothing.
   *
   * @throws InvalidTransitionException if no transition joins the two states
   */
  Batch transition(TaskRecord task, WorkerTaskState finish, String stimulusId) {
    Batch out = new Batch(stimulusId);
    WorkerTaskState start = task.state;
    if (start == finish) {
      return out;
    }
    if (start == FORGOTTEN || (finish == FORGOTTEN && start != RELEASED)) {
      // Stale: the task was forgotten, or wanted again, since the recommendation was made.
      return out;
    }
    tables.transitionCount++;
    Transition direct = table.getOrDefault(start, Map.of()).get(finish);
    if (direct != null) {
      direct.apply(task, out);
    } else if (start != RELEASED && finish != RELEASED) {
      try {
        out.merge(transition(task, RELEASED, stimulusId));
        WorkerTaskState detour;
        while ((detour = out.take(task)) != null) {
          if (detour != FORGOTTEN) {
            out.merge(transition(task, detour, stimulusId));
          }
        }
        if (task.state == start) {
          // Work under way keeps the task where it was: there is no road through released now.
          throw new InvalidTransitionException(task.key, start, finish, tables.story.of(task.key));
        }
        out.merge(transition(task, finish, stimulusId));
      } catch (InvalidTransitionException e) {
        throw new InvalidTransitionException(task.key, start, finish, tables.story.of(task.key), e);
      }
    } else {
      throw new InvalidTransitionException(task.key, start, finish, tables.story.of(task.key));
    }
    tables.story.transition(task.key, start, finish, task.state, stimulusId);
    return out;
  }
}
