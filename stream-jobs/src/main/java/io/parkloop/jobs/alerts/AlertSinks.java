package io.parkloop.jobs.alerts;

import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.sinks.JdbcUpsertSink;
import io.parkloop.storage.AlertRecord;
import io.parkloop.storage.AlertUpserts;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Where alerts go: the {@code alerts} table and the alerts topic. */
public record AlertSinks(Sink<AlertUpdate> table, Sink<AlertUpdate> topic) {

  /**
   * Upserts into PostgreSQL only: a replay's alerts, which land in the table under the ids the
   * live run gave them; subscribers of the topic were told when the alerts happened.
   */
  public static AlertSinks postgresOnly(String jdbcUrl, JobSettings settings) {
    return new AlertSinks(table(jdbcUrl, settings), new DiscardingSink<>());
  }

  /**
   * Upserts into PostgreSQL and publishes to Kafka. At-least-once on Kafka is enough: every
   * record is the alert's whole state under its id, so a record sent twice says nothing new.
   */
  public static AlertSinks postgresAndKafka(String jdbcUrl, String kafkaBootstrapServers, String topic,
      JobSettings settings) {
    return new AlertSinks(table(jdbcUrl, settings),
        KafkaSink.<AlertUpdate>builder()
            .setBootstrapServers(kafkaBootstrapServers)
            .setRecordSerializer(new AlertSerializer(topic))
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build());
  }

  private static Sink<AlertUpdate> table(String jdbcUrl, JobSettings settings) {
    return new JdbcUpsertSink<AlertUpdate>("alerts", jdbcUrl,
        (connection, alerts) -> AlertUpserts.write(connection,
            alerts.stream().filter(alert -> !alert.withdrawn).map(AlertSinks::toRecord).toList(),
            alerts.stream().filter(alert -> alert.withdrawn).map(alert -> alert.id).toList()),
        alert -> alert.id, settings.sinkBatchRows(), settings.sinkFlushInterval().toMillis());
  }

  static AlertRecord toRecord(AlertUpdate alert) {
    return new AlertRecord(alert.id, alert.kind, alert.scopeType, alert.scopeId, alert.factor, alert.severity,
        Instant.ofEpochMilli(alert.openedAt), alert.closedAt == null ? null : Instant.ofEpochMilli(alert.closedAt),
        alert.peakValue, alert.limitValue, List.of(alert.evidence), null, null);
  }
}
