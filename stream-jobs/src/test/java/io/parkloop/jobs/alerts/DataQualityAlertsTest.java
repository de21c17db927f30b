package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.REFERENCE;
import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static io.parkloop.jobs.alerts.TestReadings.meter;
import static io.parkloop.jobs.alerts.TestReadings.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.MeterReading;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data-quality rule in the operator harness. */
class DataQualityAlertsTest {
  private static final Duration MAX_AGE = Duration.ofHours(24);
  private AlertHarness<MeterReading> alerts;

  @BeforeEach
  void open() throws Exception {
    alerts = new AlertHarness<>(new DataQualityAlerts(REFERENCE, AlertRules.defaults().quality(), MAX_AGE.toMillis()),
        reading -> reading.meter);
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

  private static MeterReading elec(long minute, double kWh) {
    return meter("E1-ELEC").at(T0.plus(minutes(minute))).value(kWh);
  }

  @Test
  void aCounterThatGoesDownWithoutARolloverIsAReset() throws Exception {
    send(elec(0, 1_000), elec(15, 1_200), elec(30, 40));

    AlertUpdate alert = alerts.only();
    assertThat(alert.kind).isEqualTo(AlertUpdate.DATA_QUALITY);
    assertThat(alert.factor).isEqualTo(QualityChecks.COUNTER_RESET);
    assertThat(alert.openedAt).isEqualTo(T0.plus(minutes(30)).toEpochMilli()).isEqualTo(alert.closedAt);
    assertThat(alert.severity).isEqualTo(AlertUpdate.WARNING);
    assertThat(alert.evidence).containsExactly("counter went down from 1200 kWh at 2026-03-01 00:15:00 to 40 kWh"
        + " at 2026-03-01 00:30:00 without a rollover");
  }

  @Test
  void aLateReadingMovesTheResetToWhereItHappened() throws Exception {
    send(elec(0, 1_000), elec(30, 50));
    String before = alerts.only().id;

    send(elec(15, 40)); // 1000 → 40 → 50: the reset was at 00:15, and 00:30 is fine

    assertThat(alerts.only().openedAt).isEqualTo(T0.plus(minutes(15)).toEpochMilli());
    assertThat(alerts.published()).filteredOn(update -> update.withdrawn).extracting(update -> update.id)
        .containsExactly(before);
  }

  @Test
  void anIntervalMetersNegativeValueIsFlagged() throws Exception {
    send(meter("E1-STM").at(T0.plus(hours(1))).value(3), meter("E1-STM").at(T0.plus(hours(2))).value(-1.5));

    AlertUpdate alert = alerts.only();
    assertThat(alert.factor).isEqualTo(QualityChecks.NEGATIVE_VALUE);
    assertThat(alert.peakValue).isEqualTo(-1.5);
  }

  @Test
  void aRateBeyondTheMediumsPlausibleMaximumIsFlaggedWithItsEvidence() throws Exception {
    send(elec(0, 1_000), elec(15, 1_000 + 500_000));

    AlertUpdate alert = alerts.only();
    assertThat(alert.factor).isEqualTo(QualityChecks.IMPLAUSIBLE_RATE);
    assertThat(alert.peakValue).isEqualTo(2_000_000.0);
    assertThat(alert.limitValue).isEqualTo(1_000_000.0);
    assertThat(alert.evidence).containsExactly("500000 kWh in 0.25 h up to 2026-03-01 00:15:00 = 2000000 kWh/h,"
        + " above the plausible 1000000 kWh/h");
  }

  @Test
  void readingsAndFindingsOlderThanTheLatenessAreLetGo() throws Exception {
    for (int quarter = 0; quarter < 4 * 24; quarter++) {
      send(elec(15L * quarter, quarter == 50 ? 0 : 1_000 + quarter));
    }
    assertThat(alerts.table()).hasSize(1);

    alerts.watermark(T0.plus(hours(24)).plus(MAX_AGE).plus(hours(1)));

    assertThat(alerts.harness.numEventTimeTimers()).isZero();
    // what is left: the history pruned to the readings a later one will be compared with
    assertThat(alerts.harness.numKeyedStateEntries()).isEqualTo(1);
    send(elec(60, 5)); // older than the lateness: not checked again, nothing withdrawn or raised
    assertThat(alerts.published()).hasSize(1);
  }
}
