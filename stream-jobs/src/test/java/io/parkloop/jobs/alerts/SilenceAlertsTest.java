package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.REFERENCE;
import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static io.parkloop.jobs.alerts.TestReadings.meter;
import static io.parkloop.jobs.alerts.TestReadings.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.MeterReading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The silence rule in the operator harness: E1-ELEC is silent after 1 h without data. */
class SilenceAlertsTest {
  private static final Instant WALL_CLOCK = Instant.parse("2026-06-01T00:00:00Z");
  private AlertHarness<MeterReading> alerts;

  @BeforeEach
  void open() throws Exception {
    alerts = new AlertHarness<>(new SilenceAlerts(REFERENCE, AlertRules.defaults().silence(),
        Duration.ofHours(24).toMillis()), SilenceAlerts::device);
    alerts.clock(WALL_CLOCK);
  }

  @AfterEach
  void close() throws Exception {
    alerts.close();
  }

  private void elecAt(Instant... times) throws Exception {
    for (Instant time : times) {
      MeterReading reading = meter("E1-ELEC").at(time).value(1000);
      alerts.push(reading, reading.ts);
    }
  }

  /** Every quarter hour from {@code from} to {@code to}. */
  private void quarterHours(Instant from, Instant to) throws Exception {
    for (Instant t = from; !t.isAfter(to); t = t.plus(minutes(15))) {
      elecAt(t);
    }
  }

  @Test
  void theWatermarkPassingTheSpanOpensASilenceAndDataClosesIt() throws Exception {
    quarterHours(T0, T0.plus(hours(2)));
    alerts.watermark(T0.plus(hours(3)).minusMillis(1));
    assertThat(alerts.table()).isEmpty();

    alerts.watermark(T0.plus(hours(3)));
    AlertUpdate open = alerts.only();
    assertThat(open.openedAt).isEqualTo(T0.plus(hours(3)).toEpochMilli());
    assertThat(open.isOpen()).isTrue();
    assertThat(open.scopeType).isEqualTo("meter");
    assertThat(open.id).isEqualTo("silence:meter:E1-ELEC:-:20260301T030000");

    elecAt(T0.plus(hours(5)).plus(minutes(30)));

    AlertUpdate closed = alerts.only();
    assertThat(closed.id).isEqualTo(open.id);
    assertThat(closed.closedAt).isEqualTo(T0.plus(hours(5)).plus(minutes(30)).toEpochMilli());
    assertThat(closed.peakValue).as("hours without data").isEqualTo(3.5);
    assertThat(closed.limitValue).isEqualTo(1.0);
    assertThat(closed.evidence).containsExactly("last data 2026-03-01 02:00:00", "silent after 1 h without data",
        "data again 2026-03-01 05:30:00, 3.5 h after the last");
  }

  @Test
  void theWallClockOpensTheSameSilenceWhenNoEventMovesTheWatermark() throws Exception {
    quarterHours(T0, T0.plus(hours(2)));
    alerts.clock(WALL_CLOCK.plus(hours(1)).minusMillis(1));
    assertThat(alerts.table()).isEmpty();

    alerts.clock(WALL_CLOCK.plus(hours(1)));

    assertThat(alerts.only().id).isEqualTo("silence:meter:E1-ELEC:-:20260301T030000");
    assertThat(alerts.harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aSilenceTheLaterDataDoesNotBearOutIsWithdrawn() throws Exception {
    quarterHours(T0, T0.plus(hours(2)));
    alerts.clock(WALL_CLOCK.plus(hours(1)));
    String id = alerts.only().id;

    elecAt(T0.plus(hours(2)).plus(minutes(15))); // a gateway's backlog: the meter never was silent

    assertThat(alerts.table()).isEmpty();
    assertThat(alerts.published()).last().satisfies(update -> assertThat(update.withdrawn).isTrue())
        .extracting(update -> update.id).isEqualTo(id);
  }

  @Test
  void aLateReadingInsideAGapSplitsTheSilenceExactlyAsInOrder() throws Exception {
    elecAt(T0, T0.plus(hours(6)));
    AlertUpdate before = alerts.only();
    assertThat(before.openedAt).isEqualTo(T0.plus(hours(1)).toEpochMilli());

    elecAt(T0.plus(hours(3)));

    assertThat(alerts.table().values()).extracting(alert -> alert.openedAt, alert -> alert.closedAt).containsExactly(
        org.assertj.core.groups.Tuple.tuple(T0.plus(hours(1)).toEpochMilli(), T0.plus(hours(3)).toEpochMilli()),
        org.assertj.core.groups.Tuple.tuple(T0.plus(hours(4)).toEpochMilli(), T0.plus(hours(6)).toEpochMilli()));
    assertThat(alerts.published()).noneMatch(update -> update.withdrawn);
  }

  @Test
  void theEndOfABoundedInputIsNoSilence() throws Exception {
    quarterHours(T0, T0.plus(hours(2)));
    alerts.harness.processWatermark(Long.MAX_VALUE);

    assertThat(alerts.table()).isEmpty();
  }

  @Test
  void aMeterWithADailyIntervalIsNotSilentBetweenItsReadings() throws Exception {
    try (var daily = new AlertHarness<>(new SilenceAlerts(io.parkloop.reference.ReferenceLoader.parse("daily.yaml", """
        parks:
          - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        enterprises:
          - {id: E1, park: SIP}
        meters:
          - {id: E1-COAL, enterprise: E1, medium: raw_coal, reading: interval, unit: t, interval: 1d}
        """), AlertRules.defaults().silence(), Duration.ofHours(24).toMillis()), SilenceAlerts::device)) {
      for (int day = 0; day < 3; day++) {
        MeterReading reading = meter("E1-COAL").at(T0.plus(Duration.ofDays(day))).value(12);
        daily.push(reading, reading.ts);
      }
      daily.watermark(T0.plus(Duration.ofDays(3)));

      assertThat(daily.table()).isEmpty();
    }
  }
}
