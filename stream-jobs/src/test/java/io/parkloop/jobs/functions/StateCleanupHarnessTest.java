package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Operator harness tests: what the keyed functions keep, and that they let go of it in time. */
class StateCleanupHarnessTest {
  private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = Periods.HOUR;
  private static final long MAX_AGE = 24 * HOUR;
  private static final long RETENTION = 48 * HOUR;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("h.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: M, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """);

  @Test
  void aSumForgetsItsPeriodOnceTheRetentionHasPassed() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new SumOfParts(RETENTION)), IndicatorPart::rowKey, Types.STRING)) {
      harness.open();
      harness.processElement(new StreamRecord<>(part("M1", 5_000_000), T0));
      harness.processElement(new StreamRecord<>(part("M2", 2_000_000), T0));
      harness.processElement(new StreamRecord<>(part("M1", 6_000_000), T0));

      assertThat(harness.extractOutputValues()).extracting(row -> ((IndicatorRow) row).value).containsExactly(5.0, 7.0, 8.0);
      assertThat(harness.numEventTimeTimers()).isEqualTo(1);

      harness.processWatermark(T0 + HOUR + RETENTION - 1);
      assertThat(harness.numKeyedStateEntries()).isPositive();
      harness.processWatermark(T0 + HOUR + RETENTION);

      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
      // a part after that would overwrite the total with a partial one: it goes to the side instead
      harness.processElement(new StreamRecord<>(part("M3", 1_000_000), T0));
      assertThat(harness.getSideOutput(SumOfParts.TOO_LATE)).hasSize(1);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void rollingHoursAreForgottenOnceTheirLastWindowCanNoLongerChangeWhileMonthsStayForStatistics() throws Exception {
    long statisticsRetention = 400 * 24 * HOUR;
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new RollingSums(new PeriodRetention(RETENTION, statisticsRetention))),
        RollingSums::key, Types.STRING)) {
      harness.open();
      for (int h = 0; h < 3; h++) {
        harness.processElement(new StreamRecord<>(
            new IndicatorRow("park", "SIP", "hour", T0 + h * HOUR, "energy_tce", "tce", 1.0 + h), T0 + h * HOUR));
      }
      // the window ending after each hour, up to the newest seen: 1, 1 + 2, 1 + 2 + 3
      assertThat(harness.extractOutputValues()).extracting(row -> ((IndicatorRow) row).value)
          .containsExactly(1.0, 3.0, 6.0);
      assertThat(harness.numEventTimeTimers()).isEqualTo(3);

      // the first hour is in windows up to the one ending 24 hours after it starts; it may change for 48 hours more
      harness.processWatermark(T0 + 24 * HOUR + RETENTION - 1);
      assertThat(harness.numEventTimeTimers()).isEqualTo(3);
      harness.processWatermark(T0 + 24 * HOUR + RETENTION);
      assertThat(harness.numEventTimeTimers()).isEqualTo(2);
      harness.processWatermark(T0 + 26 * HOUR + RETENTION);
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();

      long march = PeriodType.MONTH.start(T0);
      harness.processElement(new StreamRecord<>(new IndicatorRow("park", "SIP", "month", march, "value_added_10k_cny",
          "10k CNY", 2_708), march));
      harness.processWatermark(PeriodType.MONTH.end(march) + RETENTION);
      assertThat(harness.numKeyedStateEntries()).as("months wait for late statistics").isPositive();
    }
  }

  @Test
  void theNewestExpiredPeriodIsTheOneWhoseLastWindowEndsByTheInstant() {
    long day = PeriodType.DAY.start(T0);
    // r30d: a day is in the windows ending up to 30 days after its start
    assertThat(RollingSums.newestExpiredStart(PeriodType.DAY, day + 30 * 24 * HOUR)).isEqualTo(day);
    assertThat(RollingSums.newestExpiredStart(PeriodType.DAY, day + 30 * 24 * HOUR - 1)).isEqualTo(day - 24 * HOUR);
    long january = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli(); // 2026-01-01 in Shanghai
    assertThat(RollingSums.newestExpiredStart(PeriodType.MONTH, Instant.parse("2026-12-31T16:00:00Z").toEpochMilli()))
        .isEqualTo(january);
  }

  @Test
  void aMeterKeepsOnlyTheReadingsOpenHoursNeedAndNoTimers() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MeterConsumption(REFERENCE, MAX_AGE, RETENTION)),
        (MeterReading r) -> r.meter, Types.STRING)) {
      harness.open();
      for (int quarter = 0; quarter < 4 * 24; quarter++) {
        long t = T0 + quarter * HOUR / 4;
        harness.processElement(new StreamRecord<>(new MeterReading("M", t, 100.0 * quarter, t), t));
      }
      assertThat(harness.extractOutputValues()).isNotEmpty().allSatisfy(hour -> assertThat(((MeterHour) hour).quantity)
          .isBetween(0.0, 400.0));
      assertThat(harness.numEventTimeTimers()).isEqualTo(24);

      harness.processWatermark(T0 + 30 * 24 * HOUR);

      assertThat(harness.numEventTimeTimers()).isZero();
      // one state entry: the history, pruned to the last reading that a later one will start from
      assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
      harness.processElement(new StreamRecord<>(new MeterReading("M", T0 + HOUR, 1, T0), T0 + HOUR));
      assertThat(harness.getSideOutput(MeterConsumption.LATE)).hasSize(1);
    }
  }

  private static IndicatorPart part(String partId, long micros) {
    return new IndicatorPart("enterprise", "E1", "hour", T0, "electricity_kwh", "kWh", partId, micros);
  }
}
