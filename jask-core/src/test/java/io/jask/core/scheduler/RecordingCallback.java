package io.jask.core.scheduler;

import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread-safe callback that records every event, in the order they happened. */
class RecordingCallback implements SchedulerCallback {
  /** Events as text: {@code started:3}, {@code taskStarted:a}, {@code taskFinished:a}, … */
  final List<String> events = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<Key> started = new ConcurrentLinkedQueue<>();
  final ConcurrentHashMap<Key, Object> finishedResults = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Key> finished = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Key> failedKeys = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Throwable> failedErrors = new ConcurrentLinkedQueue<>();
  final List<Throwable> finishedWith = new CopyOnWriteArrayList<>();
  volatile ExecutionPlan plan;

  @Override
  public void started(ExecutionPlan plan) {
    this.plan = plan;
    events.add("started:" + plan.size());
  }

  @Override
  public void taskStarted(Key key) {
    started.add(key);
    events.add("taskStarted:" + key);
  }

  @Override
  public void taskFinished(Key key, Object result) {
    finished.add(key);
    if (result != null) {
      finishedResults.put(key, result);
    }
    events.add("taskFinished:" + key);
  }

  @Override
  public void taskFailed(Key key, Throwable error) {
    failedKeys.add(key);
    failedErrors.add(error);
    events.add("taskFailed:" + key);
  }

  @Override
  public void finished(Throwable failure) {
    // CopyOnWriteArrayList takes no nulls: record success as a marker.
    finishedWith.add(failure == null ? Success.INSTANCE : failure);
    events.add("finished:" + (failure == null ? "ok" : failure.getClass().getSimpleName()));
  }

  List<Key> startedKeys() {
    return new ArrayList<>(started);
  }

  List<Key> finishedKeys() {
    return new ArrayList<>(finished);
  }

  /** Stands for a {@code finished(null)} call in {@link #finishedWith}. */
  static final class Success extends Throwable {
    private static final long serialVersionUID = 1L;
    static final Success INSTANCE = new Success();

    private Success() {
      super("success", null, false, false);
    }
  }
}
