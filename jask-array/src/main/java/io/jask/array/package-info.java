/**
 * Chunked n-dimensional arrays: what {@code dask.array} is to NumPy.
 *
 * <ul>
 *   <li>{@link io.jask.array.NDArray}: one in-memory block, a primitive array plus dtype, shape
 *       and strides (row-major by default); transposes, slices and broadcasts are views. Kernels
 *       walk operands row by row ({@code Strided}) with one tight loop per operation.
 *   <li>{@link io.jask.array.Array}: a lazy array of blocks. Each operation adds a layer of tasks
 *       to a jask-core graph, keyed {@code (op-token, i, j, …)}; reductions are trees of partial
 *       results; {@code compute()} culls and fuses the graph ({@link io.jask.array.ArrayOptimizer})
 *       and runs it on the current scheduler.
 * </ul>
 *
 * <p>Memory: blocks are immutable once made, so a scheduler may hand one block to several tasks
 * and threads without copying; a block lives as long as the scheduler holds its result (until its
 * last dependent has run, or for as long as a persisted array is reachable: in its graph, or on the
 * workers of the distributed client that persisted it). Inside a fused task,
 * intermediate blocks are dropped as soon as their one consumer has used them. A slice that is
 * kept is copied when it is a small part of its block, so it does not pin the whole block.
 */
package io.jask.array;
