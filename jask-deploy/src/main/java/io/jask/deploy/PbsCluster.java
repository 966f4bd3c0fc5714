package io.jask.deploy;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Workers in PBS (PBS Pro, Torque) jobs, submitted with {@code qsub} and cancelled with {@code qdel}; as
 * dask-jobqueue's {@code SLURMCluster}. {@code queue} is the partition.
 *
 * <pre>{@code
 * try (PbsCluster cluster = PbsCluster.start(o -> o.cores(4).memory("8GB").walltime("01:00:00")
 *         .queue("workq").account("proj42").schedulerHost("10.0.0.1"))) {
 *   System.out.println(cluster.jobScript());
 *   cluster.scale(10);             // 10 jobs of one worker each
 *   cluster.waitForWorkers(10, Duration.ofMinutes(10));
 *   // connect a client to cluster.schedulerAddress() with cluster.commOptions()
 * }
 * }</pre>
 */
public final class PbsCluster extends JobQueueCluster {
  private PbsCluster(JobQueueOptions options) {
    super(new BatchSystem.Pbs(), options);
  }

  /** Options to fill in and pass to {@link #start(JobQueueOptions)}. */
  public static JobQueueOptions options() {
    return new JobQueueOptions();
  }

  /** Starts the scheduler; no job is submitted until {@link #scale} or {@link #adapt}. */
  public static PbsCluster start(Consumer<JobQueueOptions> configure) {
    JobQueueOptions o = options();
    configure.accept(o);
    return start(o);
  }

  /** Starts the scheduler; no job is submitted until {@link #scale} or {@link #adapt}. */
  public static PbsCluster start(JobQueueOptions options) {
    return new PbsCluster(Objects.requireNonNull(options, "options"));
  }
}
