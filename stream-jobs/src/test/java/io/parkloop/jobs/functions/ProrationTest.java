package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.jobs.Periods;
import io.parkloop.reference.PeriodType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProrationTest {
  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void splitsAcrossAnHourInProportionToTime() {
    long start = t("2026-03-01T00:45:00Z");
    long end = t("2026-03-01T01:15:00Z");

    assertThat(Proration.share(100, start, end, t("2026-03-01T00:00:00Z"), t("2026-03-01T01:00:00Z"))).isEqualTo(50.0);
    assertThat(Proration.share(100, start, end, t("2026-03-01T01:00:00Z"), t("2026-03-01T02:00:00Z"))).isEqualTo(50.0);
    assertThat(Proration.share(100, start, end, t("2026-03-01T02:00:00Z"), t("2026-03-01T03:00:00Z"))).isZero();
  }

  @Test
  void aDayBoundaryInShanghaiGetsExactlyItsShare() {
    // 22:00 to 04:00 Shanghai time across midnight: the first day holds 2 of 6 hours
    long start = t("2026-03-01T14:00:00Z");
    long end = t("2026-03-01T20:00:00Z");
    long day = PeriodType.DAY.start(start);

    assertThat(Instant.ofEpochMilli(day)).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    assertThat(Proration.share(600, start, end, day, PeriodType.DAY.end(day))).isCloseTo(200.0, within(1e-9));
    assertThat(Proration.share(600, start, end, PeriodType.DAY.end(day), PeriodType.DAY.end(PeriodType.DAY.end(day))))
        .isCloseTo(400.0, within(1e-9));
  }

  @Test
  void aMonthBoundaryInShanghaiGetsExactlyItsShare() {
    // 2026-03-31 23:30 to 2026-04-01 00:30 Shanghai
    long start = t("2026-03-31T15:30:00Z");
    long end = t("2026-03-31T16:30:00Z");
    long march = PeriodType.MONTH.start(start);

    assertThat(Instant.ofEpochMilli(march)).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    assertThat(Proration.share(10, start, end, march, PeriodType.MONTH.end(march))).isEqualTo(5.0);
  }

  @Test
  void anInstantQuantityBelongsToThePeriodItEnds() {
    long hour = t("2026-03-01T01:00:00Z");
    assertThat(Proration.share(7, hour, hour, hour - Periods.HOUR, hour)).isEqualTo(7.0);
    assertThat(Proration.share(7, hour, hour, hour, hour + Periods.HOUR)).isZero();
  }
}
