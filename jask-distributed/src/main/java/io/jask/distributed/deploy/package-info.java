/**
 * Running a cluster: a scheduler and its workers, started and stopped together.
 *
 * <pre>
 *  Cluster ── schedulerAddress(), commOptions(), workers(), scale(n), adapt(min, max),
 *     │        onWorkersChanged(listener), requestedWorkers(), logs(), close()
 *     │        (ClusterScaling: Adaptive + WorkerWatch, over a SchedulerControl)
 *     │
 *     ├─ LocalCluster: SchedulerServer in this JVM
 *     │     └─ WorkerProcess ×n ── InProcessWorker  (threads in this JVM)
 *     │                        └── JvmWorkerProcess (child JVM running WorkerMain;
 *     │                                              token on stdin, output to a log file)
 *     └─ io.jask.deploy (module jask-deploy): SshCluster, SlurmCluster, PbsCluster
 * </pre>
 *
 * <p>A {@link io.jask.distributed.deploy.WorkerProcess} knows only how to start, watch and stop
 * one worker; the worker registers with the scheduler by itself, and the cluster learns from the
 * scheduler that it has joined. So every way of running workers is a sibling of the others, as
 * Dask's {@code ProcessInterface}.
 *
 * <p>What {@link io.jask.distributed.deploy.Cluster#close()} promises, and how it is kept: no
 * process (worker JVMs are stopped through their standard input, then SIGTERM, then SIGKILL, and
 * also stop on their own when this JVM dies), no thread and no port (the scheduler and in-JVM
 * workers close their transports), no file (the cluster's scratch directory is deleted).
 */
package io.jask.distributed.deploy;
