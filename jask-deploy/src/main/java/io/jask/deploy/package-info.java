/**
 * Clusters beyond one machine, started through what users already have: SSH, and the SLURM and
 * PBS batch systems. Each is a {@link io.jask.distributed.deploy.Cluster}, like {@code
 * LocalCluster}: {@code scale}, {@code adapt}, {@code workers}, {@code onWorkersChanged}, {@code
 * logs}, {@code close}.
 *
 * <pre>
 *  SshCluster ── SshSession (JSch) per host ── RemoteProcess: SchedulerMain on the first host,
 *      │                                        SshWorkerProcess (WorkerMain) ×n on the others
 *      └─ SchedulerControl over the network (scaling advice, retirement)
 *
 *  JobQueueCluster ── SchedulerServer in this JVM
 *      ├─ SlurmCluster (sbatch / squeue / scancel)   } BatchSystem: header directives,
 *      └─ PbsCluster   (qsub / qdel)                 } submit, cancel, list
 *      job script (JobScript): directives, prologue, WorkerMain ×processes in the foreground
 * </pre>
 *
 * <p>Secrets: the token never appears on a command line or in a job script. Over SSH it travels
 * on a command's standard input into a file only the user can read; batch jobs read it from the
 * cluster's own directory, also readable by the user only.
 *
 * <p>Scaling is shared with every cluster ({@link io.jask.distributed.deploy.Adaptive}): the
 * scheduler says how many workers the load needs and which can go, and retires workers
 * gracefully, moving their results to workers that stay.
 */
package io.jask.deploy;
