/**
 * The distributed scheduler's pure state machine: {@link
 * io.jask.distributed.scheduler.SchedulerState#handle} turns one {@link
 * io.jask.distributed.scheduler.SchedulerEvent} into the {@link
 * io.jask.distributed.scheduler.SchedulerMessage}s the I/O shell must send, with no sockets,
 * threads, clocks or randomness inside, as Dask's {@code SchedulerState}.
 *
 * <h2>Task states</h2>
 *
 * <pre>
 *                        ┌─────────► QUEUED ──────────┐   a root task while every worker is
 *                        │                            │   saturated; leaves, by priority, as
 *                        │                            ▼   slots free
 *   RELEASED ──► WAITING ┼──────────────────────► PROCESSING ──────► MEMORY
 *     │   ▲              │                            ▲    │            │
 *     │   │              └─────────► NO_WORKER ───────┘    │            │
 *     │   │                no worker fits; leaves when     │            │
 *     │   │                a suitable worker joins         │            │
 *     │   │                                                │            │
 *     │   └─── from any of waiting, queued, no-worker, ────┴────────────┘
 *     │        processing, memory: not needed any more, an input lost,
 *     │        its worker lost (then back to waiting if still needed)
 *     │                                                    │
 *     │                                                    │ threw with no retries left,
 *     │  an input erred or is unknown, or data without     ▼ or too many of its workers died
 *     │  lineage is lost
 *     └──────────────────────────────────────────────►  ERRED
 *
 *   RELEASED, MEMORY, ERRED ──► FORGOTTEN    no client wants it and no task depends on it
 *   RELEASED ──► MEMORY                      a client scattered its data onto workers
 * </pre>
 *
 * <p>The transition table, keyed by {@code (from, to)}; any other pair goes through {@code
 * released} ({@code processing -> waiting} is {@code processing -> released -> waiting}), or throws
 * {@link io.jask.distributed.scheduler.InvalidTransitionException} with the task's story:
 *
 * <table>
 *   <caption>Transitions</caption>
 *   <tr><th>from</th><th>to</th><th>when, and what it does</th></tr>
 *   <tr><td>released</td><td>waiting</td><td>needed: waits for the inputs not in memory, asks for
 *       released inputs too (lineage); errs instead if an input erred or it has no run spec</td></tr>
 *   <tr><td>released</td><td>erred</td><td>a dependency erred, or a dependency was missing at
 *       submission: errs its dependents too and tells its clients</td></tr>
 *   <tr><td>released</td><td>memory</td><td>a client scattered its data onto workers</td></tr>
 *   <tr><td>released</td><td>forgotten</td><td>no client wants it, no task depends on it</td></tr>
 *   <tr><td>waiting</td><td>processing</td><td>all inputs in memory: root tasks are queued,
 *       others go to the best worker ({@code ComputeTask}) or to no-worker</td></tr>
 *   <tr><td>waiting</td><td>queued</td><td>a ready root task while queuing is on</td></tr>
 *   <tr><td>waiting</td><td>no-worker</td><td>no connected, running worker satisfies it</td></tr>
 *   <tr><td>waiting, queued, no-worker</td><td>released</td><td>not needed any more, or an
 *       input was lost</td></tr>
 *   <tr><td>queued</td><td>processing</td><td>a worker has a free slot</td></tr>
 *   <tr><td>no-worker</td><td>processing</td><td>a suitable worker joined or resumed</td></tr>
 *   <tr><td>processing</td><td>memory</td><td>the worker of the current run finished it: ready
 *       dependents are recommended, clients told {@code KeyInMemory}</td></tr>
 *   <tr><td>processing</td><td>erred</td><td>it threw with no retries left, or too many workers
 *       died running it: dependents err, clients told {@code KeyErred}</td></tr>
 *   <tr><td>processing</td><td>released</td><td>not needed any more ({@code FreeKeys} cancels it),
 *       its worker left, or an input was lost</td></tr>
 *   <tr><td>memory</td><td>released</td><td>not needed any more ({@code FreeKeys}), or its last
 *       replica was lost: recomputed from lineage if needed</td></tr>
 *   <tr><td>memory, erred</td><td>forgotten</td><td>no client wants it, no task depends on it
 *       ({@code FreeKeys} on the workers)</td></tr>
 * </table>
 *
 * <h2>Invariants</h2>
 *
 * <p>After every event ({@link io.jask.distributed.scheduler.SchedulerState#validateState()}
 * checks them; tests turn it on with {@link
 * io.jask.distributed.scheduler.SchedulerConfig#validate()}): links are symmetric (dependencies
 * and dependents, who-wants and wants-what, who-has and has-what) and never reach a forgotten
 * task; a waiting task waits on exactly its dependencies not in memory; a processing task is in
 * exactly one connected worker's processing set and its inputs are in memory; a task in memory is
 * held by at least one connected worker; only erred tasks carry an error; a task's waiters are
 * exactly its dependents still pending; pending and in-memory tasks are needed, released ones are
 * not; a worker's occupancy, used resources and held bytes are the sums over its tasks; queued and
 * no-worker sets match the task states; no task is queued while a worker has a free slot; no
 * no-worker task could run on a connected worker.
 *
 * <h2>The parts</h2>
 *
 * <ul>
 *   <li>{@code SchedulerState}: the public face; dispatches events, then fills free slots from
 *       the root-task queue.
 *   <li>{@code ClientStimuli}, {@code WorkerStimuli}: what each event from a client or a worker
 *       means for the tasks.
 *   <li>{@code Transitions}: the table and the recommendation loop.
 *   <li>{@code Placement}: which worker runs a task (data locality against occupancy) and which
 *       tasks are root tasks.
 *   <li>{@code StealingPolicy}: moves queued work from busy workers to idle ones.
 *   <li>{@code Registry}: the tables and their two-way links; {@code TaskState}, {@code
 *       WorkerState}, {@code ClientState}, {@code TaskGroup}: the records in them.
 *   <li>{@code Story}, {@code Outbox}, {@code Invariants}, {@code DurationEstimates}.
 * </ul>
 */
package io.jask.distributed.scheduler;
