package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.functions.MeterConsumption;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.launcher.replay.ReplaySummary;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.storage.AlertRecord;
import io.parkloop.storage.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live check over the real chain (MQTT broker, bridge, Kafka, the Flink jobs on a
 * MiniCluster, PostgreSQL): a gateway and an HJ 212 analyser come back after 72 hours offline and
 * flush their backlog while the other meters keep reporting. The exported indicators and the
 * alert table then equal those of an in-order replay of the same data, and the day totals equal
 * the ones the data set computes from its generating values.
 */
@ExtendWith(SharedServices.class)
class BacklogLiveIT {
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @AfterEach
  void leaveNothingOnTheSharedTopics(TestClassServices services) throws Exception {
    SharedTopics.empty(services.kafka().bootstrapServers());
  }

  @Test
  void aBacklogFlushedAfter72HoursCountsLiveAsInAnInOrderReplay(TestClassServices services, @TempDir Path dir)
      throws Exception {
    BacklogDataSet data = new BacklogDataSet(LocalDate.now(BacklogDataSet.SHANGHAI));
    // the bridge keys readings by meter: the live meters must move every partition's event time
    assertThat(BacklogDataSet.LIVE_METERS.stream().map(BacklogLiveIT::partition).distinct().count())
        .as("partitions of the live meters").isEqualTo(Pipeline.READING_PARTITIONS);
    ReferenceData reference = ReferenceLoader.parse("backlog-it.yaml", BacklogDataSet.REFERENCE_YAML);

    String replayJdbc = services.postgres().createDatabase(services.databaseName() + "_replay");
    Path readings = Files.write(dir.resolve("readings.jsonl"), data.readingLinesInOrder(), StandardCharsets.UTF_8);
    Path packets = Files.write(dir.resolve("packets.h212"), data.packetLinesInOrder(), StandardCharsets.US_ASCII);
    ReplaySummary replayed = new Replay(reference, replayJdbc).run(new ReplayFiles(readings, packets, null));
    assertThat(replayed.late()).isZero();
    assertThat(replayed.unattributed()).isZero();
    List<String> replayRows = ChainOutput.exportedRows(replayJdbc);
    List<AlertRecord> replayAlerts = AlertQueries.list(Databases.dataSource(replayJdbc), AlertFilter.all());

    ServiceOptions options = new ServiceOptions();
    options.dataDir = dir.resolve("live");
    options.mqttUrl = services.mqtt().url();
    options.kafka = services.kafka().bootstrapServers();
    options.jdbc = services.jdbcUrl();
    SharedTopics.empty(options.kafka);
    try (LocalStack stack = LocalStack.start(options);
        Pipeline pipeline = Pipeline.start(stack, () -> reference, options.dataDir, 0)) {
      MqttClient devices = new MqttClient(stack.mqttUrl(), "backlog-it-devices", new MemoryPersistence());
      devices.connect();
      publish(devices, data.liveUntilBack());
      // the barrier: E1-GAS's silence from hour 90 is in the table, so event time has passed hour 91
      // while the gateway and the analyser were away: their backlog now lies three days behind it
      assertThat(awaitSilenceOf(pipeline.database(), "E1-GAS")).as("E1-GAS's silence alert").isTrue();
      publish(devices, data.liveFromBack());
      devices.disconnect();
      devices.close();

      List<String> liveRows = awaitRows(services.jdbcUrl(), replayRows);
      assertThat(liveRows).as(ChainOutput.difference(replayRows, liveRows)).containsExactlyInAnyOrderElementsOf(replayRows);
      assertThat(awaitAlerts(pipeline.database(), replayAlerts)).isEqualTo(replayAlerts);
      assertThat(pipeline.jobCounter(MeterConsumption.UNATTRIBUTED)).isZero();
      assertThat(pipeline.jobCounter("lateReadings")).isZero();
    }

    // and both equal the totals computed from the generating values, not by the job
    DataSource live = services.dataSource();
    for (String[] scope : List.of(new String[] {"enterprise", "E1", "electricity_kwh"},
        new String[] {"enterprise", "E2", "electricity_kwh"}, new String[] {"park", "SIP", "electricity_kwh"},
        new String[] {"enterprise", "E1", "fresh_water_m3"}, new String[] {"enterprise", "E1", "cod_kg"},
        new String[] {"park", "SIP", "cod_kg"})) {
      for (Map.Entry<LocalDate, Double> day : data.dailyTruth(scope[1], scope[2]).entrySet()) {
        assertThat(dayValue(live, scope[0], scope[1], scope[2], day.getKey()))
            .as("%s %s %s on %s", scope[0], scope[1], scope[2], day.getKey()).isCloseTo(day.getValue(), within(1e-6));
      }
    }
    // E1-GAS's gap is the only silence: in event time the gateway and the analyser never were silent,
    // so the silences the live run raised while they were away were withdrawn when their backlog came
    assertThat(replayAlerts).filteredOn(alert -> alert.kind().equals("silence"))
        .extracting(AlertRecord::scopeId, AlertRecord::openedAt, AlertRecord::closedAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1-GAS", data.hour(BacklogDataSet.GAS_SILENT_FROM + 1),
            data.hour(BacklogDataSet.GAS_BACK_AT)));
    // the two COD episodes, the second seen only in the analyser's re-uploaded hours
    assertThat(replayAlerts).filteredOn(alert -> alert.kind().equals("concentration"))
        .extracting(AlertRecord::openedAt, AlertRecord::closedAt, AlertRecord::peakValue)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(data.hour(10), data.hour(14), 71.0),
            org.assertj.core.groups.Tuple.tuple(data.hour(40), data.hour(45), 88.0));
  }

  /** The partition Kafka's default partitioner gives a record keyed by this meter. */
  private static int partition(String meter) {
    return Utils.toPositive(Utils.murmur2(meter.getBytes(StandardCharsets.UTF_8))) % Pipeline.READING_PARTITIONS;
  }

  private static void publish(MqttClient client, List<BacklogDataSet.Message> messages) throws Exception {
    for (BacklogDataSet.Message message : messages) {
      MqttMessage mqtt = new MqttMessage(message.payload());
      mqtt.setQos(1);
      client.publish(message.topic(), mqtt);
    }
  }

  /** Whether a silence alert of the meter reached the table within {@link #SETTLE}. */
  private static boolean awaitSilenceOf(DataSource database, String meter) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      if (AlertQueries.list(database, AlertFilter.all()).stream()
          .anyMatch(alert -> alert.kind().equals("silence") && alert.scopeId().equals(meter))) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** The live export once it equals the replay's, or as it is after {@link #SETTLE}. */
  private static List<String> awaitRows(String jdbcUrl, List<String> expected) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> rows = ChainOutput.exportedRows(jdbcUrl);
    while (System.nanoTime() < deadline && !(rows.size() == expected.size() && rows.containsAll(expected))) {
      Thread.sleep(500);
      rows = ChainOutput.exportedRows(jdbcUrl);
    }
    return rows;
  }

  /** The live alert table once it equals the replay's, or as it is after {@link #SETTLE}. */
  private static List<AlertRecord> awaitAlerts(DataSource database, List<AlertRecord> expected) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<AlertRecord> alerts = AlertQueries.list(database, AlertFilter.all());
    while (System.nanoTime() < deadline && !alerts.equals(expected)) {
      Thread.sleep(500);
      alerts = AlertQueries.list(database, AlertFilter.all());
    }
    return alerts;
  }

  private static double dayValue(DataSource database, String scopeType, String scopeId, String indicator,
      LocalDate day) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select value from indicator_value where scope_type = ? and scope_id = ? and period_type = 'day'
            and period_start = ? and indicator = ?""")) {
      statement.setString(1, scopeType);
      statement.setString(2, scopeId);
      statement.setTimestamp(3, Timestamp.from(day.atStartOfDay(BacklogDataSet.SHANGHAI).toInstant()));
      statement.setString(4, indicator);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getDouble(1) : Double.NaN;
      }
    }
  }
}
