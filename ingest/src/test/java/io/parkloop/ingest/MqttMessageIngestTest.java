package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class MqttMessageIngestTest {
  private static final Instant ARRIVAL = Instant.parse("2026-03-01T00:15:02Z");
  private final IngestMetrics metrics = new IngestMetrics();
  private final MqttMessageIngest ingest = new MqttMessageIngest(
      new ReadingValidator(() -> TestReference.DATA, Duration.ofMinutes(5)),
      new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics), metrics);

  private List<ProducerRecord<byte[], byte[]>> ingest(String topic, String payload) {
    return ingest.toRecords(topic, payload.getBytes(StandardCharsets.UTF_8), ARRIVAL);
  }

  private static Reading reading(ProducerRecord<byte[], byte[]> record) throws IOException {
    assertThat(record.topic()).isEqualTo(Topics.READINGS);
    return AvroCodec.of(Reading.class).decode(record.value());
  }

  private static DeadLetter deadLetter(ProducerRecord<byte[], byte[]> record) throws IOException {
    assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTERS);
    return AvroCodec.of(DeadLetter.class).decode(record.value());
  }

  @Test
  void aValidReadingIsKeyedByMeterAndConvertedToTheCanonicalUnit() throws IOException {
    var records = ingest("parkloop/v1/readings/E002/E002-ELEC",
        "{\"meter\": \"E002-ELEC\", \"ts\": \"2026-03-01T08:15:00+08:00\", \"value\": 1.5}");

    assertThat(records).hasSize(1);
    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("E002-ELEC");
    Reading reading = reading(records.get(0));
    assertThat(reading.getValue()).isEqualTo(1500.0);
    assertThat(reading.getUnit()).isEqualTo("kWh");
    assertThat(reading.getEnterprise()).isEqualTo("E002");
    assertThat(reading.getReceivedAt()).isEqualTo(ARRIVAL);
    assertThat(reading.getSource()).isEqualTo("mqtt:parkloop/v1/readings/E002/E002-ELEC");
  }

  /**
   * A payload far larger than Kafka takes in one record (1 MiB by default): its dead letter keeps
   * the first 256 KiB and says so, so Kafka takes it and the MQTT message can be acknowledged.
   */
  @Test
  void anOversizedBadPayloadIsDeadLetteredCutToASizeKafkaTakes() throws IOException {
    String payload = "{\"meter\": \"E001-ELEC\", \"ts\": " + " ".repeat(2_000_000);

    var records = ingest("parkloop/v1/readings/E001/E001-ELEC", payload);

    assertThat(records).singleElement().satisfies(record ->
        assertThat(record.value().length).as("the record's bytes").isLessThan(1024 * 1024));
    DeadLetter letter = deadLetter(records.get(0));
    assertThat(letter.getReason()).isEqualTo("malformed_json");
    assertThat(letter.getDetail()).endsWith("(payload cut to its first 262,144 of 2,000,029 bytes)");
    byte[] kept = new byte[letter.getPayload().remaining()];
    letter.getPayload().get(kept);
    assertThat(new String(kept, StandardCharsets.UTF_8)).isEqualTo(payload.substring(0, 262_144));
  }

  @Test
  void everyBadElementIsDeadLetteredWithTheRawPayloadAndReason() throws IOException {
    String payload = """
        [{"meter": "E001-ELEC", "ts": "2026-03-01T08:15:00+08:00", "value": 10, "unit": "MWh"},
         {"meter": "NOPE", "ts": "2026-03-01T08:15:00+08:00", "value": 1},
         {"meter": "E001-FW", "ts": "2026-03-01T08:15:00+08:00", "value": 1, "unit": "kWh"},
         {"meter": "E001-FW", "ts": "2026-03-01T09:15:00+08:00", "value": 1},
         {"meter": "E002-ELEC", "ts": "2026-03-01T08:15:00+08:00", "value": 1}]""";

    var records = ingest("parkloop/v1/readings/E001/gateway-7", payload);

    assertThat(records).hasSize(5);
    assertThat(reading(records.get(0)).getValue()).isEqualTo(10_000.0);
    DeadLetter unknown = deadLetter(records.get(1));
    assertThat(unknown.getReason()).isEqualTo("unknown_meter");
    assertThat(unknown.getElement()).isEqualTo(1);
    assertThat(StandardCharsets.UTF_8.decode(unknown.getPayload()).toString()).isEqualTo(payload);
    assertThat(unknown.getSource()).isEqualTo("mqtt:parkloop/v1/readings/E001/gateway-7");
    assertThat(deadLetter(records.get(2)).getReason()).isEqualTo("unconvertible_unit");
    assertThat(deadLetter(records.get(3)).getReason()).isEqualTo("future_timestamp");
    assertThat(deadLetter(records.get(4)).getReason()).isEqualTo("enterprise_mismatch");
    assertThat(metrics.readingsOut()).isEqualTo(1);
    assertThat(metrics.deadLettersByReason()).containsEntry("unknown_meter", 1L).containsEntry("future_timestamp", 1L);
  }

  @Test
  void aPayloadWithoutATopicHasNoEnterpriseToCheckItsMetersAgainst() throws IOException {
    byte[] payload = """
        [{"meter": "E001-ELEC", "ts": "2026-03-01T08:15:00+08:00", "value": 10},
         {"meter": "E002-ELEC", "ts": "2026-03-01T08:15:00+08:00", "value": 1}]""".getBytes(StandardCharsets.UTF_8);

    var records = ingest.readingRecords(payload, "file:readings.jsonl:7", null, ARRIVAL);

    assertThat(records).hasSize(2);
    assertThat(reading(records.get(0)).getEnterprise()).isEqualTo("E001");
    assertThat(reading(records.get(1)).getEnterprise()).isEqualTo("E002");
    assertThat(reading(records.get(1)).getSource()).isEqualTo("file:readings.jsonl:7");
  }

  @Test
  void recordsGoToTheTopicsGiven() {
    IngestTopics topics = new IngestTopics("readings.test", "dead-letters.test");
    MqttMessageIngest onTestTopics = new MqttMessageIngest(
        new ReadingValidator(() -> TestReference.DATA, Duration.ofMinutes(5)),
        new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics, topics), metrics, topics);
    byte[] oneGoodOneBad = """
        [{"meter": "E001-ELEC", "ts": "2026-03-01T08:15:00+08:00", "value": 1}, {"meter": "NOPE", "ts": 1, "value": 1}]"""
        .getBytes(StandardCharsets.UTF_8);

    var json = onTestTopics.toRecords("parkloop/v1/readings/E001/E001-ELEC", oneGoodOneBad, ARRIVAL);
    var hj212 = onTestTopics.toRecords("parkloop/v1/hj212/x", "garbage".getBytes(StandardCharsets.UTF_8), ARRIVAL);

    assertThat(json).extracting(ProducerRecord::topic).containsExactly("readings.test", "dead-letters.test");
    assertThat(hj212).extracting(ProducerRecord::topic).containsExactly("dead-letters.test");
  }

  /** Found by JsonPayloadFuzzTest: the conversion overflowed and an infinite reading went out. */
  @Test
  void aValueThatOverflowsInTheCanonicalUnitIsDeadLettered() throws IOException {
    var records = ingest("parkloop/v1/readings/E001/E001-ELEC",
        "{\"meter\": \"E001-ELEC\", \"ts\": \"2026-03-01T00:00:00Z\", \"value\": 1e308, \"unit\": \"GWh\"}");

    assertThat(deadLetter(records.get(0)).getReason()).isEqualTo("non_finite_value");
    assertThat(deadLetter(records.get(0)).getDetail()).isEqualTo("1.0E308 GWh overflows in kWh");
  }

  @Test
  void aTopicOfAnotherShapeIsDeadLettered() throws IOException {
    var records = ingest("parkloop/v1/readings/E001", "{}");

    assertThat(deadLetter(records.get(0)).getReason()).isEqualTo("bad_topic");
  }

  @Test
  void anHj212HourlyPacketOverMqttBecomesOneReadingPerValueOfItsOutlet() throws IOException {
    byte[] frame = Hj212Frames.encode("QN=20260301081500000;ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=4;"
        + "CP=&&DataTime=20260301080000;w01018-Avg=62.5,w01018-Flag=N;w00000-Cou=120.0,w00000-Flag=N&&");

    var records = ingest.toRecords("parkloop/v1/hj212/88888880000001", frame, ARRIVAL);

    assertThat(records).hasSize(2);
    Reading cod = reading(records.get(0));
    assertThat(cod.getMeter()).isEqualTo("E001-WW1");
    assertThat(cod.getMedium()).isEqualTo("w01018");
    assertThat(cod.getKind()).isEqualTo("Avg");
    assertThat(cod.getFlag()).isEqualTo("N");
    assertThat(cod.getPeriod()).isEqualTo("hour");
    assertThat(cod.getUnit()).isEqualTo("mg/L");
    assertThat(cod.getTs()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(reading(records.get(1)).getReading()).isEqualTo("load");
  }

  @Test
  void anHj212PacketOfAnUnknownMonitoringPointOrWithABadCrcIsDeadLettered() throws IOException {
    byte[] unknown = Hj212Frames.encode("QN=1;ST=32;CN=2061;PW=1;MN=99999999999999;Flag=4;CP=&&DataTime=20260301080000;w01018-Avg=1&&");
    byte[] corrupt = unknown.clone();
    corrupt[corrupt.length - 3] = (byte) (corrupt[corrupt.length - 3] == '0' ? '1' : '0');

    assertThat(deadLetter(ingest.toRecords("parkloop/v1/hj212/x", unknown, ARRIVAL).get(0)).getReason()).isEqualTo("unknown_mn");
    assertThat(deadLetter(ingest.toRecords("parkloop/v1/hj212/x", corrupt, ARRIVAL).get(0)).getReason()).isEqualTo("bad_crc");
  }
}
