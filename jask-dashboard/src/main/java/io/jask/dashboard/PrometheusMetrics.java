package io.jask.dashboard;

import java.util.Locale;

/**
 * {@code /metrics} in the Prometheus text exposition format (version 0.0.4): cluster-wide task
 * counts by state, and each worker's memory, CPU and work, labelled by its address.
 */
final class PrometheusMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusMetrics() {}

  static String render(ClusterModel m, long dropped, int openPages) {
    StringBuilder out = new StringBuilder(2048);
    gauge(out, "jask_workers", "Workers connected to the scheduler.");
    sample(out, "jask_workers", null, m.workers.size());
    gauge(out, "jask_threads", "Task threads of all workers.");
    sample(out, "jask_threads", null, m.workers.values().stream().mapToInt(w -> w.nthreads).sum());
    gauge(out, "jask_tasks", "Tasks of the kinds still shown, by progress state.");
    for (int b = 0; b < ClusterModel.BUCKETS.length; b++) {
      long n = 0;
      for (ClusterModel.Group g : m.groups.values()) {
        n += g.counts[b];
      }
      sample(out, "jask_tasks", "state=\"" + ClusterModel.BUCKETS[b] + "\"", n);
    }
    counter(out, "jask_tasks_completed_total", "Task runs that finished with a result.");
    sample(out, "jask_tasks_completed_total", null, m.completed);
    counter(out, "jask_tasks_erred_total", "Task runs that failed for good.");
    sample(out, "jask_tasks_erred_total", null, m.erred);
    counter(out, "jask_transfers_total", "Fetches of inputs between workers.");
    sample(out, "jask_transfers_total", null, m.transfers);
    counter(out, "jask_transfer_bytes_total", "Estimated bytes fetched between workers.");
    sample(out, "jask_transfer_bytes_total", null, m.transferBytes);
    counter(out, "jask_dashboard_events_dropped_total", "Scheduler events the dashboard dropped, being behind.");
    sample(out, "jask_dashboard_events_dropped_total", null, dropped);
    gauge(out, "jask_dashboard_open_pages", "Dashboard pages open now, with a live feed each.");
    sample(out, "jask_dashboard_open_pages", null, openPages);

    perWorker(out, m, "jask_worker_nthreads", "Task threads of the worker.", w -> w.nthreads);
    perWorker(out, m, "jask_worker_memory_limit_bytes", "The worker's memory limit (0: none).", w -> w.memoryLimit);
    perWorker(out, m, "jask_worker_managed_bytes", "Estimated bytes of results the worker holds.",
        w -> w.last == null ? 0 : w.last.managedBytes());
    perWorker(out, m, "jask_worker_heap_used_bytes", "Heap in use in the worker's JVM.",
        w -> w.last == null ? 0 : w.last.heapUsed());
    perWorker(out, m, "jask_worker_spilled_bytes", "Bytes of results the worker spilled to disk.",
        w -> w.last == null ? 0 : w.last.spilledBytes());
    perWorker(out, m, "jask_worker_cpu_cores", "CPU the worker's process used, in cores.",
        w -> w.last == null ? 0 : w.last.cpuLoad());
    perWorker(out, m, "jask_worker_executing_tasks", "Tasks running on the worker.",
        w -> w.last == null ? 0 : w.last.executing());
    perWorker(out, m, "jask_worker_ready_tasks", "Tasks waiting for a thread on the worker.",
        w -> w.last == null ? 0 : w.last.ready());
    perWorker(out, m, "jask_worker_processing_tasks", "Tasks the scheduler has sent to the worker.", w -> w.processing);
    return out.toString();
  }

  private interface Figure {
    double of(ClusterModel.Worker w);
  }

  private static void perWorker(StringBuilder out, ClusterModel m, String name, String help, Figure figure) {
    gauge(out, name, help);
    for (ClusterModel.Worker w : m.workers.values()) {
      sample(out, name, "worker=\"" + escape(w.address) + "\",name=\"" + escape(w.name) + "\"", figure.of(w));
    }
  }

  private static void gauge(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void counter(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name);
    if (labels != null) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%.6g", value));
    }
    out.append('\n');
  }

  /** A label value as the format wants it: backslash, double quote and newline escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

}
