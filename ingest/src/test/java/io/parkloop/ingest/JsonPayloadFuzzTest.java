package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Timeout;

/**
 * Any MQTT payload on an enterprise's readings topic goes through the decoder and the validation
 * exactly as the bridge applies them, and each element of it ends as one reading or as one dead
 * letter with a reason and the payload: nothing is thrown, nothing is lost, nothing is both.
 *
 * <p>Without JAZZER_FUZZ this replays the corpus in {@code JsonPayloadFuzzTestInputs}.
 */
class JsonPayloadFuzzTest {
  private static final String TOPIC = ReadingTopic.of("E001", "gateway-1");
  private static final Instant ARRIVAL = Instant.parse("2026-03-01T00:15:02Z");
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);
  private final IngestMetrics metrics = new IngestMetrics();
  private final MqttMessageIngest ingest = new MqttMessageIngest(
      new ReadingValidator(() -> TestReference.DATA, Duration.ofMinutes(5)),
      new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics), metrics);

  @FuzzTest(maxDuration = "8s")
  @Timeout(60)
  void everyElementBecomesAReadingOrADeadLetter(byte[] payload) throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = ingest.toRecords(TOPIC, payload, ARRIVAL);

    assertThat(records).hasSameSizeAs(JsonPayloadDecoder.decode(payload, "mqtt:" + TOPIC));
    for (ProducerRecord<byte[], byte[]> record : records) {
      if (record.topic().equals(Topics.READINGS)) {
        Reading reading = READINGS.decode(record.value());
        assertThat(reading.getEnterprise()).isEqualTo("E001");
        assertThat(reading.getValue()).isFinite();
      } else {
        assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTERS);
        DeadLetter letter = DEAD_LETTERS.decode(record.value());
        assertThat(letter.getReason()).isNotBlank();
        assertThat(letter.getDetail()).isNotBlank();
        assertThat(letter.getPayload().array()).isEqualTo(payload);
      }
    }
  }
}
