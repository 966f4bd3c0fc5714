package io.jask.distributed.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link DashboardLauncher} serves a dashboard.
 *
 * @param address where it listens
 * @param https the certificate and key to serve HTTPS with; null for plain HTTP
 * @param workerLogs what each worker has written so far, by worker name, for the info page
 *     ({@link Cluster#logs()})
 */
public record DashboardSettings(DashboardAddress address, TlsFiles https, Supplier<Map<String, String>> workerLogs) {
  public DashboardSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(workerLogs, "workerLogs");
  }

  /** Plain HTTP at {@code address}, with no worker logs. */
  public static DashboardSettings at(DashboardAddress address) {
    return new DashboardSettings(address, null, Map::of);
  }
}
