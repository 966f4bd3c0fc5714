package io.jask.distributed.scheduler;

/** What a worker told the scheduler about its willingness to take new tasks. */
public enum WorkerStatus {
  /** Takes new tasks. */
  RUNNING,
  /** Over its memory threshold: keeps the tasks it has, gets no new ones; its queue may be stolen. */
  PAUSED,
  /** Retiring: gets no new tasks and will soon be removed. */
  CLOSING
}
