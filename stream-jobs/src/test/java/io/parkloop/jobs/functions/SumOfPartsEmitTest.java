package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** How often {@link SumOfParts} passes a changing row on: by its freshness tier, always with its latest total. */
class SumOfPartsEmitTest {
  private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long RETENTION = 48 * Periods.HOUR;
  private static final long WATCHED = 200;
  private static final long WIDER = 2_000;

  @Test
  void aWatchedRowPassesOnItsLatestTotalOncePerWatchedInterval() throws Exception {
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(part("enterprise", "E1", "hour", "M1", 5_000_000));
      harness.processElement(part("enterprise", "E1", "hour", "M2", 2_000_000));
      harness.setProcessingTime(1_199);
      assertThat(values(harness)).isEmpty();

      harness.setProcessingTime(1_200);
      assertThat(values(harness)).containsExactly(7.0);
      harness.processElement(part("enterprise", "E1", "hour", "M1", 6_000_000));
      harness.setProcessingTime(1_400);
      assertThat(values(harness)).containsExactly(7.0, 8.0);
    }
  }

  @Test
  void aWiderRowWaitsForTheWiderIntervalAndAParkDayDoesNot() throws Exception {
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(part("province", "江苏", "hour", "E1", 5_000_000));
      harness.processElement(part("park", "SIP", "month", "d1", 3_000_000));
      harness.processElement(part("park", "SIP", "day", "E1", 1_000_000));
      harness.setProcessingTime(1_200);
      assertThat(values(harness)).containsExactly(1.0);

      harness.processElement(part("province", "江苏", "hour", "E2", 4_000_000));
      harness.setProcessingTime(1_999);
      assertThat(values(harness)).containsExactly(1.0);
      harness.setProcessingTime(2_000);
      assertThat(values(harness)).containsExactlyInAnyOrder(1.0, 9.0, 3.0);
    }
  }

  @Test
  void aPendingRowIsPassedOnWhenItsPeriodCloses() throws Exception {
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(part("province", "江苏", "hour", "E1", 5_000_000));
      harness.processWatermark(T0 + Periods.HOUR + RETENTION);
      assertThat(values(harness)).containsExactly(5.0);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, IndicatorPart, IndicatorRow> harness() throws Exception {
    var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new SumOfParts(RETENTION, WATCHED, WIDER)), IndicatorPart::rowKey, Types.STRING);
    harness.open();
    return harness;
  }

  private static StreamRecord<IndicatorPart> part(String scopeType, String scopeId, String periodType, String partId,
      long micros) {
    return new StreamRecord<>(new IndicatorPart(scopeType, scopeId, periodType, T0, "electricity_kwh", "kWh", partId,
        micros));
  }

  private static List<Double> values(
      KeyedOneInputStreamOperatorTestHarness<String, IndicatorPart, IndicatorRow> harness) {
    return harness.extractOutputValues().stream().map(row -> row.value).toList();
  }
}
