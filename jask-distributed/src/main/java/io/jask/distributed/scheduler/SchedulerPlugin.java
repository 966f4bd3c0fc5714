package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.Messages;
import org.slf4j.event.Level;

/**
 * An observer of a running scheduler, as Dask's {@code SchedulerPlugin}: the dashboard, progress
 * reporters and metrics subscribe here and never reach into the state machine.
 *
 * <p>Every callback runs on the scheduler's loop thread, in the order things happened, so it must
 * return at once: copy what it needs into a bounded queue and do the work on a thread of its own,
 * dropping rather than blocking when that queue is full. A callback that throws is logged and
 * skipped; the scheduler carries on. Every method does nothing unless overridden.
 *
 * <pre>{@code
 * scheduler.addPlugin(new SchedulerPlugin() {
 *   public void transition(TaskTransition t) {
 *     queue.offer(t); // never put()
 *   }
 * });
 * }</pre>
 */
public interface SchedulerPlugin {
  /** A client submitted tasks; called before any of them changes state. */
  default void graphSubmitted(SchedulerEvent.GraphSubmitted graph) {}

  /** A task changed state. */
  default void transition(TaskTransition transition) {}

  /** A worker joined; called before any task is sent to it. */
  default void workerAdded(Messages.RegisterWorker worker) {}

  /** A worker left, after its tasks were rescheduled. */
  default void workerRemoved(String worker, SchedulerEvent.RemovalReason reason) {}

  /** A worker reported what it is doing and what it uses. */
  default void heartbeat(String worker, Messages.Heartbeat heartbeat) {}

  /** A line of the scheduler's log: workers joining and leaving, connections refused, failures. */
  default void log(Level level, String message) {}

  /** The scheduler is closing; called once, after its loop has stopped, from the closing thread. */
  default void close() {}
}
