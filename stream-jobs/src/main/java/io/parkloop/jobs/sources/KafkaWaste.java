package io.parkloop.jobs.sources;

import io.parkloop.jobs.records.WasteRow;
import io.parkloop.schemas.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The waste topic as a Flink source, read from its beginning (compacted: the latest per enterprise|id). */
public final class KafkaWaste {
  private KafkaWaste() {}

  public static KafkaSource<WasteRow> source(String bootstrapServers, String groupId) {
    return KafkaSource.<WasteRow>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(Topics.WASTE)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new WasteDeserializer())
        .build();
  }
}
