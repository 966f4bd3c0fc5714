package io.jask.dashboard;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.scheduler.TaskStatus;
import io.jask.distributed.scheduler.TaskTransition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard knows of the cluster, rebuilt from the scheduler's events: tasks and their
 * states, progress per kind of task, the task stream, workers and their history, and the log.
 *
 * <p>Confined to the dashboard's feed thread; every table is bounded, so a long-running cluster
 * cannot make the dashboard grow without end. Beyond {@link #TRACKED_TASK_LIMIT} live tasks, new
 * tasks are not tracked one by one and the pages say so.
 */
final class ClusterModel {
  /** Task runs and transfers kept for the task stream and the performance report. */
  static final int STREAM_LIMIT = 50_000;
  /** Live tasks tracked one by one. */
  static final int TRACKED_TASK_LIMIT = 200_000;
  /** Heartbeat samples kept per worker. */
  static final int HISTORY_LIMIT = 900;
  /** Log lines kept. */
  static final int LOG_LIMIT = 1_000;
  /** How long a kind of task with no live task stays on the progress page, in milliseconds. */
  static final long GROUP_LINGER_MILLIS = 10_000;

  /** Progress buckets of a kind of task. */
  static final int WAITING = 0;
  static final int PROCESSING = 1;
  static final int MEMORY = 2;
  static final int RELEASED = 3;
  static final int ERRED = 4;
  static final String[] BUCKETS = {"waiting", "processing", "memory", "released", "erred"};
  private static final int NONE = -1;

  /** One bar of the task stream: a task run, a failed run, or a fetch from a peer. */
  record Run(long seq, String kind, String group, String key, String worker, int thread, long startMicros,
      long stopMicros, long nbytes) {}

  /** One heartbeat, as kept in a worker's history. */
  record Sample(long timeMillis, long managed, long heap, long spilled, double cpu, int executing, int ready,
      int inMemory) {}

  static final class Task {
    final Key key;
    final Group group;
    TaskStatus status = TaskStatus.RELEASED;
    boolean done;
    String worker;
    List<Key> dependencies = List.of();

    Task(Key key, Group group) {
      this.key = key;
      this.group = group;
    }
  }

  static final class Group {
    final String name;
    final long[] counts = new long[BUCKETS.length];
    int live;
    long emptySinceMillis;
    long computeMicros;
    long runs;

    Group(String name) {
      this.name = name;
    }

    long total() {
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      return t;
    }
  }

  static final class Worker {
    final String address;
    final String name;
    final int nthreads;
    final long memoryLimit;
    int processing;
    Messages.Heartbeat last;
    final ArrayDeque<Sample> history = new ArrayDeque<>();

    Worker(Messages.RegisterWorker reg) {
      this.address = reg.address();
      this.name = reg.name();
      this.nthreads = reg.nthreads();
      this.memoryLimit = reg.memoryLimit();
    }
  }

  final Map<Key, Task> tasks = new HashMap<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, Worker> workers = new LinkedHashMap<>();
  final ArrayDeque<Run> stream = new ArrayDeque<>();
  final ArrayDeque<DashboardPlugin.LogLine> logs = new ArrayDeque<>();
  /** Workers that left, by address → name, so the stream can still label their rows. */
  final Map<String, String> names = new LinkedHashMap<>();
  long nextSeq = 1;
  long completed;
  long erred;
  long transfers;
  long transferBytes;
  /** Tasks not tracked one by one because {@link #TRACKED_TASK_LIMIT} was reached. */
  long untracked;
  /** Bumped on every change the graph page shows. */
  long graphVersion;
  /** Bumped on every event applied and every change made by {@link #expire}: unchanged means nothing to send. */
  long version;
  final long startedMillis = System.currentTimeMillis();

  /** Applies one event from the scheduler. */
  void apply(Object event) {
    version++;
    if (event instanceof TaskTransition t) {
      transition(t);
    } else if (event instanceof SchedulerEvent.GraphSubmitted g) {
      submitted(g);
    } else if (event instanceof DashboardPlugin.Beat b) {
      heartbeat(b);
    } else if (event instanceof Messages.RegisterWorker w) {
      workers.put(w.address(), new Worker(w));
      names.put(w.address(), w.name());
    } else if (event instanceof DashboardPlugin.WorkerGone g) {
      workers.remove(g.worker());
    } else if (event instanceof DashboardPlugin.LogLine l) {
      if (logs.size() == LOG_LIMIT) {
        logs.removeFirst();
      }
      logs.addLast(l);
    } else {
      throw new IllegalArgumentException("the dashboard cannot apply " + event);
    }
  }

  private void submitted(SchedulerEvent.GraphSubmitted graph) {
    for (TaskSpec spec : graph.tasks()) {
      Task task = track(spec.key());
      if (task != null && task.dependencies.isEmpty() && !spec.dependencies().isEmpty()) {
        task.dependencies = spec.dependencies();
        graphVersion++;
      }
    }
  }

  /** The task's record, made (released, counted as waiting) if new; null if over the limit. */
  private Task track(Key key) {
    Task task = tasks.get(key);
    if (task != null) {
      return task;
    }
    if (tasks.size() >= TRACKED_TASK_LIMIT) {
      untracked++;
      return null;
    }
    Group group = groups.computeIfAbsent(key.group(), Group::new);
    task = new Task(key, group);
    tasks.put(key, task);
    group.live++;
    group.counts[WAITING]++;
    graphVersion++;
    return task;
  }

  private void transition(TaskTransition t) {
    if (t.to() == TaskStatus.FORGOTTEN && !tasks.containsKey(t.key())) {
      return;
    }
    Task task = track(t.key());
    if (task == null) {
      return;
    }
    Group group = task.group;
    int before = bucket(task, task.status);
    if (t.to() == TaskStatus.MEMORY) {
      task.done = true;
    }
    if (t.from() == TaskStatus.PROCESSING && task.worker != null) {
      Worker w = workers.get(task.worker);
      if (w != null && w.processing > 0) {
        w.processing--;
      }
      task.worker = null;
    }
    if (t.to() == TaskStatus.PROCESSING && t.worker() != null) {
      Worker w = workers.get(t.worker());
      if (w != null) {
        w.processing++;
      }
      task.worker = t.worker();
    }
    task.status = t.to();
    int after = t.to() == TaskStatus.FORGOTTEN ? forgottenBucket(task) : bucket(task, t.to());
    if (before != NONE) {
      group.counts[before]--;
    }
    if (after != NONE) {
      group.counts[after]++;
    }
    if (t.to() == TaskStatus.FORGOTTEN) {
      tasks.remove(t.key());
      if (--group.live == 0) {
        group.emptySinceMillis = System.currentTimeMillis();
      }
    }
    graphVersion++;
    if (t.from() == TaskStatus.PROCESSING && (t.to() == TaskStatus.MEMORY || t.to() == TaskStatus.ERRED)) {
      boolean failed = t.to() == TaskStatus.ERRED;
      if (failed) {
        erred++;
      } else {
        completed++;
      }
      if (t.run() != null) {
        group.computeMicros += t.run().stopMicros() - t.run().startMicros();
        group.runs++;
        addRun(failed ? "erred" : "compute", group.name, t.key().toString(), t.worker(), t.run().thread(),
            t.run().startMicros(), t.run().stopMicros(), 0);
      }
    }
  }

  private static int bucket(Task task, TaskStatus status) {
    switch (status) {
      case PROCESSING:
        return PROCESSING;
      case MEMORY:
        return MEMORY;
      case ERRED:
        return ERRED;
      case RELEASED:
        return task.done ? RELEASED : WAITING;
      default:
        return WAITING;
    }
  }

  /** Forgotten: a computed task counts as released, an erred one as erred, any other not at all. */
  private static int forgottenBucket(Task task) {
    return task.done ? RELEASED : NONE;
  }

  private void heartbeat(DashboardPlugin.Beat beat) {
    Worker w = workers.get(beat.worker());
    if (w == null) {
      return;
    }
    Messages.Heartbeat h = beat.heartbeat();
    w.last = h;
    if (w.history.size() == HISTORY_LIMIT) {
      w.history.removeFirst();
    }
    w.history.addLast(new Sample(beat.timeMillis(), h.managedBytes(), h.heapUsed(), h.spilledBytes(), h.cpuLoad(),
        h.executing(), h.ready(), h.inMemory()));
    for (Messages.Transfer t : h.transfers()) {
      transfers++;
      transferBytes += t.nbytes();
      addRun("transfer", "transfer", t.keys() + " from " + names.getOrDefault(t.peer(), t.peer()), beat.worker(), -1,
          t.startMicros(), t.stopMicros(), t.nbytes());
    }
  }

  private void addRun(String kind, String group, String key, String worker, int thread, long start, long stop,
      long nbytes) {
    if (stream.size() == STREAM_LIMIT) {
      stream.removeFirst();
    }
    stream.addLast(new Run(nextSeq++, kind, group, key, worker, thread, start, stop, nbytes));
  }

  /** Drops kinds of task that have had no live task for a while. */
  void expire(long nowMillis) {
    Iterator<Group> it = groups.values().iterator();
    while (it.hasNext()) {
      Group g = it.next();
      if (g.live == 0 && nowMillis - g.emptySinceMillis > GROUP_LINGER_MILLIS) {
        it.remove();
        graphVersion++;
        version++;
      }
    }
  }

  /** A worker's name, also after it left; its address if unknown. */
  String nameOf(String address) {
    return address == null ? "" : names.getOrDefault(address, address);
  }
}
