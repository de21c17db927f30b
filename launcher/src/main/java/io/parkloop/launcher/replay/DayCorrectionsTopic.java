package io.parkloop.launcher.replay;

import io.parkloop.avro.DayCorrection;
import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.KafkaTopics;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Where reconcile publishes its day corrections for the live indicator job ({@link Topics#DAY_CORRECTIONS}). */
public final class DayCorrectionsTopic {
  /** How long reconcile waits for Kafka before it says it could not publish. */
  private static final Duration REACH = Duration.ofSeconds(10);
  private static final AvroCodec<DayCorrection> CODEC = AvroCodec.of(DayCorrection.class);
  private final String kafka;

  public DayCorrectionsTopic(String kafka) {
    this.kafka = kafka;
  }

  String kafka() {
    return kafka;
  }

  /** Null when Kafka answers (the topic then exists), else why not. */
  String unreachable() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH.toMillis()))) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH.toMillis())).clusterId()
          .get(REACH.toMillis(), TimeUnit.MILLISECONDS);
      KafkaTopics.ensure(kafka, Map.of(Topics.DAY_CORRECTIONS, 1));
      return null;
    } catch (Exception e) {
      return e.getCause() != null ? e.getCause().toString() : e.toString();
    }
  }

  /**
   * Sends each reconciled day row with what the late readings add to it, keyed by the row, and
   * waits until Kafka has them all.
   */
  void publish(Map<IndicatorRow, Double> lateEffects, Instant reconciledAt) throws Exception {
    String source = "reconcile:" + reconciledAt;
    try (Producer<byte[], byte[]> producer = KafkaProducers.create(kafka, "parkloop-reconcile")) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      lateEffects.forEach((day, effect) -> sent.add(producer.send(new ProducerRecord<>(Topics.DAY_CORRECTIONS,
          day.key().getBytes(StandardCharsets.UTF_8), CODEC.encode(DayCorrection.newBuilder()
              .setScopeType(day.scopeType).setScopeId(day.scopeId).setDay(Instant.ofEpochMilli(day.periodStart))
              .setIndicator(day.indicator).setUnit(day.unit).setValue(day.value).setLateEffect(effect)
              .setSource(source).build())))));
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    }
  }
}
