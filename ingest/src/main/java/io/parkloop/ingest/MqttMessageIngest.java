package io.parkloop.ingest;

import io.parkloop.avro.RawReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns one MQTT message into the Kafka records it stands for: a reading per valid element and
 * a dead letter (with the raw payload and the reason) per element that cannot be trusted.
 */
public final class MqttMessageIngest {
  private final ReadingValidator validator;
  private final Hj212Ingest hj212;
  private final IngestMetrics metrics;
  private final IngestRecords ingestRecords;
  private final WasteIngest waste;

  /** Writes to the topics of the SPEC. */
  public MqttMessageIngest(ReadingValidator validator, Hj212Ingest hj212, IngestMetrics metrics) {
    this(validator, hj212, metrics, IngestTopics.DEFAULT);
  }

  /** @param topics for the readings and dead letters of JSON payloads; {@code hj212} has its own */
  public MqttMessageIngest(ReadingValidator validator, Hj212Ingest hj212, IngestMetrics metrics,
      IngestTopics topics) {
    this.validator = validator;
    this.hj212 = hj212;
    this.metrics = metrics;
    this.ingestRecords = new IngestRecords(topics);
    this.waste = new WasteIngest(new WasteValidator(validator.reference()), metrics, topics);
  }

  public List<ProducerRecord<byte[], byte[]>> toRecords(String topic, byte[] payload, Instant receivedAt) {
    String source = "mqtt:" + topic;
    if (topic.startsWith(ReadingTopic.HJ212_PREFIX)) {
      // an HJ 212 packet relayed over MQTT; replies travel only on the analyser's own TCP link
      return hj212.ingest(payload, source, receivedAt).records();
    }
    if (topic.startsWith(WasteTopic.PREFIX)) {
      return waste.mqttRecords(topic, payload, receivedAt);
    }
    metrics.messageIn();
    Optional<String> enterprise = ReadingTopic.enterpriseOf(topic);
    if (enterprise.isEmpty()) {
      return List.of(deadLetter(Rejection.of(Rejection.BAD_TOPIC,
          "readings are published to " + ReadingTopic.READINGS_PREFIX + "{enterprise}/{meter}, not " + topic),
          source, payload, receivedAt));
    }
    return readingRecords(payload, source, enterprise.get(), receivedAt);
  }

  /**
   * The records of one reading payload (an object or a gateway's array) from wherever it came:
   * MQTT, or a line of a file being replayed.
   *
   * @param topicEnterprise the enterprise the MQTT topic names, or null when there is no topic
   *     and so no enterprise to check the meters against
   */
  public List<ProducerRecord<byte[], byte[]>> readingRecords(byte[] payload, String source, String topicEnterprise,
      Instant receivedAt) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Decoded element : JsonPayloadDecoder.decode(payload, source)) {
      if (element instanceof Decoded.Rejected rejected) {
        records.add(deadLetter(rejected.rejection(), source, payload, receivedAt));
        continue;
      }
      Decoded.Accepted accepted = (Decoded.Accepted) element;
      RawReading raw = accepted.reading();
      ReadingValidator.Result result = validator.validate(raw, topicEnterprise, receivedAt);
      if (result.reading() != null) {
        metrics.readingOut();
        records.add(ingestRecords.reading(result.reading()));
      } else {
        Rejection rejection = accepted.element() == null ? result.rejection() : result.rejection().at(accepted.element());
        records.add(deadLetter(rejection, source, payload, receivedAt));
      }
    }
    return records;
  }

  private ProducerRecord<byte[], byte[]> deadLetter(Rejection rejection, String source, byte[] payload, Instant receivedAt) {
    metrics.deadLetter(rejection.reason());
    return ingestRecords.deadLetter(rejection, source, payload, receivedAt);
  }
}
