package io.parkloop.ingest;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer of ingest: idempotent, acks from all replicas, batched for throughput. */
public final class KafkaProducers {
  private KafkaProducers() {}

  public static Producer<byte[], byte[]> create(String bootstrapServers, String clientId) {
    return create(bootstrapServers, clientId, Map.of());
  }

  /**
   * @param overrides producer settings that replace or add to parkloop's, such as a real
   *     cluster's {@code security.protocol}
   */
  public static Producer<byte[], byte[]> create(String bootstrapServers, String clientId,
      Map<String, String> overrides) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Past this the send fails and the bridge retries it itself, logging each attempt.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.putAll(overrides);
    return new KafkaProducer<>(props);
  }
}
