package io.parkloop.jobs.sources;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.schemas.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The readings topic as a Flink source. */
public final class KafkaReadings {
  private KafkaReadings() {}

  /**
   * Starts from the earliest offset when the job has no checkpoint to resume from: without its
   * state the job must see every retained reading again to compute the same numbers. Resuming
   * from a checkpoint uses the checkpoint's offsets.
   */
  public static KafkaSource<MeterReading> source(String bootstrapServers, String groupId) {
    return KafkaSource.<MeterReading>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(Topics.READINGS)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new ReadingsDeserializer())
        .setProperty("partition.discovery.interval.ms", "30000")
        .build();
  }
}
