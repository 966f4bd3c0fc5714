package io.jask.cli;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.deploy.DashboardAddress;
import io.jask.distributed.deploy.DashboardLauncher;
import io.jask.distributed.deploy.DashboardSettings;
import io.jask.distributed.deploy.TlsFiles;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jask scheduler}: runs a scheduler until interrupted. Secure by default: it listens on
 * loopback, and every connection must present the token.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = {"Run a Jask scheduler until interrupted (Ctrl-C, SIGTERM).",
        "The token comes from --token-file (made there if the file does not exist), else from JASK_TOKEN,"
            + " else a new one is shown once on standard error."})
final class SchedulerCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", defaultValue = "8786", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE, or write a new one there.")
  Path tokenFile;

  @Option(names = "--scheduler-file", paramLabel = "FILE",
      description = "Write the scheduler's address to FILE (JSON) once it listens; deleted on exit.")
  Path schedulerFile;

  @Option(names = "--heartbeat-timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "Seconds a worker may stay silent before it is taken for dead (default: ${DEFAULT-VALUE}).")
  int heartbeatTimeoutSeconds;

  @Option(names = "--dashboard-address", defaultValue = ":8787", paramLabel = "[HOST]:PORT",
      description = "Where the dashboard listens (default: ${DEFAULT-VALUE}, on loopback; the next free port if taken;"
          + " :0 for any free port).")
  String dashboardAddress;

  @Option(names = "--no-dashboard", description = "Serve no dashboard.")
  boolean noDashboard;

  @Option(names = "--dashboard-https",
      description = "Serve the dashboard over HTTPS with the certificate and key of --tls-cert and --tls-key.")
  boolean dashboardHttps;

  @Mixin TlsOptions tls;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    SchedulerServer scheduler;
    try {
      if (heartbeatTimeoutSeconds < 1) {
        throw new IllegalArgumentException("--heartbeat-timeout must be at least 1 second");
      }
      AuthToken token = TokenFiles.forScheduler(tokenFile, System.getenv(), err);
      TlsConfig tlsConfig = tls.config();
      String scheme = tlsConfig != null ? "tls" : "tcp";
      String bracketed = host.contains(":") ? "[" + host + "]" : host;
      DashboardAddress dashboard = noDashboard ? null : DashboardAddress.parse(dashboardAddress);
      if (dashboardHttps && tlsConfig == null) {
        throw new IllegalArgumentException("--dashboard-https needs --tls-cert, --tls-key and --tls-ca");
      }
      scheduler = SchedulerServer.start(scheme + "://" + bracketed + ":" + port, Protocol.commOptions(token, tlsConfig),
          SchedulerConfig.defaults(), Duration.ofSeconds(heartbeatTimeoutSeconds));
      if (dashboard != null) {
        serveDashboard(scheduler, dashboard, err);
      }
    } catch (RuntimeException e) {
      err.println("jask scheduler: " + e.getMessage());
      return 1;
    }
    try {
      if (schedulerFile != null) {
        SchedulerFile.write(schedulerFile, scheduler.address());
      }
      UntilStopped.run(new CompletableFuture<>(), () -> {
        scheduler.close();
        deleteSchedulerFile();
      });
    } catch (RuntimeException e) {
      scheduler.close();
      deleteSchedulerFile();
      err.println("jask scheduler: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** Starts the dashboard and shows its link, once, on standard error (it is a secret, as the token). */
  private void serveDashboard(SchedulerServer scheduler, DashboardAddress address, PrintStream err) {
    DashboardLauncher launcher = DashboardLauncher.find().orElse(null);
    if (launcher == null) {
      err.println("jask scheduler: no dashboard on the classpath (io.jask:jask-dashboard); serving none");
      return;
    }
    TlsFiles https = dashboardHttps ? new TlsFiles(tls.cert, tls.key, tls.ca) : null;
    try {
      String link = launcher.launch(scheduler, new DashboardSettings(address, https, java.util.Map::of));
      err.println("Dashboard: " + link);
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
  }

  private void deleteSchedulerFile() {
    if (schedulerFile != null) {
      try {
        Files.deleteIfExists(schedulerFile);
      } catch (IOException e) {
        // a stale file names a closed address; workers then fail to connect, with that address
      }
    }
  }
}
