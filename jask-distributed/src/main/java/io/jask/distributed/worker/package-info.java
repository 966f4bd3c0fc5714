/**
 * The worker's pure state machine, as dask.distributed's {@code worker_state_machine.py}: what
 * every task on one worker is doing and what to do next, with no sockets, threads, clocks or
 * randomness inside.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   clients ──put-data (scatter)───────────────────────────────────────────┐
 *   scheduler ──compute-task, free-keys, steal, acquire-replicas, who-has──┤
 *   thread pool ──execute success / failure / skipped──────────────────────┤
 *   peer transfers ──gather-dep success / busy / network failure / error───┼──► WorkerEvent
 *   memory monitor ──pause / unpause───────────────────────────────────────┘        │
 *                                                                                   ▼
 *                                                   WorkerState.handle(event)  (one thread)
 *                                                                                   │
 *   Execute, CancelExecute ◄── GatherDep ◄── RetryBusyPeerLater ◄── DropData ◄── SchedulerMessage ◄┘
 *   (run on a thread; skip    (fetch from    (back off, then       (remove from  (TaskFinished, TaskErred,
 *    if not started yet)       one peer)      RetryBusyPeer)        the store)    StealResponse, MissingData,
 *                                                                   ReleaseWorkerData, AddKeys)
 * </pre>
 *
 * <p>The shell (the worker process) owns the thread pool, the connections and the data store; it
 * stores each value before reporting the event that delivers it, and carries out instructions in
 * order. Inputs travel from peer to peer, never through the scheduler. A client in the worker's
 * own JVM takes results from the store as they are, through {@link
 * io.jask.distributed.worker.SameJvmWorkers}, instead of over the data listener.
 *
 * <h2>Task states</h2>
 *
 * <pre>
 *                      compute-task                      all inputs here        free thread
 *   (new) ──► RELEASED ────────────► WAITING ──────────────────────────► READY ──────────► EXECUTING
 *              │  ▲  │                  │ inputs not here                  │ needs            │   │
 *              │  │  │                  ▼                          CONSTRAINED ◄ resources    │   │ threw
 *              │  │  │ dependency     FETCH ◄─────────────┐              │ resources free     │   ▼
 *              │  │  └──────────────► │  ▲  peer failed,  │              └──────────────────► │  ERROR
 *              │  │                   │  │  lacks it, busy│                                   │
 *              │  │   free slot, peer │  │                │ new holder known                  │ returned
 *              │  │                   ▼  │                │                                   ▼
 *              │  │                 FLIGHT ── no holder ──┴──► MISSING ──(MissingData)     MEMORY
 *              │  │                   │       left                                           ▲
 *              │  │                   └─────────────────── arrived ──────────────────────────┘
 *              │  │
 *              │  └── free-keys / steal (from any state; memory drops its value)
 *              ▼
 *          FORGOTTEN (nothing depends on it any more)
 *
 *   EXECUTING ─free-keys─► CANCELLED(executing) ─compute-task─► EXECUTING     (not run twice)
 *                               │ ─dependent wants it─► RESUMED(executing→fetch)
 *                               ├─ returned / threw ─► result dropped ─► RELEASED
 *                               └─ skipped before it started ─► RELEASED (resumed: the new role;
 *                                  wanted here again: WAITING, handed over anew)
 *   FLIGHT ────free-keys─► CANCELLED(flight) ─dependent wants it─► FLIGHT
 *                               │ ─compute-task─► RESUMED(flight→waiting)
 *                               └─ arrived / failed ─► value dropped ─► RELEASED
 *   RESUMED ── value arrives ─► MEMORY;  ends without one ─► the new role (FETCH or WAITING)
 *   RELEASED (or unknown) ── put-data: a client scattered the value here ─► MEMORY
 * </pre>
 *
 * <p>The transition table ({@link io.jask.distributed.worker.WorkerState#transitionTable()}) is
 * keyed by {@code (from, to)}. A pair outside it goes through RELEASED when neither end is
 * RELEASED, and throws {@link io.jask.distributed.worker.InvalidTransitionException}, with the
 * task's story, otherwise.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>At most {@code nthreads} tasks run, each on a thread, and up to {@code lookahead} more
 *       are handed over to wait on the pool, so that a thread that ends one task starts the next
 *       without waiting for the state machine; ready tasks are handed over in priority order
 *       (lower first; among equal scheduler priorities, the task received last first). A task
 *       needing resources is handed over only when a thread is free for it. A run cancelled
 *       before it started is skipped, never started.
 *   <li>Fetches are grouped by peer: one transfer per peer at a time carrying several keys, up to
 *       a byte limit per transfer, with limits on concurrent transfers and bytes in flight. The
 *       next peer asked is the idle, non-busy one holding the most urgent value, ties to the lower
 *       address. A peer that fails is forgotten and its keys fetched elsewhere; a peer that lacks
 *       a key is no longer asked for it; a key no peer holds is reported missing and waits for
 *       new holders.
 *   <li>While paused, nothing new is handed over, no run waiting on the pool starts and no new
 *       transfer begins; what is under way finishes.
 *   <li>The scheduler frees a key only when no task it placed on this worker still needs it.
 * </ul>
 *
 * <p>{@link io.jask.distributed.worker.WorkerState#validateState()} checks the invariants
 * documented on each state field; {@link io.jask.distributed.worker.WorkerConfig#validate()} runs
 * it after every event.
 *
 * <h2>Memory model</h2>
 *
 * <ul>
 *   <li><b>Managed</b> memory is the results in the {@link io.jask.distributed.worker.DataStore},
 *       each counted at its {@link io.jask.core.util.SizeOf} estimate from the moment it is
 *       stored (a task's result, a value fetched from a peer, scattered data) until the state
 *       machine says {@code DropData} or it spills. Above the spill target (60% of the limit, and
 *       never more than 60% of the heap) the least recently used results are encoded, compressed
 *       and written to the worker's local directory; they then count as <b>spilled</b>, and are
 *       read back into memory when a task or a peer needs them. Their files are deleted when their
 *       keys are dropped and when the worker closes.
 *   <li><b>Unmanaged</b> memory is the rest of the process in use: the heap not holding results
 *       (tasks' working memory, buffers, garbage not yet collected) and everything outside the
 *       heap ({@link io.jask.distributed.worker.ProcessMemory#inUse()}).
 *   <li>Above the pause threshold (80%) of that total, the worker starts nothing new ({@link
 *       io.jask.distributed.worker.WorkerEvent.Pause}) and tells the scheduler; it asks for a
 *       garbage collection before deciding, and resumes once below. Above the terminate threshold
 *       (95%) of its resident size, its nanny kills and restarts the process.
 *   <li>Heartbeats carry managed, unmanaged and spilled bytes to the scheduler once a second.
 * </ul>
 */
package io.jask.distributed.worker;
