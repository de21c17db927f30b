package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.jobs.functions.MeterConsumption;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceWatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A meter and an outlet added to reference.yaml while the pipeline runs (as {@code parkloop run}
 * runs it, with the reference file watched) count in the indicators from their first reading,
 * and no reading goes unattributed.
 */
@ExtendWith(SharedServices.class)
class ReferenceChangeIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final LocalDate DAY = LocalDate.now(SHANGHAI).minusDays(1);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(SHANGHAI).toInstant();
  private static final String MN = "88888880000017";
  private static final String BEFORE = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """;
  private static final String AFTER = BEFORE + """
        - {id: E1-GAS, enterprise: E1, medium: natural_gas, reading: cumulative, unit: m3}
      outlets:
        - {id: E1-WW1, enterprise: E1, type: water, mn: "%s", limits_mg_per_l: {w01018: 50}}
      """.formatted(MN);

  @AfterEach
  void leaveNothingOnTheSharedTopics(TestClassServices services) throws Exception {
    SharedTopics.empty(services.kafka().bootstrapServers());
  }

  @Test
  void aMeterAndAnOutletAddedWhileRunningCountFromTheirFirstReading(TestClassServices services, @TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("reference.yaml"), BEFORE, StandardCharsets.UTF_8);
    ServiceOptions options = new ServiceOptions();
    options.dataDir = dir.resolve("data");
    options.mqttUrl = services.mqtt().url();
    options.kafka = services.kafka().bootstrapServers();
    options.jdbc = services.jdbcUrl();
    SharedTopics.empty(options.kafka);
    try (ReferenceWatcher references = new ReferenceWatcher(file, 200, message -> {});
        LocalStack stack = LocalStack.start(options);
        Pipeline pipeline = Pipeline.start(stack, references, options.dataDir, 0)) {
      MqttClient devices = new MqttClient(stack.mqttUrl(), "reference-change-it", new MemoryPersistence());
      devices.connect();
      for (int hour = 0; hour <= 4; hour++) {
        publish(devices, "parkloop/v1/readings/E1/E1-ELEC", reading("E1-ELEC", hour, 1_000 + 500 * hour));
      }

      Files.writeString(file, AFTER, StandardCharsets.UTF_8);
      // a later modification time whatever the file system's clock granularity
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (pipeline.referenceSwitches() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(pipeline.referenceSwitches()).as("the jobs switched to the new reference data").isEqualTo(1);

      // 10 m³ of gas an hour for four hours; 0.25 kg of COD an hour for four hours
      for (int hour = 0; hour <= 4; hour++) {
        publish(devices, "parkloop/v1/readings/E1/E1-GAS", reading("E1-GAS", hour, 300 + 10 * hour));
      }
      for (int hour = 0; hour < 4; hour++) {
        publish(devices, "parkloop/v1/hj212/" + MN, packet(hour));
      }
      devices.disconnect();
      devices.close();

      assertThat(awaitDayValue(pipeline, "natural_gas_m3", 40)).isCloseTo(40, within(1e-9));
      assertThat(awaitDayValue(pipeline, "cod_kg", 1)).isCloseTo(1, within(1e-9));
      double tce = 2_000 * 0.1229 / 1000 + 40 * 1.2143 / 1000;
      assertThat(awaitDayValue(pipeline, "energy_tce", tce)).isCloseTo(tce, within(1e-9));
      assertThat(pipeline.jobCounter(MeterConsumption.UNATTRIBUTED)).isZero();
    }
  }

  private static String reading(String meter, int hour, double value) {
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s}", meter,
        OffsetDateTime.ofInstant(MIDNIGHT.plus(Duration.ofHours(hour)), Province.ZONE), value);
  }

  private static String packet(int hour) {
    return new String(Hj212Upload.of("2061", MN, MIDNIGHT.plus(Duration.ofHours(hour)),
        "w01018-Avg=25.0,w01018-Cou=0.25,w01018-Flag=N;w00000-Cou=10,w00000-Flag=N").frame(), StandardCharsets.US_ASCII);
  }

  private static void publish(MqttClient client, String topic, String payload) throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  /** E1's value of the day once it is the expected one, or the last seen after a minute and a half (NaN for none). */
  private static double awaitDayValue(Pipeline pipeline, String indicator, double expected) throws Exception {
    double last = Double.NaN;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection connection = pipeline.database().getConnection();
          PreparedStatement statement = connection.prepareStatement("""
              select value from indicator_value where scope_type = 'enterprise' and scope_id = 'E1'
              and period_type = 'day' and period_start = ? and indicator = ?""")) {
        statement.setTimestamp(1, Timestamp.from(MIDNIGHT));
        statement.setString(2, indicator);
        try (ResultSet result = statement.executeQuery()) {
          last = result.next() ? result.getDouble(1) : Double.NaN;
        }
      }
      if (Math.abs(last - expected) < 1e-9) {
        return last;
      }
      Thread.sleep(250);
    }
    return last;
  }
}
