package io.jask.dashboard;

import io.jask.core.graph.Key;
import io.jask.distributed.protocol.Messages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON the pages draw from, built from the {@link ClusterModel} on the feed thread. The same
 * documents answer {@code /json/*.json} for machines.
 */
final class Feeds {
  /**
   * Most task-stream bars one status message carries: the page shows the latest 2,000, so at a
   * higher rate the older ones of a message would never be seen.
   */
  static final int RUNS_PER_MESSAGE = 1_000;
  /** Above this many live tasks the graph page shows kinds of task instead of tasks. */
  static final int GRAPH_TASK_LIMIT = 500;
  /** How much of each worker's log the info page shows, in characters. */
  static final int LOG_TAIL = 20_000;

  private Feeds() {}

  /**
   * The status document for machines ({@code /json/status.json}): the task-stream bars after
   * {@code sinceSeq}, each a readable object, progress, and the workers.
   */
  static String status(ClusterModel m, long sinceSeq, long dropped) {
    Json j = new Json().beginObject();
    j.field("time", System.currentTimeMillis());
    j.field("dropped", dropped);
    j.field("untracked", m.untracked);
    j.field("completed", m.completed).field("erred", m.erred);
    j.name("runs").beginArray();
    for (ClusterModel.Run r : newestRuns(m, sinceSeq, RUNS_PER_MESSAGE)) {
      j.beginObject()
          .field("seq", r.seq())
          .field("kind", r.kind())
          .field("group", r.group())
          .field("key", r.key())
          .field("worker", r.worker())
          .field("row", row(m, r))
          .field("start", r.startMicros() / 1000.0)
          .field("stop", r.stopMicros() / 1000.0)
          .field("nbytes", r.nbytes())
          .endObject();
    }
    j.endArray();
    j.field("lastSeq", m.nextSeq - 1);
    groups(j.name("groups"), m);
    workers(j.name("workers"), m);
    return j.endObject().toString();
  }

  /**
   * The status page's update: what it needs to draw, and no more. The task-stream bars after
   * {@code sinceSeq} travel as one flat array of numbers, five per bar ({@code row, group, kind,
   * start, stop}): {@code row} and {@code group} index this message's {@code rows} and {@code
   * runGroups}, {@code kind} is 0 for a run, 1 for a transfer and 2 for a failed run, and {@code
   * start} and {@code stop} are microseconds after {@code origin} (milliseconds since the epoch).
   * Progress and the workers are small and sent whole.
   */
  static String statusUpdate(ClusterModel m, long sinceSeq, long dropped) {
    Json j = new Json(new StringBuilder(4096)).beginObject();
    j.field("time", System.currentTimeMillis());
    j.field("dropped", dropped);
    j.field("untracked", m.untracked);
    j.field("completed", m.completed).field("erred", m.erred);
    j.field("lastSeq", m.nextSeq - 1);
    List<ClusterModel.Run> runs = newestRuns(m, sinceSeq, RUNS_PER_MESSAGE);
    long originMicros = runs.isEmpty() ? 0 : runs.get(0).startMicros() / 1000 * 1000;
    for (ClusterModel.Run r : runs) {
      originMicros = Math.min(originMicros, r.startMicros() / 1000 * 1000);
    }
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, Integer> runGroups = new LinkedHashMap<>();
    j.field("origin", originMicros / 1000);
    j.name("runs").beginArray();
    for (ClusterModel.Run r : runs) {
      j.value(rows.computeIfAbsent(row(m, r), k -> rows.size()))
          .value(runGroups.computeIfAbsent(r.group(), k -> runGroups.size()))
          .value(kindCode(r.kind()))
          .value(r.startMicros() - originMicros)
          .value(Math.max(r.stopMicros(), r.startMicros()) - originMicros);
    }
    j.endArray();
    j.name("rows").beginArray();
    rows.keySet().forEach(j::value);
    j.endArray();
    j.name("runGroups").beginArray();
    runGroups.keySet().forEach(j::value);
    j.endArray();
    groups(j.name("groups"), m);
    workers(j.name("workers"), m);
    return j.endObject().toString();
  }

  private static int kindCode(String kind) {
    switch (kind) {
      case "compute":
        return 0;
      case "transfer":
        return 1;
      case "erred":
        return 2;
      default:
        throw new IllegalArgumentException("no task-stream kind " + kind);
    }
  }

  /** The task-stream bars after {@code sinceSeq}, oldest first; only the newest {@code limit} of them. */
  static List<ClusterModel.Run> newestRuns(ClusterModel m, long sinceSeq, int limit) {
    List<ClusterModel.Run> picked = new ArrayList<>();
    Iterator<ClusterModel.Run> it = m.stream.descendingIterator();
    while (it.hasNext() && picked.size() < limit) {
      ClusterModel.Run r = it.next();
      if (r.seq() <= sinceSeq) {
        break;
      }
      picked.add(r);
    }
    Collections.reverse(picked);
    return picked;
  }

  /** A task-stream row: one per worker thread, and one per worker for its transfers. */
  static String row(ClusterModel m, ClusterModel.Run r) {
    String name = m.nameOf(r.worker());
    return r.thread() < 0 ? name + " transfers" : name + " #" + r.thread();
  }

  static void groups(Json j, ClusterModel m) {
    j.beginArray();
    for (ClusterModel.Group g : m.groups.values()) {
      j.beginObject().field("name", g.name);
      for (int b = 0; b < ClusterModel.BUCKETS.length; b++) {
        j.field(ClusterModel.BUCKETS[b], g.counts[b]);
      }
      j.field("total", g.total());
      j.field("meanMillis", g.runs == 0 ? 0.0 : g.computeMicros / 1000.0 / g.runs);
      j.endObject();
    }
    j.endArray();
  }

  static void workers(Json j, ClusterModel m) {
    j.beginArray();
    for (ClusterModel.Worker w : m.workers.values()) {
      worker(j, w);
    }
    j.endArray();
  }

  private static void worker(Json j, ClusterModel.Worker w) {
    Messages.Heartbeat h = w.last;
    j.beginObject()
        .field("address", w.address)
        .field("name", w.name)
        .field("nthreads", w.nthreads)
        .field("memoryLimit", w.memoryLimit)
        .field("processing", w.processing)
        .field("occupancy", w.nthreads == 0 ? 0.0 : w.processing / (double) w.nthreads)
        .field("managed", h == null ? 0 : h.managedBytes())
        .field("heap", h == null ? 0 : h.heapUsed())
        .field("unmanaged", h == null ? 0
            : h.unmanagedBytes() > 0 ? h.unmanagedBytes() : Math.max(0, h.heapUsed() - h.managedBytes()))
        .field("spilled", h == null ? 0 : h.spilledBytes())
        .field("cpu", h == null ? 0.0 : h.cpuLoad())
        .field("executing", h == null ? 0 : h.executing())
        .field("ready", h == null ? 0 : h.ready())
        .field("inMemory", h == null ? 0 : h.inMemory())
        .endObject();
  }

  /** The workers page. */
  static String workers(ClusterModel m) {
    Json j = new Json().beginObject();
    j.field("time", System.currentTimeMillis());
    workers(j.name("workers"), m);
    return j.endObject().toString();
  }

  /** One worker's page: its figures, their history, and its latest task runs. */
  static String worker(ClusterModel m, String address) {
    ClusterModel.Worker w = m.workers.get(address);
    Json j = new Json().beginObject();
    j.field("address", address);
    j.field("present", w != null);
    if (w != null) {
      worker(j.name("worker"), w);
      history(j.name("history"), w);
    }
    j.name("runs").beginArray();
    int n = 0;
    Iterator<ClusterModel.Run> it = m.stream.descendingIterator();
    List<ClusterModel.Run> recent = new ArrayList<>();
    while (it.hasNext() && n < 200) {
      ClusterModel.Run r = it.next();
      if (address.equals(r.worker())) {
        recent.add(r);
        n++;
      }
    }
    for (ClusterModel.Run r : recent) {
      j.beginObject().field("kind", r.kind()).field("key", r.key()).field("thread", r.thread())
          .field("start", r.startMicros() / 1000.0).field("stop", r.stopMicros() / 1000.0).endObject();
    }
    j.endArray();
    return j.endObject().toString();
  }

  static void history(Json j, ClusterModel.Worker w) {
    j.beginArray();
    for (ClusterModel.Sample s : w.history) {
      j.beginArray().value(s.timeMillis()).value(s.managed()).value(s.heap()).value(s.spilled()).value(s.cpu())
          .value(s.executing()).value(s.ready()).value(s.inMemory()).endArray();
    }
    j.endArray();
  }

  /**
   * The graph page: every live task with its state and dependencies, or, above {@link
   * #GRAPH_TASK_LIMIT} tasks, one node per kind of task with its progress, and a notice saying so.
   */
  static String graph(ClusterModel m) {
    Json j = new Json().beginObject();
    j.field("version", m.graphVersion);
    if (m.tasks.size() <= GRAPH_TASK_LIMIT) {
      j.field("mode", "tasks");
      j.field("notice", m.untracked > 0 ? m.untracked + " tasks were not tracked: the dashboard tracks at most "
          + ClusterModel.TRACKED_TASK_LIMIT + " at once" : "");
      j.name("nodes").beginArray();
      for (ClusterModel.Task t : m.tasks.values()) {
        j.beginObject().field("id", t.key.toString()).field("group", t.group.name)
            .field("status", t.status.toString()).endObject();
      }
      j.endArray();
      j.name("edges").beginArray();
      for (ClusterModel.Task t : m.tasks.values()) {
        for (Key dep : t.dependencies) {
          if (m.tasks.containsKey(dep)) {
            j.beginArray().value(dep.toString()).value(t.key.toString()).endArray();
          }
        }
      }
      j.endArray();
    } else {
      j.field("mode", "groups");
      j.field("notice", m.tasks.size() + " tasks are too many to draw one by one (the limit is "
          + GRAPH_TASK_LIMIT + "): each node is one kind of task, coloured by its progress");
      j.name("nodes").beginArray();
      for (ClusterModel.Group g : m.groups.values()) {
        j.beginObject().field("id", g.name).field("group", g.name).field("status", dominant(g))
            .field("total", g.total());
        for (int b = 0; b < ClusterModel.BUCKETS.length; b++) {
          j.field(ClusterModel.BUCKETS[b], g.counts[b]);
        }
        j.endObject();
      }
      j.endArray();
      Map<String, Set<String>> edges = new LinkedHashMap<>();
      Map<Key, String> groupOf = new HashMap<>();
      for (ClusterModel.Task t : m.tasks.values()) {
        groupOf.put(t.key, t.group.name);
      }
      for (ClusterModel.Task t : m.tasks.values()) {
        for (Key dep : t.dependencies) {
          String from = groupOf.get(dep);
          if (from != null && !from.equals(t.group.name)) {
            edges.computeIfAbsent(from, f -> new LinkedHashSet<>()).add(t.group.name);
          }
        }
      }
      j.name("edges").beginArray();
      edges.forEach((from, tos) -> tos.forEach(to -> j.beginArray().value(from).value(to).endArray()));
      j.endArray();
    }
    return j.endObject().toString();
  }

  private static String dominant(ClusterModel.Group g) {
    if (g.counts[ClusterModel.ERRED] > 0) {
      return "erred";
    }
    if (g.counts[ClusterModel.PROCESSING] > 0) {
      return "processing";
    }
    if (g.counts[ClusterModel.WAITING] > 0) {
      return "waiting";
    }
    return g.counts[ClusterModel.MEMORY] > 0 ? "memory" : "released";
  }

  /** The info page: the scheduler's log and the tail of each worker's. */
  static String info(ClusterModel m, String schedulerAddress, Map<String, String> workerLogs) {
    Json j = new Json().beginObject();
    j.field("scheduler", schedulerAddress);
    j.field("startedMillis", m.startedMillis);
    j.field("completed", m.completed).field("erred", m.erred).field("transfers", m.transfers);
    j.name("logs").beginArray();
    for (DashboardPlugin.LogLine l : m.logs) {
      j.beginObject().field("time", l.timeMillis()).field("level", l.level()).field("message", l.message()).endObject();
    }
    j.endArray();
    j.name("workerLogs").beginObject();
    workerLogs.forEach((name, text) -> j.field(name,
        text.length() > LOG_TAIL ? "…" + text.substring(text.length() - LOG_TAIL) : text));
    j.endObject();
    return j.endObject().toString();
  }

  /** A task's story, as the scheduler tells it. */
  static String story(String key, List<String> lines) {
    Json j = new Json().beginObject().field("key", key);
    j.name("story").beginArray();
    lines.forEach(j::value);
    j.endArray();
    return j.endObject().toString();
  }

  /** Everything the performance report draws: all bars kept, progress, memory over time, totals. */
  static String report(ClusterModel m, String schedulerAddress, long sinceMillis) {
    Json j = new Json(new StringBuilder(1 << 16)).beginObject();
    j.field("scheduler", schedulerAddress);
    j.field("generated", System.currentTimeMillis());
    j.field("since", sinceMillis);
    j.field("completed", m.completed).field("erred", m.erred);
    j.field("transfers", m.transfers).field("transferBytes", m.transferBytes);
    j.name("runs").beginArray();
    for (ClusterModel.Run r : m.stream) {
      if (r.stopMicros() / 1000 < sinceMillis) {
        continue;
      }
      j.beginObject().field("kind", r.kind()).field("group", r.group()).field("key", r.key())
          .field("row", row(m, r)).field("start", r.startMicros() / 1000.0).field("stop", r.stopMicros() / 1000.0)
          .field("nbytes", r.nbytes()).endObject();
    }
    j.endArray();
    groups(j.name("groups"), m);
    j.name("workers").beginArray();
    for (ClusterModel.Worker w : m.workers.values()) {
      j.beginObject().field("address", w.address).field("name", w.name).field("nthreads", w.nthreads)
          .field("memoryLimit", w.memoryLimit);
      history(j.name("history"), w);
      j.endObject();
    }
    j.endArray();
    return j.endObject().toString();
  }
}
