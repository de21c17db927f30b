package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.launcher.replay.Reconcile;
import io.parkloop.reference.Province;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which rows a reconciliation of 2026 may replace: those whose whole period or window lies in 2026. */
class ReconcileWindowTest {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final long FROM = at(2026, 1, 1, 0);
  private static final long TO = at(2027, 1, 1, 0);

  private static long at(int year, int month, int day, int hour) {
    return LocalDateTime.of(year, month, day, hour, 0).atZone(SHANGHAI).toInstant().toEpochMilli();
  }

  private static boolean within(String periodType, long periodStart) {
    return Reconcile.within(new IndicatorRow("park", "SIP", periodType, periodStart, "energy_tce", "tce", 1.0), FROM, TO);
  }

  @Test
  void calendarPeriodsInsideTheYearsAndNoneAcrossTheirEdges() {
    assertThat(within("hour", at(2026, 1, 1, 0))).isTrue();
    assertThat(within("hour", at(2026, 12, 31, 23))).isTrue();
    assertThat(within("hour", at(2025, 12, 31, 23))).isFalse();
    assertThat(within("day", at(2027, 1, 1, 0))).isFalse();
    assertThat(within("month", at(2026, 12, 1, 0))).isTrue();
    assertThat(within("quarter", at(2026, 10, 1, 0))).isTrue();
    assertThat(within("year", at(2026, 1, 1, 0))).isTrue();
  }

  @Test
  void rollingWindowsOnlyWhenTheirWholeWindowIsInside() {
    // r24h ending 2026-01-02 00:00 covers 2026-01-01; ending 01-01 12:00 reaches back into 2025
    assertThat(within("r24h", at(2026, 1, 2, 0))).isTrue();
    assertThat(within("r24h", at(2026, 1, 1, 12))).isFalse();
    assertThat(within("r30d", at(2026, 1, 31, 0))).isTrue();
    assertThat(within("r30d", at(2026, 1, 30, 0))).isFalse();
    assertThat(within("r12m", at(2027, 1, 1, 0))).isTrue();
    assertThat(within("r12m", at(2026, 12, 1, 0))).isFalse();
  }
}
