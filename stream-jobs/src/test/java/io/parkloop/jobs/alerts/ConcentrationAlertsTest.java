package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.COD;
import static io.parkloop.jobs.alerts.TestReadings.OUTLET;
import static io.parkloop.jobs.alerts.TestReadings.REFERENCE;
import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hourly;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static io.parkloop.jobs.alerts.TestReadings.minutely;
import static io.parkloop.jobs.alerts.TestReadings.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.MeterReading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The concentration rule in the operator harness: one alert per episode, late data, state let go of. */
class ConcentrationAlertsTest {
  private static final Duration MAX_AGE = Duration.ofHours(24);
  private AlertHarness<MeterReading> alerts;

  @BeforeEach
  void open() throws Exception {
    alerts = new AlertHarness<>(new ConcentrationAlerts(REFERENCE, AlertRules.defaults().concentration(),
        MAX_AGE.toMillis()), ConcentrationAlerts::key);
  }

  @AfterEach
  void close() throws Exception {
    alerts.close();
  }

  private void send(MeterReading... readings) throws Exception {
    for (MeterReading reading : readings) {
      alerts.push(reading, reading.ts);
    }
  }

  private static MeterReading codHour(long hour, double mgPerL) {
    return hourly(OUTLET, COD).at(T0.plus(hours(hour))).value(mgPerL);
  }

  private static MeterReading codMinute(Instant at, double mgPerL) {
    return minutely(OUTLET, COD).at(at).value(mgPerL);
  }

  @Test
  void aValueOscillatingAroundTheLimitForTenHoursOpensExactlyOneAlert() throws Exception {
    // limit 50, calm at or below 45; 44 is calm once, never twice in a row
    double[] oscillating = {52, 47, 55, 44, 51, 48, 53, 46, 54, 49};
    for (int hour = 0; hour < oscillating.length; hour++) {
      send(codHour(hour, oscillating[hour]));
      alerts.watermark(T0.plus(hours(hour)));
    }
    assertThat(alerts.only().isOpen()).isTrue();

    send(codHour(10, 40), codHour(11, 38));

    AlertUpdate alert = alerts.only();
    assertThat(alerts.published()).noneMatch(update -> update.withdrawn)
        .extracting(update -> update.id).containsOnly(alert.id);
    assertThat(alert.openedAt).isEqualTo(T0.toEpochMilli());
    assertThat(alert.closedAt).as("the end of the second calm hour").isEqualTo(T0.plus(hours(12)).toEpochMilli());
    assertThat(alert.peakValue).isEqualTo(55.0);
    assertThat(alert.limitValue).isEqualTo(50.0);
    assertThat(alert.severity).isEqualTo(AlertUpdate.CRITICAL);
    assertThat(alert.id).isEqualTo("concentration:outlet:E2-WW1:w01018:20260301T000000");
    assertThat(alert.evidence).containsExactly(
        "2026-03-01 00:00:00 hourly w01018 52 mg/L > limit 50",
        "peak 2026-03-01 02:00:00 hourly w01018 55 mg/L",
        "2026-03-01 10:00:00 hourly w01018 40 mg/L <= 45",
        "2026-03-01 11:00:00 hourly w01018 38 mg/L <= 45");
  }

  @Test
  void theExampleOfTheDocsIsOneAlertFromEightToTwo() throws Exception {
    send(codHour(7, 38), codHour(8, 55), codHour(9, 72.5), codHour(10, 47), codHour(11, 52), codHour(13, 40),
        codHour(14, 39));
    assertThat(alerts.only().closedAt).as("13:00 and 14:00 calm").isEqualTo(T0.plus(hours(15)).toEpochMilli());

    send(codHour(12, 41)); // late

    AlertUpdate alert = alerts.only();
    assertThat(alert.closedAt).as("12:00 and 13:00 calm").isEqualTo(T0.plus(hours(14)).toEpochMilli());
    assertThat(alert.evidence).containsExactly(
        "2026-03-01 08:00:00 hourly w01018 55 mg/L > limit 50",
        "peak 2026-03-01 09:00:00 hourly w01018 72.5 mg/L",
        "2026-03-01 12:00:00 hourly w01018 41 mg/L <= 45",
        "2026-03-01 13:00:00 hourly w01018 40 mg/L <= 45");
  }

  @Test
  void anEpisodeCrossingMidnightIsOneAlert() throws Exception {
    send(codHour(20, 30), codHour(21, 30), codHour(22, 61), codHour(23, 65), codHour(24, 58), codHour(25, 40),
        codHour(26, 41), codHour(27, 30));

    AlertUpdate alert = alerts.only();
    assertThat(alert.openedAt).isEqualTo(T0.plus(hours(22)).toEpochMilli());
    assertThat(alert.closedAt).isEqualTo(T0.plus(hours(27)).toEpochMilli());
    assertThat(alert.peakValue).isEqualTo(65.0);
  }

  @Test
  void aLateValueThatCompletesARowOpensTheEpisodeWhereTheRowBegan() throws Exception {
    Instant ten = T0.plus(hours(10));
    // four minutes over the limit with 10:02 missing, then calm: no row of five, no alert
    send(codMinute(ten, 60), codMinute(ten.plus(minutes(1)), 61), codMinute(ten.plus(minutes(3)), 62),
        codMinute(ten.plus(minutes(4)), 63), codMinute(ten.plus(minutes(5)), 40), codMinute(ten.plus(minutes(6)), 41));
    alerts.watermark(ten.plus(minutes(30)));
    assertThat(alerts.table()).isEmpty();

    send(codMinute(ten.plus(minutes(2)), 64));

    AlertUpdate alert = alerts.only();
    assertThat(alert.openedAt).isEqualTo(ten.toEpochMilli());
    assertThat(alert.closedAt).as("the end of the second calm minute").isEqualTo(ten.plus(minutes(7)).toEpochMilli());
    assertThat(alert.peakValue).isEqualTo(64.0);
    assertThat(alert.evidence).hasSize(7);
    assertThat(alert.evidence[0]).isEqualTo("2026-03-01 10:00:00 minute w01018 60 mg/L > limit 50");
  }

  @Test
  void aLateValueInsideTheCalmMergesTwoEpisodesAndWithdrawsTheSecond() throws Exception {
    send(codHour(10, 60), codHour(11, 40), codHour(13, 40), codHour(14, 70), codHour(15, 40), codHour(16, 40));
    assertThat(alerts.table()).hasSize(2);
    String second =
        AlertUpdate.idOf(AlertUpdate.CONCENTRATION, "outlet", OUTLET, COD, T0.plus(hours(14)).toEpochMilli());
    alerts.watermark(T0.plus(hours(18)));

    send(codHour(12, 47)); // in the hysteresis band: 11:00 and 13:00 are no longer two calm hours in a row

    AlertUpdate alert = alerts.only();
    assertThat(alert.openedAt).isEqualTo(T0.plus(hours(10)).toEpochMilli());
    assertThat(alert.closedAt).isEqualTo(T0.plus(hours(17)).toEpochMilli());
    assertThat(alert.peakValue).isEqualTo(70.0);
    assertThat(alerts.published()).filteredOn(update -> update.withdrawn).extracting(update -> update.id)
        .containsExactly(second);
  }

  @Test
  void calmMinutesDoNotCloseAnEpisodeWhileTheHourlyAveragesExceed() throws Exception {
    Instant ten = T0.plus(hours(10));
    for (int minute = 0; minute < 5; minute++) {
      send(codMinute(ten.plus(minutes(minute)), 70));
    }
    send(codHour(10, 62)); // the hour's average, known at 11:00
    for (int minute = 0; minute < 10; minute++) {
      send(codMinute(ten.plus(hours(1)).plus(minutes(minute)), 30));
    }
    assertThat(alerts.only().isOpen()).isTrue();

    send(codHour(11, 31), codHour(12, 30));

    AlertUpdate alert = alerts.only();
    assertThat(alert.openedAt).isEqualTo(ten.toEpochMilli());
    assertThat(alert.closedAt).isEqualTo(T0.plus(hours(13)).toEpochMilli());
  }

  @Test
  void onlyRealTimeMinuteAndHourlyConcentrationsFlaggedNormalCount() {
    assertThat(ConcentrationAlerts.counts(hourly(OUTLET, COD).value(60))).isTrue();
    assertThat(ConcentrationAlerts.counts(hourly(OUTLET, COD).flag(null).value(60)))
        .as("old analysers send no flag").isTrue();
    assertThat(ConcentrationAlerts.counts(hourly(OUTLET, COD).flag("D").value(60))).isFalse();
    assertThat(ConcentrationAlerts.counts(hourly(OUTLET, COD).flag("M").value(60))).isFalse();
    assertThat(ConcentrationAlerts.counts(MeterReading.outlet(OUTLET, 0, COD, "Cou", 60, "N", "hour", 0))).isFalse();
    assertThat(ConcentrationAlerts.counts(MeterReading.outlet(OUTLET, 0, COD, "Avg", 60, "N", "day", 0))).isFalse();
    assertThat(ConcentrationAlerts.counts(MeterReading.outlet(OUTLET, 0, COD, "Rtd", 60, "N", "realtime", 0))).isTrue();
  }

  @Test
  void theStateIsClearedOnceAClosedEpisodeIsOlderThanTheLateness() throws Exception {
    send(codHour(0, 30), codHour(1, 80), codHour(2, 20), codHour(3, 20));
    assertThat(alerts.only().closedAt).isEqualTo(T0.plus(hours(4)).toEpochMilli());
    assertThat(alerts.harness.numKeyedStateEntries()).isPositive();
    assertThat(alerts.harness.numEventTimeTimers()).isPositive();

    alerts.watermark(T0.plus(hours(4)).plus(MAX_AGE).plus(hours(2)));

    assertThat(alerts.harness.numKeyedStateEntries()).isZero();
    assertThat(alerts.harness.numEventTimeTimers()).isZero();
    assertThat(alerts.published()).noneMatch(update -> update.withdrawn);
  }

  @Test
  void anOpenEpisodeOutlivesTheLatenessAndStillClosesWithTheSameId() throws Exception {
    send(codHour(0, 80), codHour(1, 75));
    String id = alerts.only().id;
    alerts.watermark(T0.plus(hours(60)));

    send(codHour(61, 90), codHour(62, 20), codHour(63, 20));

    assertThat(alerts.only().id).isEqualTo(id);
    assertThat(alerts.only().peakValue).isEqualTo(90.0);
    assertThat(alerts.only().closedAt).isEqualTo(T0.plus(hours(64)).toEpochMilli());
  }
}
