package io.parkloop.launcher;

import io.parkloop.jobs.ParkloopJobs;
import io.parkloop.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The barrier that proves the jobs have nothing more to write: the end offsets of every topic
 * the job graph reads, taken now, reached by the offsets each of its consumer groups committed.
 * Flink's Kafka source commits the offsets of a checkpoint only once that checkpoint completed,
 * and a checkpoint completes only after every sink flushed what reached it before the barrier;
 * so once the commits pass these ends, whatever the records read so far made the jobs write is
 * in the tables, a doubled or stale write included.
 *
 * <p>A partition with nothing to read (its records deleted by {@link SharedTopics#empty}, or never
 * written) is the exception: Flink commits a split's offset only once it has read a record from
 * it, so there the group has no commit at all, and none is needed.
 */
final class JobsCaughtUp {
  /** The topics each consumer group of {@link ParkloopJobs#onKafkaAndPostgres} reads. */
  private static final Map<String, List<String>> TOPICS_BY_GROUP = Map.of(
      ParkloopJobs.INDICATOR_GROUP, List.of(Topics.READINGS, Topics.STATISTICS, Topics.WASTE,
          Topics.DAY_CORRECTIONS),
      ParkloopJobs.ALERT_GROUP, List.of(Topics.READINGS),
      ParkloopJobs.DEAD_LETTER_GROUP, List.of(Topics.DEAD_LETTERS));
  private static final Duration REQUEST = Duration.ofSeconds(10);

  private JobsCaughtUp() {}

  /** Waits until every group committed at least today's end offsets; fails, naming what is behind, after {@code timeout}. */
  static void await(String kafka, Duration timeout) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
      for (var group : TOPICS_BY_GROUP.entrySet()) {
        Map<TopicPartition, Long> starts = offsets(admin, group.getValue(), OffsetSpec.earliest());
        Map<TopicPartition, Long> groupEnds = offsets(admin, group.getValue(), OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
            .partitionsToOffsetAndMetadata().get(REQUEST.toSeconds(), TimeUnit.SECONDS);
        groupEnds.keySet().removeIf(partition -> starts.get(partition) >= groupEnds.get(partition)
            && committed.get(partition) == null);
        ends.put(group.getKey(), groupEnds);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      Map<String, Map<TopicPartition, Long>> behind = behind(admin, ends);
      while (!behind.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        behind = behind(admin, ends);
      }
      if (!behind.isEmpty()) {
        throw new AssertionError("the jobs' committed offsets did not reach the end offsets " + ends + " within "
            + timeout + "; still behind (partition -> committed): " + behind);
      }
    }
  }

  /** The earliest or latest offsets of those of {@code topics} that exist (one that does not holds nothing to wait for). */
  private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec) throws Exception {
    Set<String> existing = admin.listTopics().names().get(REQUEST.toSeconds(), TimeUnit.SECONDS);
    List<String> present = topics.stream().filter(existing::contains).toList();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(present).allTopicNames().get(REQUEST.toSeconds(), TimeUnit.SECONDS).forEach((topic, d) ->
        d.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec)));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get(REQUEST.toSeconds(), TimeUnit.SECONDS)
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /** Per group, the partitions whose committed offset (none counts as 0) is below its end. */
  private static Map<String, Map<TopicPartition, Long>> behind(Admin admin, Map<String, Map<TopicPartition, Long>> ends)
      throws Exception {
    Map<String, Map<TopicPartition, Long>> behind = new HashMap<>();
    for (var group : ends.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
          .partitionsToOffsetAndMetadata().get(REQUEST.toSeconds(), TimeUnit.SECONDS);
      for (var end : group.getValue().entrySet()) {
        OffsetAndMetadata offset = committed.get(end.getKey());
        long at = offset == null ? 0 : offset.offset();
        if (at < end.getValue()) {
          behind.computeIfAbsent(group.getKey(), g -> new HashMap<>()).put(end.getKey(), at);
        }
      }
    }
    return behind;
  }
}
