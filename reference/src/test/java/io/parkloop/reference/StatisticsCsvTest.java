package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class StatisticsCsvTest {
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("r.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E001, park: SIP}
      """);

  @Test
  void readsRowsWithEmptyCells() {
    var rows = StatisticsCsv.parse("s.csv", StatisticsCsv.HEADER + "\nE001,2026-03,1200.5,5000,\n\n", REFERENCE);

    assertThat(rows).containsExactly(new StatisticsCsv.Row("E001", YearMonth.of(2026, 3), 1200.5, 5000.0, null, 2));
  }

  @Test
  void namesTheLineAndColumnOfABadCell() {
    assertThatThrownBy(() -> StatisticsCsv.parse("s.csv", StatisticsCsv.HEADER + "\nE001,2026-03,12x,,\n", REFERENCE))
        .hasMessage("s.csv:2: value_added_10k_cny: '12x' is not a number");
    assertThatThrownBy(() -> StatisticsCsv.parse("s.csv", StatisticsCsv.HEADER + "\nE999,2026-03,1,,\n", REFERENCE))
        .hasMessage("s.csv:2: enterprise: unknown enterprise 'E999'");
    assertThatThrownBy(() -> StatisticsCsv.parse("s.csv", StatisticsCsv.HEADER + "\nE001,2026/03,1,,\n", REFERENCE))
        .hasMessage("s.csv:2: month: '2026/03' is not a month such as 2026-03");
    assertThatThrownBy(() -> StatisticsCsv.parse("s.csv", "enterprise,month\n", REFERENCE))
        .hasMessageStartingWith("s.csv:1: (header): expected the header");
  }
}
