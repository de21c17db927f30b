package io.parkloop.jobs.sources;

import io.parkloop.jobs.records.DayCorrection;
import io.parkloop.schemas.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * The day corrections of {@code parkloop reconcile} as a Flink source, read from the beginning: a
 * job without a checkpoint must learn every correction of the days it still keeps open.
 */
public final class KafkaDayCorrections {
  private KafkaDayCorrections() {}

  public static KafkaSource<DayCorrection> source(String bootstrapServers, String groupId) {
    return KafkaSource.<DayCorrection>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(Topics.DAY_CORRECTIONS)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new DayCorrectionDeserializer())
        .build();
  }
}
