package io.jask.distributed.deploy;

import io.jask.distributed.scheduler.SchedulerServer;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Starts a web dashboard for a scheduler. The dashboard lives in a module above this one ({@code
 * jask-dashboard}), which provides its launcher through {@link ServiceLoader} ({@code
 * META-INF/services/io.jask.distributed.deploy.DashboardLauncher}): a cluster started with that
 * module on its classpath serves a dashboard, one started without it does not.
 */
public interface DashboardLauncher {
  /** The name under which a scheduler announces its dashboard's link among its services. */
  String SERVICE = "dashboard";

  /**
   * Serves a dashboard for {@code scheduler}: it observes the scheduler as a {@linkplain
   * io.jask.distributed.scheduler.SchedulerPlugin plugin}, announces itself as the scheduler's
   * {@code "dashboard"} service, and stops when the scheduler closes.
   *
   * @return the dashboard's link, with its token
   * @throws io.jask.core.JaskException if it cannot listen
   */
  String launch(SchedulerServer scheduler, DashboardSettings settings);

  /** The launcher on the classpath, if any. */
  static Optional<DashboardLauncher> find() {
    Iterator<DashboardLauncher> found = ServiceLoader.load(DashboardLauncher.class).iterator();
    return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
  }
}
