package io.parkloop.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parkloop.avro.Reading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.schemas.AvroCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the job makes of the bridge's readings: a meter's value, an outlet's pollutant value and
 * the equipment values of HJ 212-2025's ST 44 and 45 packets, each with what decides where it
 * goes (the pollutant values feed the loads and alerts, the meters' and the equipment's values are
 * also kept as readings, in {@code reading} and {@code equipment_reading}).
 */
class ReadingsDeserializerTest {
  private static final Instant TS = Instant.parse("2026-03-01T02:00:00Z");
  private static final Instant RECEIVED = TS.plusSeconds(65);

  @Test
  void carriesWhatEachValueIsSoTheJobCanTellPollutantsFromEquipment() {
    List<MeterReading> out = new ArrayList<>();
    ReadingsDeserializer deserializer = new ReadingsDeserializer();
    for (Reading reading : List.of(
        meter("E001-ELEC", 152_340.5),
        outlet("w01018", "Avg", "concentration", 42.5, "N"),
        outlet("e30101", "Avg", "power", 0.4, "N"),
        outlet("e30101", "Cou", "energy", 0.4, "N"),
        outlet("e30201", "Avg", "condition", 1, "N"),
        // HJ 212-2025's "could not be computed": kept as it came, flagged
        outlet("e30201", "Avg", "power", 9999.99, "U"))) {
      deserializer.deserialize(new ConsumerRecord<>("parkloop.test", 0, 1, null, AvroCodec.of(Reading.class).encode(reading)),
          new ListCollector<>(out));
    }

    assertThat(out).extracting(r -> r.meter, r -> r.factor, r -> r.kind, r -> r.quantity, r -> r.value, r -> r.flag,
            r -> r.period, r -> r.ts, r -> r.receivedAt, MeterReading::series, MeterReading::isEquipmentValue,
            MeterReading::isStored)
        .containsExactly(
            tuple("E001-ELEC", null, null, null, 152_340.5, null, null, TS.toEpochMilli(), RECEIVED.toEpochMilli(),
                "E001-ELEC", false, true),
            tuple("E001-WW1", "w01018", "Avg", "concentration", 42.5, "N", "hour", TS.toEpochMilli(),
                RECEIVED.toEpochMilli(), "E001-WW1/w01018-Avg", false, false),
            tuple("E001-WW1", "e30101", "Avg", "power", 0.4, "N", "hour", TS.toEpochMilli(), RECEIVED.toEpochMilli(),
                "E001-WW1/e30101-Avg", true, true),
            tuple("E001-WW1", "e30101", "Cou", "energy", 0.4, "N", "hour", TS.toEpochMilli(), RECEIVED.toEpochMilli(),
                "E001-WW1/e30101-Cou", true, true),
            tuple("E001-WW1", "e30201", "Avg", "condition", 1.0, "N", "hour", TS.toEpochMilli(),
                RECEIVED.toEpochMilli(), "E001-WW1/e30201-Avg", true, true),
            tuple("E001-WW1", "e30201", "Avg", "power", 9999.99, "U", "hour", TS.toEpochMilli(),
                RECEIVED.toEpochMilli(), "E001-WW1/e30201-Avg", true, true));
    assertThat(deserializer.unreadable().undecodable()).isZero();
  }

  private static Reading meter(String meter, double value) {
    return Reading.newBuilder().setMeter(meter).setEnterprise("E001").setMedium("electricity").setReading("cumulative")
        .setTs(TS).setValue(value).setUnit("kWh").setReceivedAt(RECEIVED).setSource("test").build();
  }

  private static Reading outlet(String factor, String kind, String quantity, double value, String flag) {
    return Reading.newBuilder().setMeter("E001-WW1").setEnterprise("E001").setMedium(factor).setReading(quantity)
        .setTs(TS).setValue(value).setUnit("").setKind(kind).setFlag(flag).setPeriod("hour").setReceivedAt(RECEIVED)
        .setSource("test").build();
  }
}
