/**
 * The client of a Jask cluster and its futures, as dask.distributed's {@code client.py}: {@link
 * io.jask.distributed.client.Client} submits work and holds {@link
 * io.jask.distributed.client.Future}s of the results, which stay on the workers until fetched.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   user threads ──submit/map/scatter/cancel──▶ Client ──(under the table's lock)──▶ StreamBatcher ──▶ stream comm ──▶ scheduler
 *                                                 │                                      │
 *   Future ──▶ KeyState ◀── FuturesTable ◀──KeyInMemory / KeyErred / KeyCancelled / KeyLost
 *     │ result()                                  (one receive loop, in order)
 *     └──▶ Gatherer ──WhoHas──▶ rpc comm ──▶ scheduler
 *               ├──GetData──▶ WorkerLinks ──▶ the workers holding the keys (never the scheduler)
 *               └──SameJvmWorkers ──▶ a holder in this JVM: its objects, unserialised
 *   scatter ──PutData──▶ WorkerLinks ──▶ workers, then DataScattered ──▶ scheduler
 * </pre>
 *
 * <p>Events to the scheduler are batched ({@code StreamBatcher}, as Dask's {@code BatchedSend}):
 * consecutive submissions merge into one message, and a burst of submits lingers up to 2 ms, so
 * the scheduler handles one event per batch; a lone submit or a round trip is sent at once.
 *
 * <h2>References</h2>
 *
 * <p>Every {@code Future} object counts one reference to its key in the {@code FuturesTable}.
 * While a key has references the client wants it at the scheduler, which keeps its result. When
 * the last reference goes (an explicit {@code release()}, the client closing, or the future being
 * garbage-collected, noticed by a {@link java.lang.ref.Cleaner}), the client sends {@code
 * KeysReleased}. Taking references and sending submissions or releases happen under one lock, so
 * the scheduler sees them in the order they were made: a release never overtakes the submission
 * that wanted a key again. {@link io.jask.distributed.client.Client#fireAndForget} hands keys to
 * the scheduler's fire-and-forget pseudo-client, which wants them until they end.
 *
 * <h2>Failures</h2>
 *
 * <p>A task that throws fails its future with {@link io.jask.core.TaskFailedException} naming the
 * task, whose cause is a {@link io.jask.distributed.client.RemoteException}: the remote class,
 * message and stack trace, its frames and causes rebuilt so that it prints like the original.
 * Failures the cluster decides are {@link io.jask.distributed.client.FutureException}s: {@link
 * io.jask.distributed.client.KilledWorkerException}, {@link
 * io.jask.distributed.client.LostDataException}, {@link
 * io.jask.distributed.client.MissingDependencyException}, {@link
 * io.jask.distributed.client.FutureCancelledException}. All are {@link
 * io.jask.core.JaskException}s.
 */
package io.jask.distributed.client;
