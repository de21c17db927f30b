package io.parkloop.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaQueryTest {
  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void expandsTimeMacrosAndVariablesLikeGrafana() {
    String sql = "select * from t where $__timeFilter(period_start) and park = ${park:sqlstring} and region in (${region:sqlstring}) and x > $__timeFrom()";

    assertThat(GrafanaQuery.expand(sql, FROM, TO, Map.of("park", List.of("SIP"), "region", List.of("苏南", "苏北"))))
        .isEqualTo("select * from t where period_start BETWEEN '2026-03-01T00:00:00Z' AND '2026-03-02T00:00:00Z'"
            + " and park = 'SIP' and region in ('苏南','苏北') and x > '2026-03-01T00:00:00Z'");
  }

  @Test
  void refusesUnknownVariablesAndMacros() {
    assertThatThrownBy(() -> GrafanaQuery.expand("select $nope", FROM, TO, Map.of())).hasMessageContaining("$nope");
    assertThatThrownBy(() -> GrafanaQuery.expand("select $__timeGroup(t, '1h')", FROM, TO, Map.of()))
        .hasMessageContaining("macro");
  }
}
