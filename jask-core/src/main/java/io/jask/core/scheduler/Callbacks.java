package io.jask.core.scheduler;

import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Key;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Callbacks registered for every computation in this JVM, as Dask's {@code with ProgressBar():}
 * does: {@code try (var r = Callbacks.register(bar)) { x.compute(); }}.
 */
public final class Callbacks {
  private static final SchedulerCallback NONE = new SchedulerCallback() {};
  private static final List<SchedulerCallback> ACTIVE = new CopyOnWriteArrayList<>();

  private Callbacks() {}

  /** A callback that does nothing. */
  public static SchedulerCallback none() {
    return NONE;
  }

  /** Registers {@code callback} for all computations until the returned handle is closed. */
  public static Registration register(SchedulerCallback callback) {
    Objects.requireNonNull(callback, "callback");
    ACTIVE.add(callback);
    return () -> ACTIVE.remove(callback);
  }

  /** The registered callbacks plus {@code extra}, as one callback. */
  public static SchedulerCallback active(SchedulerCallback extra) {
    Object[] registered = ACTIVE.toArray();
    if (registered.length == 0) {
      return extra == null ? NONE : extra;
    }
    SchedulerCallback[] all = new SchedulerCallback[registered.length + (extra == null ? 0 : 1)];
    for (int i = 0; i < registered.length; i++) {
      all[i] = (SchedulerCallback) registered[i];
    }
    if (extra != null) {
      all[registered.length] = extra;
    }
    return all.length == 1 ? all[0] : new Composite(all);
  }

  /** Closing it unregisters the callback. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private record Composite(SchedulerCallback[] callbacks) implements SchedulerCallback {
    @Override
    public void started(ExecutionPlan plan) {
      for (SchedulerCallback c : callbacks) {
        c.started(plan);
      }
    }

    @Override
    public void taskStarted(Key key) {
      for (SchedulerCallback c : callbacks) {
        c.taskStarted(key);
      }
    }

    @Override
    public void taskFinished(Key key, Object result) {
      for (SchedulerCallback c : callbacks) {
        c.taskFinished(key, result);
      }
    }

    @Override
    public void taskFailed(Key key, Throwable error) {
      for (SchedulerCallback c : callbacks) {
        c.taskFailed(key, error);
      }
    }

    @Override
    public void finished(Throwable failure) {
      for (SchedulerCallback c : callbacks) {
        c.finished(failure);
      }
    }
  }
}
