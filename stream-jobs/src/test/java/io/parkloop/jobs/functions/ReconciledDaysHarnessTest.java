package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.DayCorrection;
import io.parkloop.jobs.records.IndicatorRow;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** One day row of the live job meeting reconcile's corrections, in the orders they can meet in. */
class ReconciledDaysHarnessTest {
  private static final long DAY = 86_400_000L;
  // 2026-03-01 00:00 in Shanghai
  private static final long D = Instant.parse("2026-02-28T16:00:00Z").toEpochMilli();
  private static final long RETENTION = 400 * DAY;

  private static StreamRecord<IndicatorRow> live(double kwh) {
    return new StreamRecord<>(new IndicatorRow("park", "SIP", "day", D, "electricity_kwh", "kWh", kwh));
  }

  private static StreamRecord<DayCorrection> correction(double kwh, double lateEffect) {
    return new StreamRecord<>(new DayCorrection("park", "SIP", D, "electricity_kwh", "kWh", kwh, lateEffect));
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, IndicatorRow, DayCorrection, IndicatorRow> harness()
      throws Exception {
    var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
        new ReconciledDays(RETENTION)), IndicatorRow::key, DayCorrection::rowKey, Types.STRING);
    harness.open();
    return harness;
  }

  @Test
  void theLiveJobsLaterTotalsKeepWhatTheLateReadingsAdd() throws Exception {
    try (var harness = harness()) {
      harness.processElement1(live(1_000));
      harness.processElement2(correction(1_150, 150));
      // live data for the same day keeps coming: another 40 kWh
      harness.processElement1(live(1_040));
      // a second reconciliation recomputed the day whole: the late readings now add 180, not 150 + 180
      harness.processElement2(correction(1_220, 180));

      assertThat(harness.extractOutputValues()).extracting(row -> row.value)
          .containsExactly(1_000.0, 1_150.0, 1_190.0, 1_220.0);
    }
  }

  @Test
  void aCorrectionBeforeAnyLiveTotalIsTheDaysValueUntilOneComes() throws Exception {
    try (var harness = harness()) {
      harness.processElement2(correction(1_150, 150));
      harness.processElement1(live(1_000));

      assertThat(harness.extractOutputValues()).extracting(row -> row.value).containsExactly(1_150.0, 1_150.0);
    }
  }

  @Test
  void theDayIsForgottenWithItsMonthAndALaterCorrectionPassesThrough() throws Exception {
    try (var harness = harness()) {
      harness.processElement1(live(1_000));
      harness.processElement2(correction(1_150, 150));
      harness.processBothWatermarks(new Watermark(D + DAY + RETENTION));
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();

      harness.processElement2(correction(1_300, 300));
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.extractOutputValues()).extracting(row -> row.value).containsExactly(1_000.0, 1_150.0, 1_300.0);
    }
  }
}
