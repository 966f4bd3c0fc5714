package io.jask.distributed.client;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.ErrorInfo;

/**
 * How a key stands as the scheduler last said: immutable, replaced as a whole.
 *
 * @param status the status
 * @param typeName the result's simple class name (finished), else null
 * @param cause the task that failed first (error), else null
 * @param error that task's error (error), else null
 * @param reason why it was cancelled or lost, else null
 */
record Outcome(FutureStatus status, String typeName, Key cause, ErrorInfo error, String reason) {
  static final Outcome PENDING = new Outcome(FutureStatus.PENDING, null, null, null, null);

  static Outcome finished(String typeName) {
    return new Outcome(FutureStatus.FINISHED, typeName, null, null, null);
  }

  static Outcome erred(Key cause, ErrorInfo error) {
    return new Outcome(FutureStatus.ERROR, null, cause, error, null);
  }

  static Outcome cancelled(String reason) {
    return new Outcome(FutureStatus.CANCELLED, null, null, null, reason);
  }

  static Outcome lost(String reason) {
    return new Outcome(FutureStatus.LOST, null, null, null, reason);
  }
}
