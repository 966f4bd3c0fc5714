package io.jask.deploy;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Workers in SLURM jobs, submitted with {@code sbatch} and cancelled with {@code scancel}; as
 * dask-jobqueue's {@code SLURMCluster}. {@code queue} is the partition.
 *
 * <pre>{@code
 * try (SlurmCluster cluster = SlurmCluster.start(o -> o.cores(4).memory("8GB").walltime("01:00:00")
 *         .queue("compute").account("proj42").schedulerHost("10.0.0.1"))) {
 *   System.out.println(cluster.jobScript());
 *   cluster.scale(10);             // 10 jobs of one worker each
 *   cluster.waitForWorkers(10, Duration.ofMinutes(10));
 *   // connect a client to cluster.schedulerAddress() with cluster.commOptions()
 * }
 * }</pre>
 */
public final class SlurmCluster extends JobQueueCluster {
  private SlurmCluster(JobQueueOptions options) {
    super(new BatchSystem.Slurm(), options);
  }

  /** Options to fill in and pass to {@link #start(JobQueueOptions)}. */
  public static JobQueueOptions options() {
    return new JobQueueOptions();
  }

  /** Starts the scheduler; no job is submitted until {@link #scale} or {@link #adapt}. */
  public static SlurmCluster start(Consumer<JobQueueOptions> configure) {
    JobQueueOptions o = options();
    configure.accept(o);
    return start(o);
  }

  /** Starts the scheduler; no job is submitted until {@link #scale} or {@link #adapt}. */
  public static SlurmCluster start(JobQueueOptions options) {
    return new SlurmCluster(Objects.requireNonNull(options, "options"));
  }
}
