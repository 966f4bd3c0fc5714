package io.jask.dashboard;

import io.jask.core.JaskException;
import io.jask.distributed.deploy.DashboardAddress;
import io.jask.distributed.deploy.DashboardLauncher;
import io.jask.distributed.deploy.DashboardSettings;
import io.jask.distributed.scheduler.SchedulerServer;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jask's web dashboard, served beside a scheduler: live pages (status with the task stream and
 * progress, the task graph, the workers, logs and task stories), JSON feeds, Prometheus {@code
 * /metrics}, {@code /health}, and the stand-alone performance report.
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.start(scheduler, DashboardSettings.at(DashboardAddress.parse(":8787")));
 * System.out.println(dashboard.link());   // http://127.0.0.1:8787/status?token=…
 * }</pre>
 *
 * <p>Secure by default: it listens on loopback, and every page, feed and socket needs the
 * dashboard's own random token (the link carries it once; a cookie keeps it). It observes the
 * scheduler only as a {@link io.jask.distributed.scheduler.SchedulerPlugin}, through a bounded
 * queue that the scheduler never waits on, and closes with the scheduler.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  /** Ports tried above a taken one before giving up. */
  static final int PORTS_TO_TRY = 100;
  /** Scheduler events queued for the dashboard at most; more are dropped, and counted. */
  static final int INBOX_CAPACITY = 1 << 18;

  private final Server server;
  private final FeedHub hub;
  private final DashboardToken token;
  private final String baseUrl;
  private volatile boolean closed;

  private Dashboard(Server server, FeedHub hub, DashboardToken token, String baseUrl) {
    this.server = server;
    this.hub = hub;
    this.token = token;
    this.baseUrl = baseUrl;
  }

  /**
   * Serves a dashboard for {@code scheduler}, observes it from now on, and announces it as the
   * scheduler's {@code "dashboard"} service.
   *
   * @throws JaskException if no port could be bound, or the HTTPS files cannot be read
   */
  public static Dashboard start(SchedulerServer scheduler, DashboardSettings settings) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(settings, "settings");
    DashboardToken token = DashboardToken.generate();
    Inbox inbox = new Inbox(INBOX_CAPACITY);
    FeedHub hub = new FeedHub(inbox, scheduler.address(), settings.workerLogs());
    Dashboard dashboard;
    try {
      dashboard = listen(scheduler, settings, token, hub);
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
    scheduler.addPlugin(new DashboardPlugin(inbox, dashboard::close));
    scheduler.registerService(DashboardLauncher.SERVICE, dashboard.link());
    log.info("Dashboard at {}", dashboard.baseUrl);
    return dashboard;
  }

  private static Dashboard listen(SchedulerServer scheduler, DashboardSettings settings, DashboardToken token,
      FeedHub hub) {
    DashboardAddress address = settings.address();
    boolean https = settings.https() != null;
    int port = address.port();
    int last = port == 0 ? 0 : Math.min(65_535, port + PORTS_TO_TRY - 1);
    JaskException failure = null;
    for (int p = port; p <= last; p++) {
      QueuedThreadPool threads = new QueuedThreadPool(8, 2);
      threads.setName("jask-dashboard-http");
      threads.setDaemon(true);
      Server server = new Server(threads);
      // One acceptor and one selector: a handful of browsers at most, and on a many-core machine
      // Jetty's defaults (a selector per two cores) would outgrow the small thread pool.
      ServerConnector connector = https
          ? new ServerConnector(server, 1, 1, sslConnectionFactory(settings), new HttpConnectionFactory(httpsConfiguration()))
          : new ServerConnector(server, 1, 1, new HttpConnectionFactory(new HttpConfiguration()));
      connector.setHost(address.host());
      connector.setPort(p);
      server.addConnector(connector);
      server.setStopTimeout(2_000);
      try {
        connector.open();
      } catch (IOException e) {
        failure = new JaskException("the dashboard could not listen on " + new DashboardAddress(address.host(), p)
            + ": " + e.getMessage(), e);
        closeQuietly(server);
        if (e instanceof BindException || e.getCause() instanceof BindException) {
          continue;
        }
        throw failure;
      }
      int bound = connector.getLocalPort();
      String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
      String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
      String baseUrl = (https ? "https" : "http") + "://" + shownHost + ":" + bound;
      Routes routes = new Routes(hub, scheduler, new Assets());
      WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
        container.setIdleTimeout(Duration.ofMinutes(30));
        container.addMapping("/ws", (request, response, callback) -> {
          org.eclipse.jetty.util.Fields query = org.eclipse.jetty.server.Request.extractQueryParameters(request);
          String feed = query.getValue("feed") == null ? "status" : query.getValue("feed");
          if (!FeedHub.isFeed(feed)) {
            response.setStatus(404);
            callback.succeeded();
            return null;
          }
          return new FeedSocket(hub, feed, query.getValue("address"));
        });
      });
      sockets.setHandler(routes);
      server.setHandler(new TokenGate(token, bound, https, sockets));
      try {
        server.start();
      } catch (Exception e) {
        closeQuietly(server);
        throw new JaskException("the dashboard could not start on " + baseUrl + ": " + e, e);
      }
      return new Dashboard(server, hub, token, baseUrl);
    }
    throw failure != null ? failure : new JaskException("the dashboard found no free port from " + port);
  }

  private static HttpConfiguration httpsConfiguration() {
    HttpConfiguration config = new HttpConfiguration();
    config.setSecureScheme("https");
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false); // loopback and IP addresses carry no SNI host name
    config.addCustomizer(customizer);
    return config;
  }

  private static SslConnectionFactory sslConnectionFactory(DashboardSettings settings) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(PemKeyStore.load(settings.https().certificateChain(), settings.https().privateKey()));
    ssl.setKeyStorePassword(PemKeyStore.PASSWORD);
    return new SslConnectionFactory(ssl, "http/1.1");
  }

  private static void closeQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // it never started
    }
  }

  /** {@code http://127.0.0.1:8787}: where the dashboard listens, without the token. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The link to the status page with the token: {@code http://127.0.0.1:8787/status?token=…}. */
  public String link() {
    return baseUrl + "/status?token=" + token.value();
  }

  /** Pages open now (one live socket each). */
  public int openPages() {
    return hub.subscribers();
  }

  /** Scheduler events dropped because the dashboard fell behind (0 in a healthy dashboard). */
  public long droppedEvents() {
    return hub.dropped();
  }

  /** Stops serving. Also done when the scheduler closes. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    hub.close();
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("Stopping the dashboard at {} failed: {}", baseUrl, e.toString());
    }
  }

  @Override
  public String toString() {
    return "Dashboard[" + baseUrl + "]";
  }
}
