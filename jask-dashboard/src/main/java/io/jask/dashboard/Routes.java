package io.jask.dashboard;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.scheduler.StoryEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The dashboard's pages and documents, behind the {@link TokenGate}:
 *
 * <pre>
 *  /  /status  /graph  /workers  /worker?address=…  /info     pages (HTML; live over /ws?feed=…)
 *  /json/status.json  /json/graph.json  /json/workers.json
 *  /json/worker.json?address=…  /json/info.json  /json/story.json?key=…   the pages' documents
 *  /health  /metrics  /performance-report?since=epochMillis
 *  /static/…  /webjars/…                                                  scripts and styles
 * </pre>
 */
final class Routes extends Handler.Abstract {
  private static final Map<String, String> PAGES = Map.of(
      "/status", "status", "/graph", "graph", "/workers", "workers", "/worker", "worker", "/info", "info");

  private final FeedHub hub;
  private final SchedulerServer scheduler;
  private final Assets assets;

  Routes(FeedHub hub, SchedulerServer scheduler, Assets assets) {
    this.hub = hub;
    this.scheduler = scheduler;
    this.assets = assets;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      return send(response, callback, 405, "text/plain; charset=utf-8", "Only GET.\n");
    }
    String path = request.getHttpURI().getPath();
    Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    if (path.equals("/")) {
      Response.sendRedirect(request, response, callback, 303, "/status", true);
      return true;
    }
    String page = PAGES.get(path);
    if (page != null) {
      return send(response, callback, 200, "text/html; charset=utf-8", PageLayout.render(assets, page));
    }
    switch (path) {
      case "/health":
        return send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
      case "/metrics":
        return send(response, callback, 200, PrometheusMetrics.CONTENT_TYPE,
            hub.query(m -> PrometheusMetrics.render(m, hub.dropped(), hub.subscribers())));
      case "/json/status.json":
        return json(response, callback, hub.query(m -> Feeds.status(m, 0, hub.dropped())));
      case "/json/graph.json":
        return json(response, callback, hub.query(Feeds::graph));
      case "/json/workers.json":
        return json(response, callback, hub.query(Feeds::workers));
      case "/json/worker.json": {
        String address = query.getValue("address");
        if (address == null) {
          return send(response, callback, 400, "text/plain; charset=utf-8", "Which worker? Add ?address=…\n");
        }
        return json(response, callback, hub.query(m -> Feeds.worker(m, address)));
      }
      case "/json/info.json":
        return json(response, callback, hub.query(m -> Feeds.info(m, hub.schedulerAddress(), hub.workerLogs())));
      case "/json/story.json": {
        String key = query.getValue("key");
        if (key == null || key.isBlank()) {
          return send(response, callback, 400, "text/plain; charset=utf-8", "Which task? Add ?key=…\n");
        }
        return json(response, callback, Feeds.story(key, story(key)));
      }
      case "/performance-report": {
        long since = 0;
        String s = query.getValue("since");
        if (s != null) {
          try {
            since = Long.parseLong(s);
          } catch (NumberFormatException e) {
            return send(response, callback, 400, "text/plain; charset=utf-8",
                "since must be milliseconds since the epoch, not '" + s + "'\n");
          }
        }
        long from = since;
        String data = hub.query(m -> Feeds.report(m, hub.schedulerAddress(), from));
        return send(response, callback, 200, "text/html; charset=utf-8", PerformanceReport.html(assets, data));
      }
      default:
        break;
    }
    Optional<Assets.Asset> asset = assets.find(path);
    if (asset.isPresent()) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.get().contentType());
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, max-age=3600");
      response.write(true, ByteBuffer.wrap(asset.get().bytes()), callback);
      return true;
    }
    return send(response, callback, 404, "text/plain; charset=utf-8", "No such page: " + path + "\n");
  }

  /** The task's story from the scheduler; the key as the pages show it, {@code name} or {@code (name, i, j)}. */
  private List<String> story(String text) {
    Key key = parseKey(text);
    List<String> lines = new ArrayList<>();
    for (StoryEntry e : scheduler.story(key)) {
      lines.add(e.toString());
    }
    return lines;
  }

  static Key parseKey(String text) {
    String t = text.strip();
    if (t.startsWith("(") && t.endsWith(")")) {
      String[] parts = t.substring(1, t.length() - 1).split(",\\s*");
      int[] index = new int[parts.length - 1];
      try {
        for (int i = 1; i < parts.length; i++) {
          index[i - 1] = Integer.parseInt(parts[i].strip());
        }
        return Key.of(parts[0], index);
      } catch (IllegalArgumentException e) {
        return Key.of(t);
      }
    }
    return Key.of(t);
  }

  private static boolean json(Response response, Callback callback, String body) {
    return send(response, callback, 200, "application/json", body);
  }

  private static boolean send(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
