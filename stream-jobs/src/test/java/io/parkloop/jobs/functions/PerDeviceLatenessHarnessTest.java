package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A gateway and an analyser come back after 72 hours offline and flush their backlog while
 * another meter has moved the job's event time on: the backlog counts, what it needs is kept, and
 * let go once the maximum age has passed.
 */
class PerDeviceLatenessHarnessTest {
  private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = Periods.HOUR;
  private static final long MAX_AGE = 7 * 24 * HOUR;
  private static final long RETENTION = 8 * 24 * HOUR;
  private static final int OFFLINE_HOURS = 72;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("d.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: LIVE, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: GW, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      outlets:
        - {id: E1-WW1, enterprise: E1, type: water, mn: "88888880000001"}
      """);

  private static StreamRecord<MeterReading> meter(String id, long ts, double value) {
    return new StreamRecord<>(new MeterReading(id, ts, value, ts), ts);
  }

  @Test
  void aGatewaysBacklogCountsFullyAndItsHistoryGoesOnceTheMaximumAgeHasPassed() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MeterConsumption(REFERENCE, MAX_AGE, RETENTION)),
        (MeterReading r) -> r.meter, Types.STRING)) {
      harness.open();
      harness.processElement(meter("GW", T0, 1_000));
      for (int hour = 0; hour <= OFFLINE_HOURS + 2; hour++) {
        harness.processElement(meter("LIVE", T0 + hour * HOUR, 10.0 * hour));
      }
      harness.processWatermark(T0 + (OFFLINE_HOURS + 2) * HOUR);
      harness.getOutput().clear();
      // the backlog: 50 kWh an hour for the 72 hours the gateway was offline
      for (int hour = 1; hour <= OFFLINE_HOURS; hour++) {
        harness.processElement(meter("GW", T0 + hour * HOUR, 1_000 + 50.0 * hour));
      }

      assertThat(harness.getSideOutput(MeterConsumption.LATE)).isNull();
      List<MeterHour> gateway = harness.extractOutputValues().stream().map(MeterHour.class::cast)
          .filter(hour -> hour.meter.equals("GW")).toList();
      assertThat(gateway).extracting(hour -> hour.hourStart).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, OFFLINE_HOURS).mapToObj(hour -> T0 + hour * HOUR).toList());
      assertThat(gateway).allSatisfy(hour -> assertThat(hour.quantity).isEqualTo(50.0));
      assertThat(harness.numEventTimeTimers()).as("one pruning timer per hour and meter").isEqualTo(
          (OFFLINE_HOURS + 3) + (OFFLINE_HOURS + 1));

      harness.processWatermark(T0 + (OFFLINE_HOURS + 3) * HOUR + RETENTION);
      assertThat(harness.numEventTimeTimers()).isZero();
      // per meter only the last reading a later one would start from
      assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

      // beyond the maximum age of the job's event time: late, kept aside and counted
      harness.processElement(meter("GW", T0 + OFFLINE_HOURS * HOUR + HOUR / 2, 1_000 + 50.0 * OFFLINE_HOURS + 25));
      assertThat(harness.getSideOutput(MeterConsumption.LATE)).hasSize(1);
    }
  }

  @Test
  void anAnalysersBacklogCountsFullyAndItsHoursGoOnceTheMaximumAgeHasPassed() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new OutletLoads(REFERENCE, MAX_AGE, RETENTION)), OutletLoads::key, Types.STRING)) {
      harness.open();
      harness.processWatermark(T0 + (OFFLINE_HOURS + 2) * HOUR);
      for (int hour = 0; hour < OFFLINE_HOURS; hour++) {
        long ts = T0 + hour * HOUR;
        harness.processElement(new StreamRecord<>(MeterReading.outlet("E1-WW1", ts, "w01018", "Cou", 0.5, "N", "hour",
            ts), ts));
      }

      assertThat(harness.getSideOutput(MeterConsumption.LATE)).isNull();
      assertThat(harness.extractOutputValues()).hasSize(OFFLINE_HOURS)
          .allSatisfy(part -> assertThat(((IndicatorPart) part).micros).isEqualTo(500_000L));
      assertThat(harness.numEventTimeTimers()).isEqualTo(OFFLINE_HOURS);

      harness.processWatermark(T0 + OFFLINE_HOURS * HOUR + RETENTION);
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void beforeTheFirstWatermarkALateReadingIsLateAgainstItsDevicesNewest() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MeterConsumption(REFERENCE, MAX_AGE, RETENTION)),
        (MeterReading r) -> r.meter, Types.STRING)) {
      harness.open();
      harness.processElement(meter("GW", T0 + MAX_AGE + HOUR, 2_000));
      harness.processElement(meter("GW", T0, 1_000));

      // the late_reading table needs an instant: never the job's "no watermark yet"
      assertThat(harness.getSideOutput(MeterConsumption.LATE)).extracting(late -> late.getValue().watermark)
          .containsExactly(T0 + MAX_AGE + HOUR);
    }
  }
}
