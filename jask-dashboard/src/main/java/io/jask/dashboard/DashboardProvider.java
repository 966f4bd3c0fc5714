package io.jask.dashboard;

import io.jask.distributed.deploy.DashboardLauncher;
import io.jask.distributed.deploy.DashboardSettings;
import io.jask.distributed.scheduler.SchedulerServer;

/**
 * Makes every scheduler that Jask starts with this module on its classpath serve a dashboard,
 * found by {@link java.util.ServiceLoader} ({@code META-INF/services}).
 */
public final class DashboardProvider implements DashboardLauncher {
  /** The constructor {@link java.util.ServiceLoader} calls. */
  public DashboardProvider() {}

  @Override
  public String launch(SchedulerServer scheduler, DashboardSettings settings) {
    return Dashboard.start(scheduler, settings).link();
  }
}
