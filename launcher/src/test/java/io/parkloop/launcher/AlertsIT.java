package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.Alert;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.AlertFilter;
import io.parkloop.storage.AlertQueries;
import io.parkloop.storage.AlertRecord;
import io.parkloop.storage.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The alert job into the real {@code alerts} table (PostgreSQL, migrated by Flyway) and the real
 * alerts topic (Kafka KRaft), then {@code parkloop alerts} and {@code parkloop alerts ack} on that
 * table; and the same readings again, as a replay would bring them, changing nothing. And the
 * Grafana alert rules' queries against the same table.
 */
@ExtendWith(SharedServices.class)
class AlertsIT {
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("alerts-it.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E2, park: SIP}
      outlets:
        - {id: E2-WW1, enterprise: E2, type: water, mn: "88888880000009", limits_mg_per_l: {w01018: 50}}
      """);
  /** 2026-03-01 00:00 in Shanghai. */
  private static final Instant T0 = Instant.parse("2026-02-28T16:00:00Z");

  /** A day of hourly COD averages with two episodes over the limit: 06:00-08:00 (peak 64) and 15:00-16:00 (peak 91). */
  private static List<MeterReading> aDayOfHourlyCod() {
    Map<Integer, Double> over = Map.of(6, 57.0, 7, 64.0, 8, 52.0, 15, 91.0, 16, 70.0);
    List<MeterReading> readings = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      long ts = T0.plus(Duration.ofHours(hour)).toEpochMilli();
      readings.add(MeterReading.outlet("E2-WW1", ts, "w01018", "Avg", over.getOrDefault(hour, 31.0), "N", "hour", ts));
    }
    return readings;
  }

  private static void runAlertJob(TestClassServices services, String topic) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<MeterReading> readings = aDayOfHourlyCod();
    JobSettings settings = JobSettings.defaults();
    new AlertJob(REFERENCE, settings, AlertRules.defaults(),
        new DataGeneratorSource<>(i -> readings.get(i.intValue()), readings.size(),
            TypeInformation.of(MeterReading.class)),
        AlertSinks.postgresAndKafka(services.jdbcUrl(), services.kafka().bootstrapServers(), topic, settings))
        .build(env);
    env.execute("alerts-it");
  }

  @Test
  void alertsReachTheTableAndTheTopicAndTheCommandListsAndAcknowledgesThem(TestClassServices services)
      throws Exception {
    Migrations.migrate(services.dataSource());
    String topic = services.createTopic(Topics.ALERTS, 2);

    runAlertJob(services, topic);

    List<AlertRecord> table = AlertQueries.list(services.dataSource(), AlertFilter.all());
    assertThat(table)
        .extracting(AlertRecord::kind, AlertRecord::openedAt, AlertRecord::closedAt, AlertRecord::peakValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("concentration", T0.plus(Duration.ofHours(15)),
                T0.plus(Duration.ofHours(19)), 91.0),
            org.assertj.core.groups.Tuple.tuple("concentration", T0.plus(Duration.ofHours(6)),
                T0.plus(Duration.ofHours(11)), 64.0));
    Map<String, Alert> onTopic = latestPerKey(services.kafka().bootstrapServers(), topic);
    assertThat(onTopic.keySet()).containsExactlyInAnyOrderElementsOf(table.stream().map(AlertRecord::id).toList());
    assertThat(onTopic.get(table.get(0).id()).getPeakValue()).isEqualTo(91.0);

    String listed = parkloop("alerts", "--jdbc", services.jdbcUrl(), "--kind", "concentration", "--from", "2026-03-01",
        "--format", "json");
    assertThat(listed).contains("\"id\": \"" + table.get(1).id() + "\"", "\"peak_value\": 64",
        "\"opened_at\": \"2026-03-01T06:00:00+08:00\"");
    parkloop("alerts", "ack", table.get(1).id(), "--by", "王工", "--jdbc", services.jdbcUrl());
    assertThat(AlertQueries.list(services.dataSource(), AlertFilter.all()))
        .filteredOn(alert -> alert.id().equals(table.get(1).id())).singleElement()
        .satisfies(alert -> assertThat(alert.acknowledgedBy()).isEqualTo("王工"));
    assertThat(parkloop("alerts", "--jdbc", services.jdbcUrl(), "--open")).isEqualTo(
        "id,kind,scope_type,scope_id,factor,severity,opened_at,closed_at,peak_value,limit_value,acknowledged_by,"
            + "acknowledged_at,evidence\n");

    runAlertJob(services, topic); // a replay of the same readings

    assertThat(AlertQueries.list(services.dataSource(), AlertFilter.all()))
        .extracting(AlertRecord::id, AlertRecord::acknowledgedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(table.get(0).id(), null),
            org.assertj.core.groups.Tuple.tuple(table.get(1).id(), "王工"));
    assertThat(latestPerKey(services.kafka().bootstrapServers(), topic)).isEqualTo(onTopic);
  }

  @Test
  void theQueriesOfTheGrafanaAlertRulesRunOnTheAlertsTable(TestClassServices services) throws Exception {
    Migrations.migrate(services.dataSource());
    List<String> queries = new ArrayList<>();
    Map<String, Object> provisioning = new Yaml().load(Files.readString(alertRulesFile()));
    for (Object group : (List<?>) provisioning.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        for (Object query : (List<?>) ((Map<?, ?>) rule).get("data")) {
          if (((Map<?, ?>) query).get("model") instanceof Map<?, ?> model
              && model.get("rawSql") instanceof String sql) {
            queries.add(sql);
          }
        }
      }
    }
    assertThat(queries).hasSize(5);
    try (Connection connection = services.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : queries) {
        try (ResultSet result = statement.executeQuery(sql)) {
          int columns = result.getMetaData().getColumnCount();
          assertThat(result.getMetaData().getColumnType(columns)).as("the value Grafana compares, last in %s", sql)
              .isIn(Types.DOUBLE, Types.NUMERIC, Types.BIGINT);
        }
      }
    }
  }

  private static Path alertRulesFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path rules = dir.resolve("deploy/grafana/provisioning/alerting/alert-rules.yaml");
      if (Files.exists(rules)) {
        return rules;
      }
    }
    throw new IllegalStateException("no deploy/grafana/provisioning/alerting/alert-rules.yaml above "
        + Path.of("").toAbsolutePath());
  }

  /** Runs a parkloop command and returns what it printed. */
  private static String parkloop(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(new CommandLine(new ParkloopCli()).execute(args)).as("exit code of %s", List.of(args)).isZero();
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The topic read to its end: the latest alert per key, a tombstone removing its key. */
  private static Map<String, Alert> latestPerKey(String bootstrap, String topic) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
    Map<String, Alert> latest = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, codec.decode(record.value()));
          }
        }
      }
    }
    return latest;
  }
}
