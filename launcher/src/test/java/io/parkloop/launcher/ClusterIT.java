package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parkloop.embedded.ChildJvm;
import io.parkloop.embedded.FlinkStandaloneCluster;
import io.parkloop.embedded.FreePorts;
import io.parkloop.embedded.KafkaBrokerProcess;
import io.parkloop.jobs.IndicatorJobMain;
import io.parkloop.launcher.ClusterDataSet.Message;
import io.parkloop.launcher.ClusterDataSet.Total;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * parkloop as deployed, each part its own OS process: a KRaft Kafka broker; Debian's Mosquitto
 * with deploy/mosquitto's configuration and ACL; {@code parkloop migrate}, then
 * {@code parkloop bridge} from the launcher jar, logging in with the bridge's account; a Flink
 * standalone cluster (JobManager, TaskManager) running the shaded job jar submitted over REST; the
 * database ({@link ClusterDatabase}). Enterprises publish a day of readings; halfway, the
 * TaskManager is killed with SIGKILL and a new one started. The export must then hold exactly the
 * day totals {@link ClusterDataSet} worked out, each row once, and the job must have resumed from
 * a checkpoint (Flink's REST API says which).
 */
class ClusterIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterIT.class);
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration CATCH_UP = Duration.ofMinutes(4);
  private static final String BRIDGE_ACCOUNT = "parkloop-bridge";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The bridge's counter of readings handed to Kafka. */
  private static final String READINGS_METRIC = "parkloop_ingest_readings_total";

  @TempDir Path work;

  @Test
  void theDeployedShapeSurvivesATaskManagerKillWithExactTotals() throws Exception {
    long began = System.nanoTime();
    Path launcherJar = existing("parkloop.launcherJar");
    Path jobJar = existing("parkloop.jobJar");
    Path reference = Files.writeString(work.resolve("reference.yaml"), ClusterDataSet.REFERENCE_YAML);
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put(BRIDGE_ACCOUNT, "bridge-" + System.nanoTime());
    ClusterDataSet.ENTERPRISES.forEach(enterprise -> passwords.put(enterprise, enterprise + "-" + System.nanoTime()));

    CompletableFuture<FlinkStandaloneCluster> flinkStart = CompletableFuture.supplyAsync(
        () -> FlinkStandaloneCluster.start(work.resolve("flink"), FlinkStandaloneCluster.classPathFromResource(), 2));
    try (ClusterDatabase database = ClusterDatabase.start();
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(work.resolve("kafka"), 0);
        ShippedMosquitto mosquitto = ShippedMosquitto.start(existing("parkloop.deploy").resolve("mosquitto"),
            work.resolve("mqtt"), passwords);
        FlinkStandaloneCluster flink = flinkStart.join()) {
      LOG.info("CLUSTER services up after {} s: Kafka process {}, Mosquitto {}, Flink {}, database {}",
          seconds(began), kafka.pid(), mosquitto.url(), flink.restUrl(), database.describe());

      ChildJvm migrate = ChildJvm.startJar("parkloop-migrate", launcherJar, List.of("-Xmx256m"),
          List.of("migrate", "--jdbc", database.jdbcUrl(), "--reference", reference.toString()), Map.of(),
          work.resolve("migrate.log"));
      assertThat(migrate.awaitExit(START)).as("parkloop migrate's exit code; its output:%n%s", migrate.readLog())
          .isZero();
      assertThat(migrate.readLog()).contains("migration(s) applied", "mirrored: 2 parks, 3 enterprises, 5 meters");

      int metricsPort = FreePorts.pick();
      try (ChildJvm bridge = ChildJvm.startJar("parkloop-bridge", launcherJar, List.of("-Xmx384m"),
          List.of("bridge", "--reference", reference.toString(), "--hj212-port", "0",
              "--metrics-port", Integer.toString(metricsPort), "--status-every", "10s"),
          Map.of("PARKLOOP_MQTT_URL", mosquitto.url(), "PARKLOOP_KAFKA", kafka.bootstrapServers(),
              "PARKLOOP_MQTT_USERNAME", BRIDGE_ACCOUNT, "PARKLOOP_MQTT_PASSWORD", passwords.get(BRIDGE_ACCOUNT)),
          work.resolve("bridge.log"))) {
        bridge.awaitLogLine("parkloop: bridge running", START);

        String jobId = flink.rest().runJar(flink.rest().uploadJar(jobJar), IndicatorJobMain.class.getName(),
            List.of("--reference", reference.toString(), "--kafka", kafka.bootstrapServers(),
                "--jdbc", database.jdbcUrl()));
        await("the job running on the cluster", START, () -> flink.rest().isFullyRunning(jobId), flink, jobId);
        LOG.info("CLUSTER job {} running after {} s", jobId, seconds(began));

        List<Message> messages = ClusterDataSet.messages();
        int half = messages.size() / 2;
        try (Enterprises enterprises = Enterprises.connect(mosquitto.url(), passwords)) {
          enterprises.publish(messages.subList(0, half));
          await("the first half through the bridge", CATCH_UP, () -> metric(metricsPort, READINGS_METRIC) >= half, flink, jobId);
          await("indicator rows from the first half", CATCH_UP, () -> indicatorRows(database) > 0, flink, jobId);
          long checkpointsBefore = completedCheckpoints(flink, jobId);
          await("a checkpoint after the first rows", CATCH_UP,
              () -> completedCheckpoints(flink, jobId) > checkpointsBefore, flink, jobId);

          CountDownLatch quarterSent = new CountDownLatch(1);
          CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(() -> enterprises.publishPaced(
              messages.subList(half, messages.size()), Duration.ofSeconds(20), quarterSent));
          assertThat(quarterSent.await(2, TimeUnit.MINUTES)).isTrue();
          ChildJvm killed = flink.taskManagers().get(0);
          long killedPid = killed.pid();
          killed.kill();
          assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
          LOG.info("CLUSTER TaskManager process {} killed with SIGKILL mid-stream after {} s", killedPid, seconds(began));
          await("the job to notice the lost TaskManager", START, () -> !flink.rest().isFullyRunning(jobId), flink, jobId);
          ChildJvm replacement = flink.startTaskManager();
          await("the job running again on the new TaskManager", START, () -> flink.rest().isFullyRunning(jobId), flink,
              jobId);
          LOG.info("CLUSTER job running again on TaskManager process {} after {} s", replacement.pid(), seconds(began));
          secondHalf.get(2, TimeUnit.MINUTES);
        }

        JsonNode restored = flink.rest().checkpoints(jobId).path("latest").path("restored");
        assertThat(restored.isObject()).as("the job's restored checkpoint: %s", restored).isTrue();
        assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
        assertThat(restored.path("id").asLong()).isPositive();
        assertThat(Path.of(URI.create(restored.path("external_path").asText()))).startsWith(flink.checkpoints());

        await("every reading through the bridge", CATCH_UP, () -> metric(metricsPort, READINGS_METRIC) >= messages.size(),
            flink, jobId);
        Map<Total, Long> expected = ClusterDataSet.dayTotals();
        await("the export to show the day's totals", CATCH_UP, () -> exportedTotals(database).equals(expected), flink,
            jobId);

        Path csv = work.resolve("export.csv");
        ChildJvm export = ChildJvm.startJar("parkloop-export", launcherJar, List.of("-Xmx256m"),
            List.of("export", "--jdbc", database.jdbcUrl(), "--period-type", "day", "--from",
                ClusterDataSet.DAY.toString(), "--to", ClusterDataSet.DAY.toString(), "--out", csv.toString()),
            Map.of(), work.resolve("export.log"));
        assertThat(export.awaitExit(START)).as("parkloop export's output:%n%s", export.readLog()).isZero();
        List<String> rows = csvRows(Files.readString(csv, StandardCharsets.UTF_8));
        assertThat(rows).as("each exported row once").doesNotHaveDuplicates();
        assertThat(rows.stream().map(ClusterIT::rowKey).toList()).as("each scope, period and indicator once")
            .doesNotHaveDuplicates();
        assertThat(totalsOf(rows)).isEqualTo(expected);
        assertThat(storedReadings(database)).as("readings stored, each once").isEqualTo(messages.size());
        assertThat(metric(metricsPort, "parkloop_ingest_dead_letters_total")).as("dead letters").isZero();
      }
      LOG.info("CLUSTER RESULT: {} readings, TaskManager killed and replaced, restored from checkpoint, {} day totals"
          + " exact; {} s in all", ClusterDataSet.messages().size(), ClusterDataSet.dayTotals().size(), seconds(began));
    }
  }

  /** The three enterprises' gateways, each logged in with its own account and publishing to its own topics only. */
  private record Enterprises(Map<String, MqttClient> clients) implements AutoCloseable {
    static Enterprises connect(String url, Map<String, String> passwords) throws Exception {
      Map<String, MqttClient> clients = new HashMap<>();
      for (String enterprise : ClusterDataSet.ENTERPRISES) {
        MqttClient client = new MqttClient(url, "gateway-" + enterprise, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(enterprise);
        options.setPassword(passwords.get(enterprise).getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options);
        clients.put(enterprise, client);
      }
      return new Enterprises(clients);
    }

    /** QoS 1, each message acknowledged by the broker as accepted before the next. */
    void publish(List<Message> messages) {
      for (Message message : messages) {
        publishOne(message);
      }
    }

    void publishPaced(List<Message> messages, Duration over, CountDownLatch quarterSent) {
      long pause = over.toMillis() / messages.size();
      for (int i = 0; i < messages.size(); i++) {
        publishOne(messages.get(i));
        if (i == messages.size() / 4) {
          quarterSent.countDown();
        }
        sleep(pause);
      }
    }

    private void publishOne(Message message) {
      try {
        MqttMessage mqtt = new MqttMessage(message.payload().getBytes(StandardCharsets.UTF_8));
        mqtt.setQos(1);
        IMqttToken token = clients.get(message.enterprise()).getTopic(message.topic()).publish(mqtt);
        token.waitForCompletion(10_000);
        for (int code : token.getReasonCodes()) {
          if (code >= 0x80) {
            throw new IllegalStateException("the broker refused " + message + " with reason code " + code);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("publishing " + message + " failed", e);
      }
    }

    @Override
    public void close() throws Exception {
      for (MqttClient client : clients.values()) {
        client.disconnect();
        client.close();
      }
    }
  }

  /** A counter of the bridge's own /metrics, summed over its labels; -1 while the bridge does not answer. */
  private static long metric(int metricsPort, String name) {
    try {
      String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
          .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip())).sum();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private static long completedCheckpoints(FlinkStandaloneCluster flink, String jobId) {
    return flink.rest().checkpoints(jobId).path("counts").path("completed").asLong();
  }

  private static long indicatorRows(ClusterDatabase database) {
    return count(database, "select count(*) from indicator_value");
  }

  private static long storedReadings(ClusterDatabase database) {
    return count(database, "select count(*) from reading");
  }

  private static long count(ClusterDatabase database, String sql) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
        Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** The day totals of the export as the test compares them, from the rows of {@code parkloop export}'s CSV. */
  private static Map<Total, Long> exportedTotals(ClusterDatabase database) throws Exception {
    return totalsOf(ChainOutput.exportedRows(database.jdbcUrl()));
  }

  private static Map<Total, Long> totalsOf(List<String> rows) {
    Map<Total, Long> totals = new java.util.TreeMap<>(java.util.Comparator.comparing(Total::scopeType)
        .thenComparing(Total::scopeId).thenComparing(Total::indicator));
    String day = "," + ClusterDataSet.DAY + "T";
    for (String row : rows) {
      String[] fields = row.split(",");
      boolean wanted = (fields[0].equals("enterprise") || fields[0].equals("park")) && fields[2].equals("day")
          && row.contains(day) && (fields[4].equals("electricity_kwh") || fields[4].equals("fresh_water_m3"));
      if (wanted) {
        double value = Double.parseDouble(fields[5]);
        // a fraction would be a wrong total, not one to round away
        totals.put(new Total(fields[0], fields[1], fields[4]), value == Math.rint(value) ? (long) value : -1);
      }
    }
    return totals;
  }

  private static List<String> csvRows(String csv) {
    List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(0)).isEqualTo("scope_type,scope_id,period_type,period_start,indicator,value,unit");
    return lines.subList(1, lines.size());
  }

  private static String rowKey(String row) {
    String[] fields = row.split(",");
    return String.join(",", fields[0], fields[1], fields[2], fields[3], fields[4]);
  }

  /** Polls until {@code condition} holds; on time-out fails with the job's state and failures. */
  private static void await(String what, Duration timeout, Condition condition, FlinkStandaloneCluster flink,
      String jobId) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " in vain; job "
            + (jobId == null ? "-" : flink.rest().job(jobId).path("state") + ", failures "
            + flink.rest().exceptions(jobId).path("exceptionHistory").path("entries")));
      }
      Thread.sleep(500);
    }
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s (set by the launcher's failsafe configuration)", property).isNotNull();
    Path path = Path.of(value);
    assertThat(path).as("%s: build with mvn -pl launcher -am verify, which packages it first", property).exists();
    return path;
  }

  private static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
