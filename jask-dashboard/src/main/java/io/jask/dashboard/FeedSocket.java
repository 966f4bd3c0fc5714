package io.jask.dashboard;

import org.eclipse.jetty.websocket.api.Session;

/** A page's live feed (public only because Jetty calls it by reflection): registered with the {@link FeedHub} while open; what the page sends is ignored. */
public final class FeedSocket implements Session.Listener.AutoDemanding {
  private final FeedHub hub;
  private final String feed;
  private final String argument;
  private Session session;

  FeedSocket(FeedHub hub, String feed, String argument) {
    this.hub = hub;
    this.feed = feed;
    this.argument = argument;
  }

  @Override
  public void onWebSocketOpen(Session opened) {
    this.session = opened;
    hub.subscribe(new FeedHub.Subscriber(opened, feed, argument));
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
    if (session != null) {
      hub.unsubscribe(session);
    }
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    if (session != null) {
      hub.unsubscribe(session);
    }
  }
}
