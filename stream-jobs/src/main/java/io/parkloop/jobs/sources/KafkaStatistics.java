package io.parkloop.jobs.sources;

import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.schemas.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The monthly statistics topic as a Flink source, read from its beginning (it is compacted: the latest per enterprise-month). */
public final class KafkaStatistics {
  private KafkaStatistics() {}

  public static KafkaSource<StatisticsRow> source(String bootstrapServers, String groupId) {
    return KafkaSource.<StatisticsRow>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(Topics.STATISTICS)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new StatisticsDeserializer())
        .build();
  }
}
