package io.jask.distributed.client;

import io.jask.core.JaskException;
import java.util.List;
import java.util.Objects;

/**
 * An exception thrown in another process (a task on a worker), as seen here: its class name, its
 * message and its stack trace. Its {@link #getStackTrace()} holds the remote frames, and its
 * causes are the remote causes, so printing it shows where the task failed, not where the
 * failure was delivered. The remote class itself need not be on this classpath.
 *
 * <p>A failed task's future throws {@link io.jask.core.TaskFailedException}, naming the task, with
 * one of these as its cause.
 */
public class RemoteException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final String remoteClassName;
  private final String remoteMessage;
  private final String remoteStackTrace;

  /**
   * @param remoteClassName the fully qualified class name of the remote exception
   * @param remoteMessage its message; empty if it had none
   * @param remoteStackTrace its stack trace as text, as the remote side printed it (with causes);
   *     empty if unknown
   */
  public RemoteException(String remoteClassName, String remoteMessage, String remoteStackTrace) {
    super(remoteMessage.isEmpty() ? remoteClassName : remoteClassName + ": " + remoteMessage);
    this.remoteClassName = Objects.requireNonNull(remoteClassName, "remoteClassName");
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = Objects.requireNonNull(remoteStackTrace, "remoteStackTrace");
    List<StackTraceText.Section> sections = StackTraceText.parse(remoteStackTrace);
    setStackTrace(sections.isEmpty() ? new StackTraceElement[0] : sections.get(0).frames().toArray(new StackTraceElement[0]));
    if (sections.size() > 1) {
      initCause(chain(sections, 1));
    }
  }

  private RemoteException(StackTraceText.Section section, Throwable cause) {
    this(section.className(), section.message(), "");
    setStackTrace(section.frames().toArray(new StackTraceElement[0]));
    if (cause != null) {
      initCause(cause);
    }
  }

  private static RemoteException chain(List<StackTraceText.Section> sections, int from) {
    RemoteException cause = from + 1 < sections.size() ? chain(sections, from + 1) : null;
    return new RemoteException(sections.get(from), cause);
  }

  /** The fully qualified class name of the remote exception. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The remote exception's message; empty if it had none. */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** The remote stack trace as text, causes included; empty if unknown. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }

  /**
   * Whether the remote exception was a {@code type} (or a subclass): true only if its class is on
   * this classpath too.
   */
  public boolean isRemote(Class<? extends Throwable> type) {
    try {
      Class<?> remote = Class.forName(remoteClassName, false, type.getClassLoader() == null
          ? RemoteException.class.getClassLoader() : type.getClassLoader());
      return type.isAssignableFrom(remote);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
