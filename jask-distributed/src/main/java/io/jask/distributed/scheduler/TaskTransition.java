package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import java.util.Objects;

/**
 * One change of a task's state, as {@link SchedulerPlugin#transition} sees it. The task's kind
 * (the dashboard's colour and progress row) is {@code key.group()}.
 *
 * @param key the task
 * @param from its state before
 * @param to its state after
 * @param worker the worker it was sent to ({@code to == PROCESSING}) or that ran it ({@code from
 *     == PROCESSING}); null otherwise
 * @param timeMicros when the scheduler handled the event, in microseconds since the epoch
 * @param run when and on which thread the worker ran it, on {@code processing -> memory} or
 *     {@code processing -> erred} reported by a worker that timed it; null otherwise
 * @param stimulusId the event that caused it
 */
public record TaskTransition(
    Key key,
    TaskStatus from,
    TaskStatus to,
    String worker,
    long timeMicros,
    SchedulerEvent.TaskRun run,
    String stimulusId) {
  public TaskTransition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
