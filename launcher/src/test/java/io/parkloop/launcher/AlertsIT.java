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
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.AlertRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;
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
 * Grafana alert rules' queries, each with the rows it must return, on a seeded alerts table.
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

  /**
   * The five Grafana alert rules on a table of their own (not the job's, which the other test
   * checks row for row): one open and one closed alert of each kind, an open concentration
   * warning beside the critical one, and two data-quality alerts written 10 minutes and 2 hours
   * ago. Each rule must return exactly the open alerts it notifies on, with the value Grafana's
   * threshold compares.
   */
  @Test
  void theGrafanaAlertRulesReturnTheOpenAlertsOfTheirKind(TestClassServices services) throws Exception {
    String database = services.databaseName() + "_rules";
    services.postgres().createDatabase(database);
    DataSource rulesTable = services.postgres().dataSource(database);
    Migrations.migrate(rulesTable);
    try (Connection connection = rulesTable.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("""
          insert into alerts (id, kind, scope_type, scope_id, factor, severity, opened_at, closed_at, peak_value,
                              limit_value, updated_at) values
            ('c-open', 'concentration', 'outlet', 'E2-WW1', 'w01018', 'critical', now() - interval '3 hours', null,
             91, 50, now()),
            ('c-warn', 'concentration', 'outlet', 'E2-WW1', 'w21003', 'warning', now() - interval '3 hours', null,
             5.5, 5, now()),
            ('c-closed', 'concentration', 'outlet', 'E2-WW2', 'w01018', 'critical', now() - interval '9 hours',
             now() - interval '8 hours', 64, 50, now()),
            ('p-open', 'permit', 'enterprise', 'E2', 'w01018', 'warning', now() - interval '2 days', null,
             10.8, 12, now()),
            ('p-closed', 'permit', 'enterprise', 'E3', 'w21003', 'critical', now() - interval '40 days',
             now() - interval '30 days', 2.4, 2, now()),
            ('s-open', 'silence', 'meter', 'E2-ELEC', null, 'warning', now() - interval '2 hours', null, 2, 1, now()),
            ('s-closed', 'silence', 'outlet', 'E2-WW2', null, 'warning', now() - interval '6 hours',
             now() - interval '5 hours', 3, 2, now()),
            ('t-open', 'treatment_stopped', 'outlet', 'E2-WW1', null, 'critical', now() - interval '1 hour', null,
             0.4, 1, now()),
            ('t-closed', 'treatment_stopped', 'outlet', 'E2-WW2', null, 'critical', now() - interval '3 days',
             now() - interval '2 days', 0.2, 1, now()),
            ('q-recent', 'data_quality', 'meter', 'E2-ELEC', 'counter_reset', 'warning', now() - interval '10 minutes',
             now() - interval '10 minutes', null, null, now() - interval '10 minutes'),
            ('q-old', 'data_quality', 'meter', 'E2-GAS', 'spike', 'warning', now() - interval '2 hours',
             now() - interval '2 hours', null, null, now() - interval '2 hours')""");
    }

    Map<String, String> queries = alertRuleQueries();
    assertThat(queries.keySet()).containsExactly("Concentration over limit", "Permitted annual load at risk",
        "Meter or outlet silent", "Treatment plant stopped", "Data quality");
    // only the open critical one: the warning and the closed episode do not notify
    assertThat(rows(rulesTable, queries.get("Concentration over limit")))
        .containsExactly(List.of("E2-WW1", "w01018", 1.0));
    // 100 × 10.8 kg of a 12 kg permit; the closed 120 % episode of E3 is over
    assertThat(rows(rulesTable, queries.get("Permitted annual load at risk")))
        .containsExactly(List.of("E2", "w01018", "warning", 90.0));
    assertThat(rows(rulesTable, queries.get("Meter or outlet silent")))
        .containsExactly(List.of("meter", "E2-ELEC", 1.0));
    assertThat(rows(rulesTable, queries.get("Treatment plant stopped")))
        .containsExactly(List.of("E2-WW1", 1.0));
    // closed at once, like every data-quality alert: counted when written in the last hour, not the spike 2 h ago
    assertThat(rows(rulesTable, queries.get("Data quality")))
        .containsExactly(List.of("E2-ELEC", "counter_reset", 1.0));
  }

  /** Each rule's title and the SQL of its one data-source query, in file order. */
  private static Map<String, String> alertRuleQueries() throws Exception {
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, Object> provisioning = new Yaml().load(Files.readString(alertRulesFile()));
    for (Object group : (List<?>) provisioning.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        for (Object query : (List<?>) ((Map<?, ?>) rule).get("data")) {
          if (((Map<?, ?>) query).get("model") instanceof Map<?, ?> model
              && model.get("rawSql") instanceof String sql) {
            assertThat(queries.put((String) ((Map<?, ?>) rule).get("title"), sql)).as("one query per rule").isNull();
          }
        }
      }
    }
    return queries;
  }

  /** The rows of a query in their order, each cell as JDBC returns it. */
  private static List<List<Object>> rows(DataSource database, String sql) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
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
