package io.jask.dashboard;

/**
 * Wraps a page's own part in the frame all pages share ({@code layout.html}: head, styles, header
 * and navigation), so the frame is written once. A page file holds the contents of its
 * {@code <main>}, then the {@code <script>} lines it loads.
 */
final class PageLayout {
  private static final String SCRIPTS_START = "\n<script";

  private PageLayout() {}

  /** The whole page named {@code name} ({@code status}, {@code graph}, …), titled by its name. */
  static String render(Assets assets, String name) {
    String layout = assets.text("/static/layout.html");
    String page = assets.text("/static/" + name + ".html").strip();
    int scripts = ("\n" + page).indexOf(SCRIPTS_START);
    String content = scripts < 0 ? page : page.substring(0, Math.max(0, scripts - 1)).strip();
    String loads = scripts < 0 ? "" : page.substring(scripts);
    return layout.replace("<!--title-->", name)
        .replace("<!--content-->", content)
        .replace("<!--scripts-->", loads);
  }
}
