package io.jask.distributed.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.ScalingMessages;
import io.jask.distributed.scheduler.AdaptiveTarget;
import io.jask.distributed.scheduler.SchedulerServer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a cluster asks its scheduler in order to scale, whether the scheduler runs in this JVM
 * ({@link #of(SchedulerServer)}) or elsewhere ({@link #connect}): who is registered, how many
 * workers the load asks for, and the graceful retirement of workers.
 */
public interface SchedulerControl extends AutoCloseable {
  /** The scheduler and the workers registered now. */
  Messages.ClusterIdentity identity();

  /** How many workers the load asks for (see {@link AdaptiveTarget}). */
  AdaptiveTarget adaptiveTarget(Duration targetDuration);

  /**
   * Retires workers gracefully (see {@link SchedulerServer#retireWorkers}): the results only they
   * hold are copied to other workers, then they are told to close. Returns once they have left, or
   * after {@code timeout} when they have not; either way the caller may then stop them, and
   * whatever they still held alone is recomputed from its lineage if needed.
   *
   * @param addresses the workers to retire; when empty, {@code count} workers the scheduler picks
   *     (see {@link SchedulerServer#retirementCandidates})
   * @return the workers chosen (unknown addresses are skipped)
   */
  List<Messages.WorkerInfo> retireWorkers(List<String> addresses, int count, Duration timeout);

  /** Lets go of the scheduler (closes a connection to it; stops nothing). */
  @Override
  default void close() {}

  /** A scheduler in this JVM. */
  static SchedulerControl of(SchedulerServer server) {
    Objects.requireNonNull(server, "server");
    return new SchedulerControl() {
      @Override
      public Messages.ClusterIdentity identity() {
        return server.identitySnapshot();
      }

      @Override
      public AdaptiveTarget adaptiveTarget(Duration targetDuration) {
        return server.adaptiveTarget(targetDuration);
      }

      @Override
      public List<Messages.WorkerInfo> retireWorkers(List<String> addresses, int count, Duration timeout) {
        List<Messages.WorkerInfo> chosen = server.retirementCandidates(addresses, count);
        if (!chosen.isEmpty()) {
          try {
            await(server.retireWorkers(addressesOf(chosen), timeout), timeout.plusSeconds(30), server.address());
          } catch (JaskException e) {
            warnNotGraceful(chosen, e);
          }
        }
        return chosen;
      }
    };
  }

  /**
   * A scheduler reached over the network, through one RPC connection used one call at a time.
   *
   * @throws io.jask.distributed.comm.CommException if it cannot be reached or refuses the token
   * @throws JaskException if it refuses the connection
   */
  static SchedulerControl connect(String address, CommOptions options) {
    Comm comm = Transports.connect(address, options);
    try {
      comm.send(new Messages.Hello(Messages.Role.RPC, "cluster-" + Long.toHexString(System.nanoTime())));
      Object answer = await(comm.receive(), Duration.ofSeconds(30), address);
      if (!(answer instanceof Messages.Welcome)) {
        throw new JaskException("the scheduler at " + address + " answered a hello with " + answer);
      }
    } catch (RuntimeException e) {
      comm.close();
      throw e;
    }
    return new SchedulerControl() {
      @Override
      public synchronized Messages.ClusterIdentity identity() {
        return (Messages.ClusterIdentity) call(new Messages.IdentityRequest(), Duration.ofSeconds(30));
      }

      @Override
      public synchronized AdaptiveTarget adaptiveTarget(Duration targetDuration) {
        return (AdaptiveTarget) call(new ScalingMessages.AdaptiveTargetRequest(Math.max(1, targetDuration.toMillis())),
            Duration.ofSeconds(30));
      }

      @Override
      public synchronized List<Messages.WorkerInfo> retireWorkers(List<String> addresses, int count, Duration timeout) {
        List<Messages.WorkerInfo> chosen = ((ScalingMessages.RetirementCandidates)
            call(new ScalingMessages.RetirementCandidatesRequest(addresses, count), Duration.ofSeconds(30))).workers();
        if (!chosen.isEmpty()) {
          try {
            call(new Messages.RetireWorkersRequest(addressesOf(chosen), timeout.toMillis()), timeout.plusSeconds(30));
          } catch (JaskException e) {
            warnNotGraceful(chosen, e);
          }
        }
        return chosen;
      }

      private Object call(Object request, Duration wait) {
        comm.send(request);
        Object answer = await(comm.receive(), wait, address);
        if (answer instanceof Messages.Failed failed) {
          throw new JaskException("the scheduler at " + address + " failed to answer "
              + request.getClass().getSimpleName() + ": " + failed.message());
        }
        return answer;
      }

      @Override
      public void close() {
        comm.close();
      }
    };
  }

  private static void warnNotGraceful(List<Messages.WorkerInfo> chosen, JaskException e) {
    org.slf4j.LoggerFactory.getLogger(SchedulerControl.class)
        .warn("Retiring {} did not finish gracefully: {}", addressesOf(chosen), e.getMessage());
  }

  private static List<String> addressesOf(List<Messages.WorkerInfo> workers) {
    return workers.stream().map(Messages.WorkerInfo::address).toList();
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> reply, Duration wait, String address) {
    try {
      return reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new JaskException("the scheduler at " + address + " did not answer within " + wait.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while waiting for the scheduler at " + address, e);
    } catch (ExecutionException e) {
      throw new JaskException("the scheduler at " + address + " could not answer: " + e.getCause(), e.getCause());
    }
  }
}
