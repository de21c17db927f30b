package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.REFERENCE;
import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.IndicatorPart;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The permit rule in the operator harness: E2 may discharge 1 t of COD a year. */
class PermitAlertsTest {
  private static final long RETENTION = Duration.ofHours(48).toMillis();
  private static final AlertRules.Permit NO_PACE = new AlertRules.Permit(0.9, Duration.ofDays(400));
  /** 2027-01-01 00:00 in Shanghai. */
  private static final Instant NEW_YEAR = Instant.parse("2026-12-31T16:00:00Z");

  private static AlertHarness<IndicatorPart> harness(AlertRules.Permit rule) throws Exception {
    return new AlertHarness<>(new PermitAlerts(REFERENCE, rule, RETENTION), PermitAlerts::key);
  }

  /** The outlet's COD load of one hour, as {@code OutletLoads} emits it. */
  private static IndicatorPart codLoad(String enterprise, Instant hour, double kg) {
    return new IndicatorPart("enterprise", enterprise, "hour", hour.toEpochMilli(), "cod_kg", "kg", "E2-WW1",
        IndicatorPart.toMicros(kg));
  }

  private static void send(AlertHarness<IndicatorPart> alerts, IndicatorPart... parts) throws Exception {
    for (IndicatorPart part : parts) {
      alerts.push(part, part.periodStart);
    }
  }

  @Test
  void ninetyPercentWarnsAndAHundredIsCriticalInOneAlertWhoseSeverityRises() throws Exception {
    try (var alerts = harness(NO_PACE)) {
      for (int hour = 0; hour < 8; hour++) {
        send(alerts, codLoad("E2", T0.plus(hours(hour)), 100));
      }
      assertThat(alerts.table()).isEmpty();

      send(alerts, codLoad("E2", T0.plus(hours(8)), 100));
      AlertUpdate warning = alerts.only();
      assertThat(warning.severity).isEqualTo(AlertUpdate.WARNING);
      assertThat(warning.openedAt).as("the end of the hour that reached 90 %")
          .isEqualTo(T0.plus(hours(9)).toEpochMilli());

      send(alerts, codLoad("E2", T0.plus(hours(9)), 100), codLoad("E2", T0.plus(hours(10)), 100));
      AlertUpdate critical = alerts.only();
      assertThat(critical.id).isEqualTo(warning.id).isEqualTo("permit:enterprise:E2:w01018:20260301T090000");
      assertThat(critical.severity).isEqualTo(AlertUpdate.CRITICAL);
      assertThat(critical.peakValue).isEqualTo(1100.0);
      assertThat(critical.limitValue).isEqualTo(1000.0);
      assertThat(critical.isOpen()).isTrue();
      assertThat(critical.evidence).containsExactly(
          "2026-03-01 09:00:00 year to date 900 kg = 90 % of the permitted 1000 kg",
          "2026-03-01 10:00:00 year to date 1000 kg reached the permitted 1000 kg");
      assertThat(alerts.published()).extracting(update -> update.severity)
          .containsExactly("warning", "critical", "critical");
    }
  }

  @Test
  void beingOnPaceToExceedThePermitWarnsBeforeNinetyPercent() throws Exception {
    try (var alerts = harness(AlertRules.defaults().permit())) {
      // 59 days of the year gone (16 %): 200 kg project to about 1,240 kg
      send(alerts, codLoad("E2", T0, 120), codLoad("E2", T0.plus(hours(1)), 80));

      AlertUpdate warning = alerts.only();
      assertThat(warning.severity).isEqualTo(AlertUpdate.WARNING);
      assertThat(warning.openedAt).isEqualTo(T0.plus(hours(2)).toEpochMilli());
      assertThat(warning.evidence[0]).startsWith("2026-03-01 02:00:00 on pace for 123").contains("200 kg with 16.1");
    }
  }

  @Test
  void thePaceOfTheDocsExample() {
    long year = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();
    long lastHourOfJune = Instant.parse("2026-06-30T15:00:00Z").toEpochMilli();

    PermitProgress.Standing standing = PermitProgress.evaluate(new java.util.TreeMap<>(
        java.util.Map.of(lastHourOfJune, 6_200_000_000L)), 12_000, year, AlertRules.defaults().permit());

    assertThat(standing.evidence()).containsExactly("2026-07-01 00:00:00 on pace for 12502.8 kg this year: 6200 kg"
        + " with 49.589 % of the year gone, permitted 12000 kg");
  }

  @Test
  void aLateHourCountsInTimeOrderAndOpensTheAlertWhenItWasReached() throws Exception {
    try (var alerts = harness(NO_PACE)) {
      send(alerts, codLoad("E2", T0.plus(hours(5)), 300), codLoad("E2", T0.plus(hours(6)), 300));
      assertThat(alerts.table()).isEmpty();

      // late: with it the 90 % were reached by the end of 05:00-06:00, not only now
      send(alerts, codLoad("E2", T0.plus(hours(1)), 600));

      assertThat(alerts.only().openedAt).isEqualTo(T0.plus(hours(6)).toEpochMilli());
      assertThat(alerts.published()).noneMatch(update -> update.withdrawn);
    }
  }

  @Test
  void aCorrectionBelowNinetyPercentWithdrawsTheWarning() throws Exception {
    try (var alerts = harness(NO_PACE)) {
      send(alerts, codLoad("E2", T0, 950));
      String id = alerts.only().id;

      send(alerts, codLoad("E2", T0, 500)); // the same outlet-hour, recomputed from corrected data

      assertThat(alerts.table()).isEmpty();
      assertThat(alerts.published()).last().satisfies(update -> {
        assertThat(update.withdrawn).isTrue();
        assertThat(update.id).isEqualTo(id);
      });
    }
  }

  @Test
  void theAlertClosesWithTheYearAndTheYearIsForgottenAfterTheRetention() throws Exception {
    try (var alerts = harness(NO_PACE)) {
      send(alerts, codLoad("E2", T0, 950), codLoad("E1", T0, 5_000));
      alerts.watermark(NEW_YEAR);

      assertThat(alerts.only().closedAt).isEqualTo(NEW_YEAR.toEpochMilli());
      assertThat(alerts.only().scopeId).as("E1 has no permit").isEqualTo("E2");

      alerts.watermark(NEW_YEAR.plusMillis(RETENTION));
      assertThat(alerts.harness.numKeyedStateEntries()).isZero();
      assertThat(alerts.harness.numEventTimeTimers()).isZero();
      send(alerts, codLoad("E2", T0.plus(hours(1)), 10)); // too late for 2026: no partial year raised again
      assertThat(alerts.harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void theEndOfABoundedInputDoesNotCloseTheYear() throws Exception {
    try (var alerts = harness(NO_PACE)) {
      send(alerts, codLoad("E2", T0, 950));
      alerts.harness.processWatermark(Long.MAX_VALUE);

      assertThat(alerts.only().isOpen()).isTrue();
    }
  }
}
