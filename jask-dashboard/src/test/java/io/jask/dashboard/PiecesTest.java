package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.deploy.DashboardAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.ajax.JSON;
import org.junit.jupiter.api.Test;

/** The small parts: JSON text, label escaping, the token, the inbox, addresses, keys. */
class PiecesTest {
  @Test
  void jsonStringsRoundTripAndCannotCloseAScriptElement() {
    String nasty = "a\"b\\c\nd\te</script><!--&\u0001\u2028";
    StringBuilder out = new StringBuilder();
    Json.quote(out, nasty);
    assertThat(out.toString()).doesNotContain("</script").doesNotContain("<").doesNotContain("\u2028");
    assertThat(new JSON().fromJSON(out.toString())).isEqualTo(nasty);
    String doc = new Json().beginObject().field("x", 1.5).field("n", Double.NaN).field("s", "t")
        .name("a").beginArray().value(1).value("two").endArray().endObject().toString();
    assertThat(doc).isEqualTo("{\"x\":1.5000,\"n\":null,\"s\":\"t\",\"a\":[1,\"two\"]}");
  }

  @Test
  void prometheusLabelValuesAreEscaped() {
    assertThat(PrometheusMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }

  @Test
  void theTokenMatchesOnlyItselfAndIsNeverPrinted() {
    DashboardToken token = DashboardToken.generate();
    assertThat(token.matches(token.value())).isTrue();
    assertThat(token.matches(token.value() + "x")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token.toString()).doesNotContain(token.value());
    assertThat(DashboardToken.generate().value()).isNotEqualTo(token.value());
    assertThatThrownBy(() -> DashboardToken.of("")).hasMessageContaining("empty");
  }

  @Test
  void aFullInboxDropsAndCountsInsteadOfWaiting() {
    Inbox inbox = new Inbox(3);
    for (int i = 0; i < 5; i++) {
      inbox.offer(i);
    }
    assertThat(inbox.dropped()).isEqualTo(2);
    List<Object> out = new ArrayList<>();
    assertThat(inbox.drain(out::add)).isEqualTo(3);
    assertThat(out).containsExactly(0, 1, 2);
  }

  @Test
  void dashboardAddressesParseAsUsersWriteThem() {
    assertThat(DashboardAddress.parse(":8787")).isEqualTo(new DashboardAddress("127.0.0.1", 8787));
    assertThat(DashboardAddress.parse("8788")).isEqualTo(new DashboardAddress("127.0.0.1", 8788));
    assertThat(DashboardAddress.parse("0.0.0.0:0")).isEqualTo(new DashboardAddress("0.0.0.0", 0));
    assertThat(DashboardAddress.parse("[::1]:9000")).isEqualTo(new DashboardAddress("::1", 9000));
    assertThat(DashboardAddress.parse("[::1]:9000").toString()).isEqualTo("[::1]:9000");
    assertThatThrownBy(() -> DashboardAddress.parse("::1:9000")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> DashboardAddress.parse("host:")).hasMessageContaining("'host:'");
    assertThatThrownBy(() -> DashboardAddress.parse("-1")).hasMessageContaining("0 to 65535");
  }

  @Test
  void keysAsThePagesShowThemParseBack() {
    assertThat(Routes.parseKey("inc-1f0c2d3e")).isEqualTo(io.jask.core.graph.Key.of("inc-1f0c2d3e"));
    assertThat(Routes.parseKey("(block, 2, 3)")).isEqualTo(io.jask.core.graph.Key.of("block", 2, 3));
    assertThat(Routes.parseKey("(odd, x)")).isEqualTo(io.jask.core.graph.Key.of("(odd, x)"));
  }
}
