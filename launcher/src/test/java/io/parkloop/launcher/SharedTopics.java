package io.parkloop.launcher;

import io.parkloop.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline's topics have fixed names, so on the test run's one Kafka cluster every class that
 * starts a {@link Pipeline} writes to the same topics, and a pipeline reads them from the start.
 * A class that compares a pipeline's output with exact expectations empties them before and after
 * (Kafka's delete-records: the log start moves to the end), so that it reads nothing another class
 * wrote and leaves nothing behind.
 */
final class SharedTopics {
  private static final List<String> PIPELINE_TOPICS = List.of(Topics.READINGS, Topics.DEAD_LETTERS, Topics.ALERTS,
      Topics.STATISTICS, Topics.DAY_CORRECTIONS);

  private SharedTopics() {}

  static void empty(String bootstrapServers) throws Exception {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> topics = PIPELINE_TOPICS.stream().filter(existing::contains).toList();
      if (topics.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        topic.partitions().forEach(partition -> ends.put(new TopicPartition(topic.name(), partition.partition()),
            OffsetSpec.latest()));
      }
      Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
      admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS)
          .forEach((partition, end) -> deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
      admin.deleteRecords(deletions).all().get(30, TimeUnit.SECONDS);
    }
  }
}
