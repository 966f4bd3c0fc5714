package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.distributed.scheduler.SchedulerEvent.Restart;

/**
 * {@code client.restart()} in the state machine: every task is forgotten at once, the futures
 * clients hold of them err with {@link ErrorInfo#RESTARTED}, and every worker is told to restart.
 * The workers keep their records until they leave (their connections close); they take no new
 * tasks meanwhile. Clients stay connected and may submit again at once: new tasks wait for the
 * fresh workers.
 */
final class ClusterRestart {
  private final Registry registry;
  private final Outbox outbox;
  private final Retirement retirement;

  ClusterRestart(Registry registry, Outbox outbox, Retirement retirement) {
    this.registry = registry;
    this.outbox = outbox;
    this.retirement = retirement;
  }

  void onRestart(Restart e) {
    ErrorInfo restarted = new ErrorInfo(ErrorInfo.RESTARTED,
        "the cluster restarted (client.restart()) before this task ended; its workers were restarted and every"
            + " task forgotten: submit it again", "");
    for (ClientState client : registry.clients.values()) {
      for (TaskState ts : client.wantsWhat) {
        if (ts.status != TaskStatus.ERRED) {
          outbox.send(new SchedulerMessage.KeyErred(client.id, ts.key, ts.key, restarted));
        }
      }
      client.wantsWhat.clear();
    }
    for (TaskState ts : registry.tasks.values()) {
      ts.status = TaskStatus.FORGOTTEN;
    }
    registry.tasks.clear();
    registry.groups.clear();
    registry.queued.clear();
    registry.unrunnable.clear();
    registry.stealsInFlight.clear();
    retirement.clear();
    for (WorkerState ws : registry.workers.values()) {
      ws.processing.clear();
      ws.occupancyMicros = 0;
      ws.usedResources.clear();
      ws.hasWhat.clear();
      ws.nbytes = 0;
      ws.status = WorkerStatus.CLOSING;
      registry.updateIdle(ws);
      outbox.send(new SchedulerMessage.CloseWorker(ws.address, true, "the cluster restarts", e.stimulusId()));
    }
  }
}
