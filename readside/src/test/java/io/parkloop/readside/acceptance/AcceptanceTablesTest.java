package io.parkloop.readside.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.reference.Province;
import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptanceTablesTest {
  private final Table acceptance = AcceptanceTables.acceptance(ParkSet.assessed());

  @Test
  void oneRowPerTargetAndOneForAParkWithout() {
    assertThat(acceptance.rows()).hasSize(9);
    assertThat(row("YCEP")).containsExactly(2026, "no", "YCEP", "盐城环保科技城", "盐城", "苏北", "provincial",
        null, null, null, null, null, null, null, null, "no_targets", "no targets for 2026");
  }

  @Test
  void completionAsARoundedPercentageAndNoneForZeroDischarge() {
    assertThat(row("CZBJ")).containsExactly(2026, "no", "CZBJ", "常州滨江经济开发区", "常州", "苏南", "provincial",
        "energy_intensity", "smaller-is-better", 0.4, 0.5, "tce/10k CNY", 80.0, "fails",
        "80.0 % of target (target ÷ actual)", "fails", "below 90 %: energy_intensity");
    assertThat(cell(row("WX"), "completion_pct")).isNull();
    assertThat(cell(row("WX"), "reason")).isEqualTo("actual is 0: nothing left to reduce");
  }

  @Test
  void progressRowsNameTheParksBehindEachFigure() {
    Table progress = AcceptanceTables.progress(2026, true, ProvincialProgress.of(ParkSet.assessed()));
    assertThat(progress.rows().get(0)).containsExactly(2026, "yes", "province", Province.NAME, "national", 3, 1, 33.33, 70.0,
        "no", 33.33, 0.0, "SIP", "NTEDZ XZ");
  }

  private List<Object> row(String park) {
    return acceptance.rows().stream().filter(row -> row.get(2).equals(park)).findFirst().orElseThrow();
  }

  private Object cell(List<Object> row, String column) {
    List<String> names = acceptance.columns().stream().map(Column::name).toList();
    return row.get(names.indexOf(column));
  }
}
