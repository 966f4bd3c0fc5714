package io.jask.dashboard;

import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerPlugin;
import io.jask.distributed.scheduler.TaskTransition;
import org.slf4j.event.Level;

/**
 * The dashboard's ear on the scheduler: every callback (on the scheduler's thread) only puts the
 * event into the {@link Inbox}, which never blocks.
 */
final class DashboardPlugin implements SchedulerPlugin {
  /** A worker left. */
  record WorkerGone(String worker, String reason) {}

  /** A heartbeat and the worker that sent it. */
  record Beat(String worker, Messages.Heartbeat heartbeat, long timeMillis) {}

  /** A line of the scheduler's log. */
  record LogLine(long timeMillis, String level, String message) {}

  private final Inbox inbox;
  private final Runnable onClose;

  DashboardPlugin(Inbox inbox, Runnable onClose) {
    this.inbox = inbox;
    this.onClose = onClose;
  }

  @Override
  public void graphSubmitted(SchedulerEvent.GraphSubmitted graph) {
    inbox.offer(graph);
  }

  @Override
  public void transition(TaskTransition transition) {
    inbox.offer(transition);
  }

  @Override
  public void workerAdded(Messages.RegisterWorker worker) {
    inbox.offer(worker);
  }

  @Override
  public void workerRemoved(String worker, SchedulerEvent.RemovalReason reason) {
    inbox.offer(new WorkerGone(worker, reason.name().toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public void heartbeat(String worker, Messages.Heartbeat heartbeat) {
    inbox.offer(new Beat(worker, heartbeat, System.currentTimeMillis()));
  }

  @Override
  public void log(Level level, String message) {
    inbox.offer(new LogLine(System.currentTimeMillis(), level.name(), message));
  }

  @Override
  public void close() {
    onClose.run();
  }
}
