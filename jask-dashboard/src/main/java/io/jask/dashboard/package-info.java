/**
 * Jask's web dashboard, served beside the scheduler ({@link io.jask.dashboard.Dashboard}).
 *
 * <pre>
 *  scheduler loop ──SchedulerPlugin callbacks──▶ DashboardPlugin ──offer (never blocks)──▶ Inbox
 *                                                                                          │
 *  feed thread (FeedHub): every 250 ms drain Inbox ──▶ ClusterModel ──Feeds (JSON)──▶ page sockets
 *                                                          │                          (skipped while
 *  Jetty: TokenGate ──▶ WebSocketUpgradeHandler ──▶ Routes ┘ query on the feed thread  a send is pending)
 *          /health open; all else needs the token (link → HttpOnly SameSite=Strict cookie, or Bearer)
 * </pre>
 *
 * <p>The scheduler's thread only offers events to a bounded queue; everything else happens on the
 * dashboard's own threads, so a slow or stalled browser never slows the scheduler (events are
 * dropped and counted if the dashboard falls behind). Every table of the model is bounded.
 *
 * <p>What an open status page costs is bounded too, whatever the task rate: it gets one compact
 * update every 500 ms at most, and none while nothing changed (the task-stream bars that are new
 * since the last update, as numbers; progress and workers as counters), draws its task stream on a
 * plain canvas, adding only the new bars, and draws nothing while hidden. {@code jask bench
 * dashboard} measures it, with the browser's and the dashboard's CPU seconds beside the times.
 *
 * <p>Pages load their scripts and the charting and graph libraries (ECharts, Cytoscape, from
 * WebJars) from the dashboard itself: no internet is needed.
 */
package io.jask.dashboard;
