package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.RequiredTool;
import io.parkloop.ingest.IngestMetrics;
import io.parkloop.launcher.CrashDataSet.DeadLetterKey;
import io.parkloop.reference.Meter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash suite (issue #9): one data set streamed over MQTT through the bridge, Kafka and the
 * Flink jobs into PostgreSQL, once undisturbed and once per scenario on fresh services, while one
 * part of the chain is killed or stopped and brought back. Each scenario must end with exactly
 * the undisturbed run's export (nothing lost, nothing doubled) and exactly the bad inputs on the
 * dead-letter topic, each once. See {@link CrashPlan} for the seed and the short and long
 * variants, docs/reliability.md for the results.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
  private static final CrashPlan PLAN = CrashPlan.fromSystemProperties();
  private static final Duration CATCH_UP = Duration.ofSeconds(150);
  private static List<String> undisturbed;

  @BeforeAll
  static void runUndisturbed(@TempDir Path dir) throws Exception {
    RequiredTool.MOSQUITTO.require();
    LOG.info("crash suite: {}", PLAN.describe());
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      undisturbed = awaitCompleteExport(run);
      assertThat(run.deadLetters()).containsExactlyInAnyOrderElementsOf(CrashDataSet.expectedDeadLetters().keySet());
      report("undisturbed", run, "%d indicator rows", undisturbed.size());
    }
  }

  /**
   * Each kill waits for its point in the stream and for a checkpoint of the running jobs, then
   * strikes at a seeded moment of the next checkpoint interval: before, during or after the
   * next checkpoint. Every restart must resume from a checkpoint, not from the start.
   */
  @Test
  @Order(1)
  void flinkJobsKilledAtSeededPointsResumeFromTheirLatestCheckpoint(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      List<Integer> points = PLAN.killPoints(run.publisher().total());
      List<Long> phases = PLAN.killPhasesMillis(Pipeline.CHECKPOINT_INTERVAL);
      List<String> resumedFrom = new ArrayList<>();
      Optional<Path> previous = Optional.empty();
      for (int i = 0; i < points.size(); i++) {
        run.publisher().awaitPublished(points.get(i));
        previous = run.awaitNewCheckpoint(previous, CATCH_UP);
        Thread.sleep(phases.get(i));
        Optional<Path> resumed = run.pipeline().restartJobs();
        assertThat(resumed).as("the checkpoint kill %d resumed from", i + 1).isPresent();
        resumedFrom.add(resumed.get().getFileName().toString());
        previous = resumed;
      }
      assertSameAsUndisturbed(run, "flink-job-kills", "%d kills after messages %s, %s ms into a checkpoint "
          + "interval; resumed from %s", points.size(), points, phases, resumedFrom);
    }
  }

  @Test
  @Order(2)
  void aBridgeKilledWithSigkillAndRestartedLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inChildProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "bridge");
      Optional<Path> checkpoint = run.awaitNewCheckpoint(Optional.empty(), CATCH_UP);
      int killedAt = run.publisher().published();
      run.killProcess();
      Thread.sleep(PLAN.otherOutage().toMillis());
      run.startProcess();
      assertSameAsUndisturbed(run, "bridge-sigkill", "process of bridge and jobs killed after message %d with "
          + "checkpoint %s, away %d s", killedAt, checkpoint.map(Path::getFileName).orElse(null),
          PLAN.otherOutage().toSeconds());
    }
  }

  @Test
  @Order(3)
  void aRestartedKafkaBrokerLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "kafka");
      run.services.stopKafka();
      Thread.sleep(PLAN.otherOutage().toMillis());
      run.services.startKafka();
      assertSameAsUndisturbed(run, "kafka-restart", "stopped after message %d for %d s", point,
          PLAN.otherOutage().toSeconds());
    }
  }

  /** Also the back-pressure test: the bridge goes on, Kafka holds the backlog, the heap stays flat, the job catches up. */
  @Test
  @Order(4)
  void postgresDownForAWhileHoldsTheBacklogInKafkaAndCatchesUp(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "postgres");
      PipelineLag lag = run.pipeline().lag();
      long heapBefore = usedHeapAfterGc();
      long readingsBefore = run.pipeline().metrics().readingsOut();
      run.services.stopPostgres();
      Thread.sleep(PLAN.postgresOutage().toMillis() / 2);
      long heapDuring = usedHeapAfterGc();
      Thread.sleep(PLAN.postgresOutage().toMillis() / 2);
      long acceptedDuringOutage = run.pipeline().metrics().readingsOut() - readingsBefore;
      OptionalLong lagAtEnd = lag.readingsBehind();
      OptionalDouble writeAgeAtEnd = lag.secondsSinceNewestWrite();
      long heapAtEnd = usedHeapAfterGc();
      run.services.startPostgres();
      long restarted = System.nanoTime();
      List<String> rows = run.awaitExport(undisturbed, CATCH_UP);
      long catchUpSeconds = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();
      long heapAfter = usedHeapAfterGc();

      assertThat(acceptedDuringOutage).as("readings the bridge sent to Kafka while PostgreSQL was down").isPositive();
      assertThat(lagAtEnd.orElse(0)).as("the job's lag shown at the outage's end").isPositive();
      assertThat(writeAgeAtEnd).as("the write age while the database is down").isEmpty();
      assertThat(lag.secondsSinceNewestWrite()).as("the write age once it is back").isPresent();
      assertSame(rows, run);
      report("postgres-outage", run, "down after message %d for %d s; the bridge accepted %d readings meanwhile; "
          + "job lag at the outage's end %d; caught up %d s after the restart (incl. %d s re-check); "
          + "heap used after GC before/during/end/after: %d/%d/%d/%d MB", point, PLAN.postgresOutage().toSeconds(),
          acceptedDuringOutage, lagAtEnd.getAsLong(), catchUpSeconds, CrashScenario.SETTLE.toSeconds(),
          mb(heapBefore), mb(heapDuring), mb(heapAtEnd), mb(heapAfter));
    }
  }

  @Test
  @Order(5)
  void aRestartedMqttBrokerKeepsTheBridgesSessionAndLosesNothing(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "mqtt");
      IngestMetrics metrics = run.pipeline().metrics();
      long[] resubscribedMillis = new long[1];
      run.publisher().whileHeld(() -> {
        run.services.stopMqtt();
        awaitBridgeSubscribed(metrics, false);
        Thread.sleep(PLAN.otherOutage().toMillis());
        run.services.startMqtt();
        long started = System.nanoTime();
        awaitBridgeSubscribed(metrics, true);
        resubscribedMillis[0] = Duration.ofNanos(System.nanoTime() - started).toMillis();
      });
      assertSameAsUndisturbed(run, "mqtt-restart", "stopped after message %d for %d s; the bridge subscribed again "
          + "%d ms after the broker was back", point, PLAN.otherOutage().toSeconds(), resubscribedMillis[0]);
    }
  }

  private static void awaitBridgeSubscribed(IngestMetrics metrics, boolean subscribed) throws InterruptedException {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (metrics.isBridgeSubscribed() != subscribed && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(metrics.isBridgeSubscribed()).as("the bridge is subscribed").isEqualTo(subscribed);
  }

  /** Waits for the scenario's seeded point in the stream and returns it. */
  private static int awaitOutagePoint(CrashScenario run, String scenario) throws InterruptedException {
    int point = PLAN.outagePoint(run.publisher().total(), scenario);
    run.publisher().awaitPublished(point);
    return point;
  }

  private static void assertSameAsUndisturbed(CrashScenario run, String scenario, String format, Object... args)
      throws Exception {
    List<String> rows = run.awaitExport(undisturbed, CATCH_UP);
    assertSame(rows, run);
    report(scenario, run, format, args);
  }

  private static void assertSame(List<String> rows, CrashScenario run) throws Exception {
    assertThat(rows).as(() -> ChainOutput.difference(undisturbed, rows)).isEqualTo(undisturbed);
    List<DeadLetterKey> letters = run.deadLetters();
    assertThat(letters).as("dead letters").containsExactlyInAnyOrderElementsOf(
        CrashDataSet.expectedDeadLetters().keySet());
  }

  private static void report(String scenario, CrashScenario run, String format, Object... args) {
    LOG.info("CRASH RESULT {}: {}; export equal to the undisturbed run's ({} rows) and dead letters exactly the {} "
        + "bad inputs; {} s in all", scenario, String.format(format, args), undisturbed.size(),
        CrashDataSet.expectedDeadLetters().size(), run.elapsedSeconds());
  }

  /**
   * Waits for the gateway and for the export to be complete: every meter's day total as
   * computed by hand, and the same export on two reads a few seconds apart.
   */
  private static List<String> awaitCompleteExport(CrashScenario run) throws Exception {
    run.publisher().awaitDone(CATCH_UP);
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    List<String> previous = List.of();
    while (System.nanoTime() < deadline) {
      List<String> rows = ChainOutput.exportedRows(run.jdbcUrl());
      if (rows.equals(previous) && dayTotalsAsComputed(rows)) {
        return rows;
      }
      previous = rows;
      Thread.sleep(3_000);
    }
    throw new AssertionError("the undisturbed run's export did not settle with the expected day totals: " + previous);
  }

  private static boolean dayTotalsAsComputed(List<String> rows) {
    Map<String, Long> consumption = CrashDataSet.dayConsumption();
    for (Meter meter : CrashDataSet.REFERENCE.meters()) {
      String prefix = "enterprise," + meter.enterprise() + ",day," + CrashDataSet.DAY + "T";
      String indicator = "," + meter.medium().indicator() + ",";
      boolean found = rows.stream().filter(row -> row.startsWith(prefix) && row.contains(indicator))
          .anyMatch(row -> Double.parseDouble(row.split(",")[5]) == consumption.get(meter.id()));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }
}
