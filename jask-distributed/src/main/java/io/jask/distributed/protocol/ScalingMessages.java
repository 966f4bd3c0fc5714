package io.jask.distributed.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Queries a cluster sends the scheduler to scale: how many workers the load asks for, and the
 * graceful retirement of workers. They travel on an RPC comm, each answered once.
 *
 * <pre>
 *  cluster ──AdaptiveTargetRequest──▶ scheduler ──AdaptiveTarget──▶ cluster
 *  cluster ──RetireWorkersRequest───▶ scheduler: workers CLOSING, no new tasks; once each has
 *          ◀──RetireWorkersReply────            finished its tasks (or the timeout passed) it is
 *                                               removed and its connection closed, so it stops
 * </pre>
 */
public final class ScalingMessages {
  private ScalingMessages() {}

  /**
   * How many workers the load asks for; answered by {@link
   * io.jask.distributed.scheduler.AdaptiveTarget}.
   *
   * @param targetDurationMillis how long the work in hand should take on the wanted workers
   */
  public record AdaptiveTargetRequest(long targetDurationMillis) {
    public AdaptiveTargetRequest {
      if (targetDurationMillis <= 0) {
        throw new IllegalArgumentException("targetDurationMillis must be positive, got " + targetDurationMillis);
      }
    }
  }

  /**
   * Retire workers gracefully: the named ones ({@code workers}, by address), or when that list is
   * empty, {@code count} workers the scheduler picks (idle ones holding the least data first).
   * Answered by {@link RetireWorkersReply} once they are gone.
   *
   * @param timeoutMillis how long a retiring worker may take to finish its tasks before it is
   *     removed anyway (its tasks then run elsewhere)
   */
  public record RetireWorkersRequest(List<String> workers, int count, long timeoutMillis) {
    public RetireWorkersRequest {
      workers = List.copyOf(Objects.requireNonNull(workers, "workers"));
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, got " + count);
      }
      if (timeoutMillis < 0) {
        throw new IllegalArgumentException("timeoutMillis must not be negative, got " + timeoutMillis);
      }
    }
  }

  /** The workers retired, as they had registered (address and name). */
  public record RetireWorkersReply(List<Messages.WorkerInfo> retired) {
    public RetireWorkersReply {
      retired = List.copyOf(retired);
    }
  }
}
