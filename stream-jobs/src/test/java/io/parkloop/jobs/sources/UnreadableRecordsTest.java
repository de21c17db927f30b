package io.parkloop.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.DayCorrection;
import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.avro.Reading;
import io.parkloop.avro.WasteRecord;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hostile records on the topics the jobs consume: garbage, a tombstone, another record type, a
 * message cut short. Each is skipped and counted, never thrown (a throwing deserializer fails the
 * job, which meets the same record again after every restart), and the next good record is read.
 */
class UnreadableRecordsTest {
  private static final Instant TS = Instant.parse("2026-03-01T00:15:00Z");
  private static final byte[] GARBAGE = "{\"meter\":\"E001-ELEC\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DEAD_LETTER = AvroCodec.of(DeadLetter.class).encode(DeadLetter.newBuilder()
      .setReason("malformed_json").setDetail("test").setSource("test").setReceivedAt(TS)
      .setPayload(ByteBuffer.wrap(GARBAGE)).build());

  @Test
  void theReadingsDeserializerSkipsAndCountsWhatIsNoReading() {
    byte[] good = AvroCodec.of(Reading.class).encode(Reading.newBuilder()
        .setMeter("E001-ELEC").setEnterprise("E001").setMedium("electricity").setReading("cumulative")
        .setTs(TS).setValue(152_340.5).setUnit("kWh").setReceivedAt(TS.plusSeconds(2)).setSource("test").build());
    ReadingsDeserializer deserializer = new ReadingsDeserializer();
    List<MeterReading> out = new ArrayList<>();

    for (byte[] value : hostileThen(good)) {
      deserializer.deserialize(record(value), collector(out));
    }

    assertThat(out).singleElement().satisfies(reading -> {
      assertThat(reading.meter).isEqualTo("E001-ELEC");
      assertThat(reading.ts).isEqualTo(TS.toEpochMilli());
      assertThat(reading.value).isEqualTo(152_340.5);
    });
    assertThat(deserializer.unreadable().tombstones()).isEqualTo(1);
    assertThat(deserializer.unreadable().undecodable()).isEqualTo(4);
  }

  @Test
  void theStatisticsDeserializerSkipsAndCountsWhatIsNoStatistics() {
    byte[] good = AvroCodec.of(MonthlyStatistics.class).encode(MonthlyStatistics.newBuilder()
        .setEnterprise("E001").setMonth("2026-02").setValueAdded10kCny(1_250.0).setSource("test").build());
    byte[] badMonth = AvroCodec.of(MonthlyStatistics.class).encode(MonthlyStatistics.newBuilder()
        .setEnterprise("E001").setMonth("February").setSource("test").build());
    StatisticsDeserializer deserializer = new StatisticsDeserializer();
    List<StatisticsRow> out = readAll(deserializer, badMonth, good);

    // 2026-02-01T00:00 in Asia/Shanghai, worked out by hand
    assertThat(out).singleElement().satisfies(row -> {
      assertThat(row.enterprise).isEqualTo("E001");
      assertThat(row.monthStart).isEqualTo(Instant.parse("2026-01-31T16:00:00Z").toEpochMilli());
      assertThat(row.valueAdded).isEqualTo(1_250.0);
    });
    assertThat(deserializer.unreadable().tombstones()).isEqualTo(1);
    assertThat(deserializer.unreadable().undecodable()).isEqualTo(5);
  }

  @Test
  void theWasteDeserializerSkipsAndCountsWhatIsNoWasteRecord() {
    byte[] good = AvroCodec.of(WasteRecord.class).encode(WasteRecord.newBuilder()
        .setEnterprise("E001").setId("T-1").setMonth("2026-03").setCategory("general").setFlow("generated")
        .setTonnes(12.5).setSource("test").build());
    byte[] badMonth = AvroCodec.of(WasteRecord.class).encode(WasteRecord.newBuilder()
        .setEnterprise("E001").setId("T-2").setMonth("March").setCategory("general").setFlow("generated")
        .setTonnes(1).setSource("test").build());
    WasteDeserializer deserializer = new WasteDeserializer();
    List<WasteRow> out = readAll(deserializer, badMonth, good);

    // 2026-03-01T00:00 in Asia/Shanghai, worked out by hand
    assertThat(out).singleElement().satisfies(row -> {
      assertThat(row.enterprise).isEqualTo("E001");
      assertThat(row.monthStart).isEqualTo(Instant.parse("2026-02-28T16:00:00Z").toEpochMilli());
      assertThat(row.tonnes).isEqualTo(12.5);
    });
    assertThat(deserializer.unreadable().tombstones()).isEqualTo(1);
    assertThat(deserializer.unreadable().undecodable()).isEqualTo(5);
  }

  @Test
  void theDayCorrectionDeserializerSkipsAndCountsWhatIsNoDayCorrection() {
    byte[] good = AvroCodec.of(DayCorrection.class).encode(DayCorrection.newBuilder()
        .setScopeType("park").setScopeId("SIP").setDay(Instant.parse("2026-02-28T16:00:00Z"))
        .setIndicator("electricity_kwh").setUnit("kWh").setValue(1_150).setLateEffect(150).setSource("test").build());
    // nothing in a day correction can be refused once decoded: the statistics record stands for another type
    byte[] statistics = AvroCodec.of(MonthlyStatistics.class).encode(MonthlyStatistics.newBuilder()
        .setEnterprise("E001").setMonth("2026-02").setSource("test").build());
    DayCorrectionDeserializer deserializer = new DayCorrectionDeserializer();
    List<io.parkloop.jobs.records.DayCorrection> out = readAll(deserializer, statistics, good);

    assertThat(out).singleElement().satisfies(row -> {
      assertThat(row.rowKey()).isEqualTo("park|SIP|day|" + Instant.parse("2026-02-28T16:00:00Z").toEpochMilli()
          + "|electricity_kwh");
      assertThat(row.value).isEqualTo(1_150.0);
      assertThat(row.lateEffect).isEqualTo(150.0);
    });
    assertThat(deserializer.unreadable().tombstones()).isEqualTo(1);
    assertThat(deserializer.unreadable().undecodable()).isEqualTo(5);
  }

  /** What the deserializer makes of a record its conversion refuses, then {@link #hostileThen}. */
  private static <T> List<T> readAll(SkippingDeserializer<?, T> deserializer, byte[] refused, byte[] good) {
    List<T> out = new ArrayList<>();
    List<byte[]> values = new ArrayList<>(hostileThen(good));
    values.add(0, refused);
    for (byte[] value : values) {
      deserializer.deserialize(record(value), collector(out));
    }
    return out;
  }

  /** Garbage, an empty value, a tombstone, another type's message, the good one cut short, then the good one. */
  private static List<byte[]> hostileThen(byte[] good) {
    return Arrays.asList(GARBAGE, new byte[0], null, DEAD_LETTER, Arrays.copyOf(good, good.length - 3), good);
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>("parkloop.test", 0, 7, null, value);
  }

  private static <T> Collector<T> collector(List<T> out) {
    return new Collector<>() {
      @Override
      public void collect(T record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
  }
}
