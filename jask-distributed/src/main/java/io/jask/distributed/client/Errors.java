package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Key;
import io.jask.distributed.protocol.ErrorInfo;

/** Turns how a key ended into the exception a caller sees. */
final class Errors {
  private Errors() {}

  /**
   * What {@link Future#result()} throws for a key that did not finish: a {@link
   * TaskFailedException} (cause: {@link RemoteException}) for a task that threw, or the {@link
   * FutureException} for failures the cluster decided.
   */
  static JaskException of(Key key, Outcome outcome) {
    switch (outcome.status()) {
      case ERROR:
        return erred(key, outcome.cause(), outcome.error());
      case CANCELLED:
        return new FutureCancelledException(key, "the future of '" + key + "' was cancelled: " + outcome.reason());
      case LOST:
        return new LostDataException(key, "the data of '" + key + "' is lost: " + outcome.reason());
      default:
        throw new IllegalStateException("'" + key + "' is " + outcome.status() + ", not failed");
    }
  }

  /**
   * What {@link Future#exception()} returns: the remote exception itself for a task that threw,
   * else as {@link #of}; null for a finished key.
   */
  static Throwable error(Key key, Outcome outcome) {
    if (outcome.status() == FutureStatus.FINISHED) {
      return null;
    }
    JaskException thrown = of(key, outcome);
    return thrown instanceof TaskFailedException && thrown.getCause() != null ? thrown.getCause() : thrown;
  }

  private static JaskException erred(Key key, Key cause, ErrorInfo error) {
    String via = cause.equals(key) ? "" : " (an input of '" + key + "')";
    switch (error.exceptionClass()) {
      case ErrorInfo.KILLED_WORKER:
        return new KilledWorkerException(cause, "task '" + cause + "'" + via + " was running on workers that died: "
            + error.message());
      case ErrorInfo.LOST_DATA:
        return new LostDataException(cause, "the data of '" + cause + "'" + via + " is lost: " + error.message());
      case ErrorInfo.RESTARTED:
        return new ClusterRestartedException(cause, "the future of '" + key + "' ended with the cluster: "
            + error.message());
      case ErrorInfo.MISSING_DEPENDENCY:
        return new MissingDependencyException(cause, error.message() + via);
      default:
        return new TaskFailedException(cause, remote(error));
    }
  }

  static RemoteException remote(ErrorInfo error) {
    return new RemoteException(error.exceptionClass(), error.message(), error.stackTrace());
  }
}
