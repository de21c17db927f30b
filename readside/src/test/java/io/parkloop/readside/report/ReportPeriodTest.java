package io.parkloop.readside.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.reference.PeriodType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
  @Test
  void yearQuarterAndMonth() {
    assertThat(ReportPeriod.parse("2026")).isEqualTo(
        new ReportPeriod("2026", PeriodType.YEAR, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)));
    assertThat(ReportPeriod.parse("2026-q2")).isEqualTo(
        new ReportPeriod("2026-Q2", PeriodType.QUARTER, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1)));
    assertThat(ReportPeriod.parse("2026-03")).isEqualTo(
        new ReportPeriod("2026-03", PeriodType.MONTH, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)));
    assertThat(ReportPeriod.parse("2026-Q1").startInstant()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
  }

  @Test
  void aWrongPeriodSaysWhatIsAccepted() {
    assertThatThrownBy(() -> ReportPeriod.parse("2026-Q5")).hasMessageContaining("a quarter (2026-Q1)");
    assertThatThrownBy(() -> ReportPeriod.parse("2026-13")).hasMessageContaining("month 13 is not 01..12");
  }

  @Test
  void onlyTheMonthsBegunCanBeMissing() {
    ReportPeriod year = ReportPeriod.parse("2026");
    assertThat(year.monthsBegunBy(Instant.parse("2026-02-28T16:00:00Z")))
        .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3));
    assertThat(year.monthsBegunBy(Instant.parse("2027-05-01T00:00:00Z"))).hasSize(12);
  }
}
