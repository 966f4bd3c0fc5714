package io.jask.dashboard;

/**
 * The stand-alone performance report: one HTML file holding the charting library, the script
 * that draws the report and its data as JSON, so that it opens in a browser with no server and no
 * internet (as Dask's {@code performance_report}).
 */
final class PerformanceReport {
  private PerformanceReport() {}

  /** The report's HTML for {@code dataJson} (from {@link Feeds#report}). */
  static String html(Assets assets, String dataJson) {
    String template = assets.text("/static/report.html");
    return template
        .replace("/*JASK_STYLE*/", assets.text("/static/dashboard.css"))
        .replace("/*JASK_ECHARTS*/", inline(assets.text("/webjars/echarts.min.js")))
        .replace("/*JASK_SCRIPT*/", inline(assets.text("/static/taskstream.js") + "\n" + assets.text("/static/report.js")))
        .replace("/*JASK_DATA*/", "window.JASK_REPORT = " + dataJson + ";");
  }

  /** Script text that cannot end its {@code <script>} element early. */
  private static String inline(String script) {
    return script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
  }
}
