package io.jask.distributed.protocol;

import io.jask.core.graph.Key;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Serializer;
import io.jask.distributed.comm.SerializerConfig;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.scheduler.Priority;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.scheduler.WorkerStatus;

/**
 * The classes that travel as wire messages between scheduler, workers and clients, each under a
 * fixed id, and the comm options every Jask process uses. Ids never change meaning: add new
 * classes under new ids.
 */
public final class Protocol {
  private static final SerializerConfig CONFIG = SerializerConfig.builder()
      .register(Key.class, 1)
      .register(Priority.class, 2)
      .register(ErrorInfo.class, 3)
      .register(TaskSpec.class, 4)
      .register(SchedulerEvent.ScatteredData.class, 5)
      .register(WorkerStatus.class, 6)
      .register(SchedulerEvent.TaskRun.class, 7)
      .register(SchedulerEvent.GraphSubmitted.class, 10)
      .register(SchedulerEvent.KeysReleased.class, 11)
      .register(SchedulerEvent.KeysCancelled.class, 12)
      .register(SchedulerEvent.DataScattered.class, 13)
      .register(SchedulerEvent.TaskFinished.class, 14)
      .register(SchedulerEvent.TaskErred.class, 15)
      .register(SchedulerEvent.DataMissing.class, 16)
      .register(SchedulerEvent.StealResponse.class, 17)
      .register(SchedulerEvent.WorkerStatusChanged.class, 18)
      .register(SchedulerEvent.ReplicaAdded.class, 19)
      .register(SchedulerMessage.ComputeTask.class, 30)
      .register(SchedulerMessage.FreeKeys.class, 31)
      .register(SchedulerMessage.StealRequest.class, 32)
      .register(SchedulerMessage.KeyInMemory.class, 33)
      .register(SchedulerMessage.KeyErred.class, 34)
      .register(SchedulerMessage.KeyCancelled.class, 35)
      .register(SchedulerMessage.KeyLost.class, 36)
      .register(SchedulerMessage.AcquireReplicas.class, 37)
      .register(SchedulerMessage.CloseWorker.class, 38)
      .register(Messages.Role.class, 50)
      .register(Messages.Hello.class, 51)
      .register(Messages.RegisterWorker.class, 52)
      .register(Messages.Welcome.class, 53)
      .register(Messages.Refused.class, 54)
      .register(Messages.Heartbeat.class, 55)
      .register(Messages.WhoHasRequest.class, 56)
      .register(Messages.WhoHasReply.class, 57)
      .register(Messages.IdentityRequest.class, 58)
      .register(Messages.WorkerInfo.class, 59)
      .register(Messages.ClusterIdentity.class, 60)
      .register(Messages.StoryRequest.class, 61)
      .register(Messages.StoryReply.class, 62)
      .register(Messages.GetData.class, 63)
      .register(Messages.DataReply.class, 64)
      .register(Messages.PutData.class, 65)
      .register(Messages.Ack.class, 66)
      .register(Messages.Failed.class, 67)
      .register(Messages.Batch.class, 68)
      .register(Messages.Transfer.class, 69)
      .register(Messages.Goodbye.class, 70)
      .register(Messages.RestartRequest.class, 71)
      .register(Messages.RetireWorkersRequest.class, 72)
      // Scaling (ids from 90, apart from the others)
      .register(io.jask.distributed.scheduler.AdaptiveTarget.class, 90)
      .register(ScalingMessages.AdaptiveTargetRequest.class, 91)
      .register(ScalingMessages.RetirementCandidatesRequest.class, 92)
      .register(ScalingMessages.RetirementCandidates.class, 93)
      .build();

  private static final class Shared {
    static final Serializer SERIALIZER = CONFIG.newSerializer();
  }

  private Protocol() {}

  /** The registrations of every wire message class. */
  public static SerializerConfig serializerConfig() {
    return CONFIG;
  }

  /** The process-wide serializer for wire messages (building one costs tens of milliseconds). */
  public static Serializer serializer() {
    return Shared.SERIALIZER;
  }

  /** Comm options for a cluster with this token, and TLS when {@code tls} is not null. */
  public static CommOptions commOptions(AuthToken token, TlsConfig tls) {
    CommOptions.Builder b = CommOptions.builder(token).serializer(serializer());
    if (tls != null) {
      b.tls(tls);
    }
    return b.build();
  }
}
