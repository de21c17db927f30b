package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** An outlet's hourly data: loads with and without the analyser's {@code -Cou}, and data beyond the maximum age kept aside. */
class OutletLoadsTest {
  private static final long HOUR = Periods.HOUR;
  private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long MAX_AGE = 24 * HOUR;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("o.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      outlets:
        - {id: E1-WW1, enterprise: E1, type: water, mn: "88888880000001", limits_mg_per_l: {w01018: 50}}
      """);

  private static MeterReading value(long hour, String factor, String kind, double value) {
    return MeterReading.outlet("E1-WW1", hour, factor, kind, value, "N", "hour", hour);
  }

  @Test
  void dataOlderThanTheMaximumAgeIsKeptAsLateNotCounted() throws Exception {
    try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new OutletLoads(REFERENCE, MAX_AGE, 48 * HOUR)), OutletLoads::key, Types.STRING)) {
      harness.open();
      harness.processElement(new StreamRecord<>(value(T0, "w00000", "Cou", 100), T0));
      harness.processElement(new StreamRecord<>(value(T0, "w01018", "Avg", 40), T0));
      // without -Cou: 40 mg/L × 100 m³ × 10⁻³ = 4 kg; then the analyser's own load replaces it
      harness.processElement(new StreamRecord<>(value(T0, "w01018", "Cou", 4.2), T0));
      assertThat(harness.extractOutputValues()).extracting(part -> ((IndicatorPart) part).micros)
          .containsExactly(4_000_000L, 4_200_000L);

      harness.processWatermark(T0 + MAX_AGE + HOUR);
      harness.processElement(new StreamRecord<>(value(T0, "w01018", "Avg", 45), T0));

      assertThat(harness.extractOutputValues()).hasSize(2);
      assertThat(harness.getSideOutput(MeterConsumption.LATE)).singleElement()
          .satisfies(late -> assertThat(((LateReading) late.getValue()).meter).isEqualTo("E1-WW1/w01018-Avg"));
    }
  }
}
