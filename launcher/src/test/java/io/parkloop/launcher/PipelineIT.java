package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's end-to-end check on real services (Kafka KRaft, HiveMQ, PostgreSQL) started
 * the way the demo starts them: readings published over MQTT end as indicator rows in
 * PostgreSQL, and a bad payload ends on the dead-letter topic with its reason.
 */
@ExtendWith(SharedServices.class)
class PipelineIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("pipeline-it.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E1-FW, enterprise: E1, medium: fresh_water, reading: cumulative, unit: m3}
      """);
  /** Yesterday in Shanghai: in the past, so no reading is refused as from the future. */
  private static final LocalDate DAY = LocalDate.now(SHANGHAI).minusDays(1);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(SHANGHAI).toInstant();

  @Test
  void readingsPublishedOverMqttBecomeIndicatorRowsInPostgres(TestClassServices services, @TempDir Path dataDir)
      throws Exception {
    ServiceOptions options = new ServiceOptions();
    options.dataDir = dataDir;
    options.mqttUrl = services.mqtt().url();
    options.kafka = services.kafka().bootstrapServers();
    options.jdbc = services.jdbcUrl();
    SharedTopics.empty(options.kafka); // what other classes' pipelines left there is no part of this test

    try (LocalStack stack = LocalStack.start(options);
        Pipeline pipeline = Pipeline.start(stack, () -> REFERENCE, dataDir, 0)) {
      // hostile records first, on both topics the jobs consume: the readings after them must still count
      poisonAndTombstone(options.kafka, Topics.READINGS);
      poisonAndTombstone(options.kafka, Topics.STATISTICS);
      MqttClient device = new MqttClient(stack.mqttUrl(), "pipeline-it-device", new MemoryPersistence());
      device.connect();
      // 08:00 to 12:00, every 15 minutes: 250 kWh and 3 m³ per quarter hour; one gateway batch in MWh
      for (int quarter = 0; quarter <= 16; quarter++) {
        Instant t = MIDNIGHT.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(15L * quarter));
        publish(device, "parkloop/v1/readings/E1/E1-ELEC", quarter == 8
            ? "[" + reading("E1-ELEC", t, (10_000 + 250 * quarter) / 1000.0, "MWh") + "]"
            : reading("E1-ELEC", t, 10_000 + 250 * quarter, "kWh"));
        publish(device, "parkloop/v1/readings/E1/E1-FW", reading("E1-FW", t, 500 + 3 * quarter, "m3"));
      }
      publish(device, "parkloop/v1/readings/E1/E1-ELEC", reading("E1-ELEC", MIDNIGHT.plus(Duration.ofHours(9)), 11_000, "kWh"));
      publish(device, "parkloop/v1/readings/E1/NOPE", reading("NOPE", MIDNIGHT, 1, "kWh"));
      device.disconnect();
      device.close();

      assertThat(awaitValue(pipeline, "enterprise", "E1", "energy_tce", 4_000 * 0.0001229))
          .as("E1's energy that day, tce").hasValueCloseTo(4_000 * 0.0001229, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(awaitValue(pipeline, "park", "SIP", "fresh_water_m3", 48)).hasValueCloseTo(48.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(awaitValue(pipeline, "province", Province.NAME, "electricity_kwh", 4_000)).hasValueCloseTo(4_000.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(pipeline.metrics().deadLettersByReason()).containsEntry("unknown_meter", 1L);
      assertThat(pipeline.jobCounter(io.parkloop.jobs.functions.MeterConsumption.UNATTRIBUTED)).isZero();

      // the live dead letter reaches the table too, and a restart of the jobs does not copy it twice:
      // the second one, sent after the restart, is the barrier that the first was read again by then
      assertThat(awaitDeadLetters(pipeline, 1)).containsExactly("unknown_meter mqtt:parkloop/v1/readings/E1/NOPE");
      pipeline.restartJobs();
      MqttClient again = new MqttClient(stack.mqttUrl(), "pipeline-it-device-2", new MemoryPersistence());
      again.connect();
      publish(again, "parkloop/v1/readings/E1/E1-FW", "{\"meter\": ");
      again.disconnect();
      again.close();
      assertThat(awaitDeadLetters(pipeline, 2)).containsExactly("malformed_json mqtt:parkloop/v1/readings/E1/E1-FW",
          "unknown_meter mqtt:parkloop/v1/readings/E1/NOPE");
    }
    assertThat(deadLetterReasons(services.kafka().bootstrapServers())).contains("unknown_meter");
  }

  /** A record that is no Avro message of the topic's type, and a tombstone, acknowledged by the broker. */
  private static void poisonAndTombstone(String kafka, String topic) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      byte[] key = "E1-ELEC".getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(topic, key, "{\"meter\": \"E1-ELEC\"}".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(topic, key, null)).get();
    }
  }

  private static String reading(String meter, Instant t, double value, String unit) {
    return String.format(java.util.Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s, \"unit\": \"%s\"}",
        meter, OffsetDateTime.ofInstant(t, Province.ZONE), value, unit);
  }

  private static void publish(MqttClient client, String topic, String payload) throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  /** Polls the day row until it holds the expected value or a minute has passed; returns the last value seen. */
  private static OptionalDouble awaitValue(Pipeline pipeline, String scopeType, String scopeId, String indicator,
      double expected) throws Exception {
    OptionalDouble last = OptionalDouble.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection connection = pipeline.database().getConnection();
          PreparedStatement statement = connection.prepareStatement("""
              select value from indicator_value where scope_type = ? and scope_id = ? and period_type = 'day'
              and period_start = ? and indicator = ?""")) {
        statement.setString(1, scopeType);
        statement.setString(2, scopeId);
        statement.setTimestamp(3, Timestamp.from(MIDNIGHT));
        statement.setString(4, indicator);
        try (ResultSet result = statement.executeQuery()) {
          last = result.next() ? OptionalDouble.of(result.getDouble(1)) : OptionalDouble.empty();
        }
      }
      if (last.isPresent() && Math.abs(last.getAsDouble() - expected) < 1e-9) {
        return last;
      }
      Thread.sleep(250);
    }
    return last;
  }

  /** The dead_letter table's rows as "reason source", once it holds {@code expected} or after a minute. */
  private static List<String> awaitDeadLetters(Pipeline pipeline, int expected) throws Exception {
    List<String> rows = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      rows = new java.util.ArrayList<>();
      try (Connection connection = pipeline.database().getConnection();
          PreparedStatement statement = connection.prepareStatement(
              "select reason || ' ' || source from dead_letter order by 1");
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      if (rows.size() >= expected) {
        return rows;
      }
      Thread.sleep(250);
    }
    return rows;
  }

  private static List<String> deadLetterReasons(String bootstrap) throws Exception {
    return ChainOutput.deadLetters(bootstrap, 1).stream().map(CrashDataSet.DeadLetterKey::reason).toList();
  }
}
