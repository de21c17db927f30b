package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One topic on the broker, read from its start up to the end offsets of the moment asked: what
 * the broker holds then, neither a record less (a consumer that is merely behind) nor one that
 * came later.
 */
final class TopicOnBroker implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();

  TopicOnBroker(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Every record the broker has now: its end offsets, taken first, bound what is read. */
  List<ConsumerRecord<byte[], byte[]>> recordsBelowEndOffsetsNow() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
      assertThat(System.nanoTime()).as("reading up to the end offsets %s", end).isLessThan(deadline);
      consumer.poll(POLL).forEach(read::add);
    }
    return List.copyOf(read);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
