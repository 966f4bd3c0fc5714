package io.jask.distributed.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Queries a cluster sends the scheduler to scale: how many workers the load asks for, and which
 * workers to retire when it asks for fewer. They travel on an RPC comm, each answered once. The
 * retirement itself is {@link Messages.RetireWorkersRequest}.
 *
 * <pre>
 *  cluster ──AdaptiveTargetRequest────────▶ scheduler ──AdaptiveTarget───────▶ cluster
 *  cluster ──RetirementCandidatesRequest──▶ scheduler ──RetirementCandidates─▶ cluster
 *  cluster ──RetireWorkersRequest─────────▶ scheduler ──Ack, once they left──▶ cluster
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
   * Which workers to retire: the named ones ({@code workers}, by address) that are registered, or
   * when that list is empty, {@code count} workers the scheduler picks (idle ones holding the
   * least data first). Answered by {@link RetirementCandidates}; retires nothing by itself.
   */
  public record RetirementCandidatesRequest(List<String> workers, int count) {
    public RetirementCandidatesRequest {
      workers = List.copyOf(Objects.requireNonNull(workers, "workers"));
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, got " + count);
      }
    }
  }

  /** The workers to retire, as they had registered (address and name). */
  public record RetirementCandidates(List<Messages.WorkerInfo> workers) {
    public RetirementCandidates {
      workers = List.copyOf(workers);
    }
  }
}
