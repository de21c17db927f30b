package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.JobSettings;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.launcher.replay.Reconcile;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
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
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over the real chain (MQTT, bridge, Kafka, the live jobs, PostgreSQL), with a maximum age of two
 * hours: a late reading lands in late_reading, the pipeline reconciles, and the meter's live
 * readings of the same day and month go on. The live job must not overwrite the reconciled day
 * and month with its own totals, which lack the late reading: the exported rows equal the totals
 * computed here from the counter values.
 */
@ExtendWith(SharedServices.class)
class DayCorrectionsLiveIT {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("day-corrections-it.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """);
  private static final JobSettings SETTINGS = JobSettings.withMaxAge(Duration.ofHours(2));
  /** The 10th of the month before last, midnight in Shanghai: its month and the next day lie in the past. */
  private static final LocalDate DAY = LocalDate.now(SHANGHAI).minusMonths(2).withDayOfMonth(10);
  private static final Instant D0 = DAY.atStartOfDay(SHANGHAI).toInstant();
  private static final Instant D1 = DAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
  private static final Instant MONTH = DAY.withDayOfMonth(1).atStartOfDay(SHANGHAI).toInstant();
  private static final Duration SETTLE = Duration.ofSeconds(60);

  @AfterEach
  void leaveNothingOnTheSharedTopics(TestClassServices services) throws Exception {
    SharedTopics.empty(services.kafka().bootstrapServers());
  }

  /** The counter at hour h of the first day: 100 kWh an hour from 01:00; at midnight it read 9,950. */
  private static double counter(int h) {
    return h == 0 ? 9_950 : 10_000 + 100.0 * (h - 1);
  }

  @Test
  void liveReadingsAfterAReconciliationKeepTheLateReadingInTheDayAndMonth(TestClassServices services,
      @TempDir Path dir) throws Exception {
    // by hand: hour 0 used 50 kWh (known only from the late reading), hours 1 to 29 100 kWh each
    double firstDay = 50 + 23 * 100;
    double secondDay = 6 * 100;
    double month = firstDay + secondDay;

    ServiceOptions options = new ServiceOptions();
    options.dataDir = dir.resolve("data");
    options.mqttUrl = services.mqtt().url();
    options.kafka = services.kafka().bootstrapServers();
    options.jdbc = services.jdbcUrl();
    SharedTopics.empty(options.kafka);
    try (LocalStack stack = LocalStack.start(options);
        Pipeline pipeline = Pipeline.start(stack, () -> REFERENCE, options.dataDir, 0, 0, SETTINGS)) {
      MqttClient meter = new MqttClient(stack.mqttUrl(), "day-corrections-it", new MemoryPersistence());
      meter.connect();
      for (int h = 1; h <= 8; h++) {
        publish(meter, h);
      }
      // midnight's reading comes eight hours behind the meter's newest: beyond the maximum age
      publish(meter, 0);
      assertThat(awaitLateReading(pipeline.database())).as("midnight's reading in late_reading").isTrue();
      JobsCaughtUp.await(options.kafka, SETTLE);

      Reconcile.Summary reconciled = pipeline.reconcile();
      assertThat(reconciled.lateReadingsReconciled()).as(reconciled.line()).isEqualTo(1);
      assertThat(reconciled.line()).containsPattern("; [1-9][0-9]* day corrections published for the live job");
      assertThat(value(pipeline.database(), "enterprise", "day", D0)).isCloseTo(50 + 7 * 100, within(1e-6));

      // the same day and month go on live; the job's own total of the day lacks midnight's 50 kWh
      for (int h = 9; h <= 30; h++) {
        publish(meter, h);
      }
      meter.disconnect();
      meter.close();
      awaitValue(pipeline.database(), "enterprise", "day", D1, secondDay);
      JobsCaughtUp.await(options.kafka, SETTLE);

      for (String scope : new String[] {"enterprise", "park", "province"}) {
        DataSource database = pipeline.database();
        assertThat(value(database, scope, "day", D0)).as("%s, first day", scope).isCloseTo(firstDay, within(1e-6));
        assertThat(value(database, scope, "day", D1)).as("%s, second day", scope).isCloseTo(secondDay, within(1e-6));
        assertThat(value(database, scope, "month", MONTH)).as("%s, month", scope).isCloseTo(month, within(1e-6));
      }
    }
  }

  private static void publish(MqttClient client, int h) throws Exception {
    MqttMessage message = new MqttMessage(String.format(Locale.ROOT,
        "{\"meter\": \"E1-ELEC\", \"ts\": \"%s\", \"value\": %s}",
        OffsetDateTime.ofInstant(D0.plus(Duration.ofHours(h)), ZoneOffset.ofHours(8)), counter(h))
        .getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish("parkloop/v1/readings/E1/E1-ELEC", message);
  }

  private static boolean awaitLateReading(DataSource database) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection connection = database.getConnection();
          PreparedStatement statement = connection.prepareStatement(
              "select count(*) from late_reading where meter = 'E1-ELEC' and ts = ?")) {
        statement.setTimestamp(1, Timestamp.from(D0));
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          if (result.getLong(1) == 1) {
            return true;
          }
        }
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Waits until the row has the value, or {@link #SETTLE} has passed (the assertions after say what it is). */
  private static void awaitValue(DataSource database, String scope, String period, Instant start, double expected)
      throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline && Math.abs(value(database, scope, period, start) - expected) > 1e-6) {
      Thread.sleep(250);
    }
  }

  /** The electricity of E1, SIP or the province in a period, NaN when there is no row. */
  private static double value(DataSource database, String scopeType, String period, Instant start) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select value from indicator_value where scope_type = ? and period_type = ? and period_start = ?
            and indicator = 'electricity_kwh'""")) {
      statement.setString(1, scopeType);
      statement.setString(2, period);
      statement.setTimestamp(3, Timestamp.from(start));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getDouble(1) : Double.NaN;
      }
    }
  }
}
