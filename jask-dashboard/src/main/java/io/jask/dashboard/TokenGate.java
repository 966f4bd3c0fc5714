package io.jask.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Lets a request through only if it carries the dashboard's token: in its cookie, set by opening
 * the link once ({@code ?token=…} sets an {@code HttpOnly}, {@code SameSite=Strict} cookie and
 * redirects to the same page without the token), or as {@code Authorization: Bearer …} (for
 * Prometheus and scripts). Without a token: 401; with a wrong one: 403. {@code /health} is open,
 * as load balancers expect; it tells nothing but that the dashboard is up.
 *
 * <p>WebSocket upgrades must also come from a page of this dashboard: a cross-site {@code Origin}
 * gets 403, even though the {@code SameSite=Strict} cookie would not be sent along anyway.
 */
final class TokenGate extends Handler.Wrapper {
  private final DashboardToken token;
  private final String cookieName;
  private final boolean secure;

  TokenGate(DashboardToken token, int port, boolean secure, Handler next) {
    super(next);
    this.token = token;
    // Cookies are not scoped by port: two dashboards on one host must not overwrite each other's.
    this.cookieName = "jask-dashboard-" + port;
    this.secure = secure;
  }

  String cookieName() {
    return cookieName;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SecurityHeaders.add(response);
    String path = request.getHttpURI().getPath();
    if ("/health".equals(path)) {
      return super.handle(request, response, callback);
    }
    Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    String fromQuery = query.getValue("token");
    if (fromQuery != null) {
      if (!token.matches(fromQuery)) {
        return refuse(response, callback, 403, "This dashboard token is wrong.");
      }
      Response.addCookie(response, HttpCookie.build(cookieName, token.value())
          .httpOnly(true).sameSite(HttpCookie.SameSite.STRICT).path("/").secure(secure).build());
      query.remove("token");
      Response.sendRedirect(request, response, callback, 303, withoutToken(request.getHttpURI(), query), true);
      return true;
    }
    String presented = presented(request);
    if (presented == null) {
      return refuse(response, callback, 401,
          "This dashboard needs its token: open the link that client.dashboardLink() or `jask scheduler` prints.");
    }
    if (!token.matches(presented)) {
      return refuse(response, callback, 403, "This dashboard token is wrong.");
    }
    if (isUpgrade(request) && !sameOrigin(request)) {
      return refuse(response, callback, 403, "WebSocket connections must come from this dashboard's own pages.");
    }
    return super.handle(request, response, callback);
  }

  private String presented(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    List<HttpCookie> cookies = Request.getCookies(request);
    for (HttpCookie c : cookies) {
      if (c.getName().equals(cookieName)) {
        return c.getValue();
      }
    }
    return null;
  }

  private static boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private static boolean sameOrigin(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      return true; // not a browser: it presented the token itself
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static String withoutToken(HttpURI uri, Fields query) {
    StringBuilder target = new StringBuilder(uri.getPath());
    char sep = '?';
    for (Fields.Field f : query) {
      for (String v : f.getValues()) {
        target.append(sep).append(Urls.encode(f.getName())).append('=').append(Urls.encode(v));
        sep = '&';
      }
    }
    return target.toString();
  }

  private static boolean refuse(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, java.nio.ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

}
