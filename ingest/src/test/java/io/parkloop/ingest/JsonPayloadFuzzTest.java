package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  /** Devices send NaN (a value to reject, not broken JSON); a key twice makes an object ambiguous. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private final IngestMetrics metrics = new IngestMetrics();
  private final MqttMessageIngest ingest = new MqttMessageIngest(
      new ReadingValidator(() -> TestReference.DATA, Duration.ofMinutes(5)),
      new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics), metrics);

  @FuzzTest(maxDuration = "8s")
  @Timeout(60)
  void everyElementBecomesAReadingOrADeadLetter(byte[] payload) throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = ingest.toRecords(TOPIC, payload, ARRIVAL);

    List<String> meters = metersOfElements(payload);
    assertThat(records).as("one record per element of the payload").hasSize(Math.max(1, meters.size()));
    for (ProducerRecord<byte[], byte[]> record : records) {
      if (record.topic().equals(Topics.READINGS)) {
        Reading reading = READINGS.decode(record.value());
        assertThat(reading.getMeter()).as("a reading's meter is one the payload named").isIn(meters);
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

  /**
   * The test's own reading of SPEC "Readings over MQTT", not the decoder's: a payload is one JSON
   * object or a non-empty array of them; anything else is one malformed whole. Returns the
   * {@code meter} text of each element (null where it has none), or nothing for a malformed whole.
   */
  static List<String> metersOfElements(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException malformed) {
      return List.of();
    }
    if (root == null || root.isMissingNode()) {
      return List.of();
    }
    List<JsonNode> elements = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(elements::add);
    } else if (root.isObject()) {
      elements.add(root);
    }
    List<String> meters = new ArrayList<>();
    for (JsonNode element : elements) {
      JsonNode meter = element.get("meter");
      meters.add(meter != null && meter.isTextual() ? meter.asText() : null);
    }
    return meters;
  }
}
