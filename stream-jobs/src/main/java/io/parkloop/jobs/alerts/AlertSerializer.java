package io.parkloop.jobs.alerts;

import io.parkloop.avro.Alert;
import io.parkloop.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert as a Kafka record: keyed by its id, the value the Avro {@link Alert} in single-object
 * encoding; a withdrawn alert is a tombstone (null value) for its key.
 */
public class AlertSerializer implements KafkaRecordSerializationSchema<AlertUpdate> {
  private final String topic;
  private transient AvroCodec<Alert> codec;

  public AlertSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(AlertUpdate alert, KafkaSinkContext context, Long timestamp) {
    if (codec == null) {
      codec = AvroCodec.of(Alert.class);
    }
    byte[] key = alert.id.getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, key, alert.withdrawn ? null : codec.encode(alert.toAvro()));
  }
}
