package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageLayoutTest {
  private final Assets assets = new Assets();

  @ParameterizedTest
  @ValueSource(strings = {"status", "graph", "workers", "worker", "info"})
  void eachPageIsFramedOnceWithItsTitleContentAndScripts(String name) {
    String html = PageLayout.render(assets, name);

    assertThat(html).startsWith("<!doctype html>").contains("<title>Jask: " + name + "</title>")
        .doesNotContain("<!--title-->", "<!--content-->", "<!--scripts-->");
    assertThat(count(html, "<nav>")).isEqualTo(1);
    assertThat(count(html, "<main>")).isEqualTo(1);
    int mainEnd = html.indexOf("</main>");
    Matcher own = Pattern.compile("<script src=\"/static/" + name + "\\.js\"></script>").matcher(html);
    assertThat(own.find()).as("the page loads its own script").isTrue();
    assertThat(own.start()).as("scripts come after the content").isGreaterThan(mainEnd);
    assertThat(html.substring(html.indexOf("<main>"), mainEnd)).contains("class=\"panel\"").doesNotContain("<script");
    assertThat(html.strip()).endsWith("</body>\n</html>");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
