package io.parkloop.launcher.pipeline;

import io.parkloop.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The readings topic's backlog for the indicator job, from the Admin API: end offsets minus the
 * offsets the job's consumer group committed. Flink's Kafka source commits when a checkpoint
 * completes, so the committed offsets, and with them this lag, move in steps of the checkpoint
 * interval (10 s): the lag includes up to one interval of records already processed. The live
 * pipeline's lag gauges and the bench's end-to-end run both read it.
 */
public final class KafkaLag implements AutoCloseable {
  private final Admin admin;
  private final String group;

  public KafkaLag(String bootstrapServers, String group) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.group = group;
  }

  /** Records in the readings topic so far, over all partitions. */
  public long endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
    return ends().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
  }

  /** End offsets minus committed offsets; a partition without a commit counts from 0. */
  public long lag() throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (var end : ends().entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
    }
    return lag;
  }

  private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends() throws InterruptedException, ExecutionException, TimeoutException {
    var partitions = admin.describeTopics(List.of(Topics.READINGS)).allTopicNames().get(10, TimeUnit.SECONDS)
        .get(Topics.READINGS).partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(Topics.READINGS, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
  }

  /**
   * Without waiting for queries still pending: each caller gave up on its query after 10 s, and
   * with Kafka down the client would otherwise hold a shutdown for its 60 s API timeout.
   */
  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }
}
