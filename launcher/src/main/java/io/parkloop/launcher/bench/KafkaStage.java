package io.parkloop.launcher.bench;

import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka alone: the bridge's producer settings (idempotent, acks=all, lz4) write the fleet's
 * readings, Avro-encoded beforehand, to a topic with the readings topic's partitions, while a
 * consumer reads them back. The topic stays filled for the Flink stage.
 */
final class KafkaStage {
  private KafkaStage() {}

  static StageResults.Stage run(String kafka, String topic, int partitions, StageReadings source, long readings)
      throws Exception {
    KafkaTopics.ensure(kafka, Map.of(topic, partitions));
    List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>((int) readings);
    for (long n = 0; n < readings; n++) {
      ProducerRecord<byte[], byte[]> reading = source.record(n);
      records.add(new ProducerRecord<>(topic, reading.key(), reading.value()));
    }
    long started = System.nanoTime();
    CompletableFuture<Long> consumed = CompletableFuture.supplyAsync(() -> consume(kafka, topic, readings));
    try (Producer<byte[], byte[]> producer = KafkaProducers.create(kafka, "parkloop-bench-stage")) {
      for (ProducerRecord<byte[], byte[]> record : records) {
        producer.send(record);
      }
      producer.flush();
    }
    long count = consumed.get(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new StageResults.Stage("kafka", "produce (bridge settings) → broker → consume, Avro readings",
        count, 0, MqttStage.round(seconds), MqttStage.round(count / seconds));
  }

  private static long consume(String kafka, String topic, long expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "parkloop-bench-stage");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    long count = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      while (count < expected && System.nanoTime() < deadline) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return count;
  }
}
