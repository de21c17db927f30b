package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class PeriodTypeTest {
  /** An instant written with the +08:00 offset the SPEC's calendar periods are in. */
  private static long at(String localTime) {
    return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
  }

  @Test
  void theCodesAreTheSpecsWireStrings() {
    assertThat(PeriodType.values()).extracting(PeriodType::code)
        .containsExactly("hour", "day", "month", "quarter", "year", "r24h", "r30d", "r12m");
  }

  @Test
  void everyCodeParsesBackToItsType() {
    for (PeriodType type : PeriodType.values()) {
      assertThat(PeriodType.of(type.code())).isSameAs(type);
    }
  }

  @Test
  void anUnknownCodeIsNamedInTheError() {
    assertThatThrownBy(() -> PeriodType.of("week")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown period type 'week': expected one of hour, day, month, quarter, year, r24h, r30d, r12m");
    assertThatThrownBy(() -> PeriodType.of("Hour")).hasMessageStartingWith("unknown period type 'Hour'");
  }

  @Test
  void theLadderGoesHourDayMonthQuarterYear() {
    assertThat(PeriodType.HOUR.wider()).contains(PeriodType.DAY);
    assertThat(PeriodType.DAY.wider()).contains(PeriodType.MONTH);
    assertThat(PeriodType.MONTH.wider()).contains(PeriodType.QUARTER);
    assertThat(PeriodType.QUARTER.wider()).contains(PeriodType.YEAR);
    assertThat(PeriodType.YEAR.wider()).isEmpty();
    assertThat(PeriodType.R24H.wider()).isEmpty();
  }

  @Test
  void hoursDaysAndMonthsHaveARollingWindowOfTheirOwn() {
    assertThat(PeriodType.HOUR.rollingWindow()).contains(PeriodType.R24H);
    assertThat(PeriodType.DAY.rollingWindow()).contains(PeriodType.R30D);
    assertThat(PeriodType.MONTH.rollingWindow()).contains(PeriodType.R12M);
    assertThat(PeriodType.QUARTER.rollingWindow()).isEmpty();
    assertThat(PeriodType.R12M.base()).isEqualTo(PeriodType.MONTH);
    assertThat(PeriodType.R30D.length()).isEqualTo(30);
    assertThatThrownBy(PeriodType.DAY::length).hasMessage("day is not a rolling window");
  }

  @Test
  void calendarPeriodsStartAndEndInShanghaiTime() {
    long t = at("2026-08-15T00:30:00");
    assertThat(PeriodType.HOUR.start(t)).isEqualTo(at("2026-08-15T00:00:00"));
    // 00:30 in Shanghai is still the 14th in UTC: the day is Shanghai's
    assertThat(PeriodType.DAY.start(t)).isEqualTo(at("2026-08-15T00:00:00"));
    assertThat(PeriodType.MONTH.start(t)).isEqualTo(at("2026-08-01T00:00:00"));
    assertThat(PeriodType.QUARTER.start(t)).isEqualTo(at("2026-07-01T00:00:00"));
    assertThat(PeriodType.YEAR.start(t)).isEqualTo(at("2026-01-01T00:00:00"));
    assertThat(PeriodType.MONTH.end(at("2026-02-01T00:00:00"))).isEqualTo(at("2026-03-01T00:00:00"));
    assertThat(PeriodType.QUARTER.end(at("2026-10-01T00:00:00"))).isEqualTo(at("2027-01-01T00:00:00"));
    assertThatThrownBy(() -> PeriodType.R24H.start(t)).hasMessage("r24h is a rolling window, not a calendar period");
  }

  @Test
  void aRollingRowSpansTheWindowEndingAtItsPeriodStart() {
    assertThat(PeriodType.R12M.span(at("2026-04-01T00:00:00")))
        .containsExactly(at("2025-04-01T00:00:00"), at("2026-04-01T00:00:00"));
    assertThat(PeriodType.R24H.span(at("2026-04-02T05:00:00")))
        .containsExactly(at("2026-04-01T05:00:00"), at("2026-04-02T05:00:00"));
    assertThat(PeriodType.DAY.span(at("2026-04-02T00:00:00")))
        .containsExactly(at("2026-04-02T00:00:00"), at("2026-04-03T00:00:00"));
  }
}
