package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.RequiredTool;
import io.parkloop.ingest.IngestMetrics;
import io.parkloop.launcher.CrashDataSet.DeadLetterKey;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.PipelineLag;
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
 * Flink jobs into PostgreSQL, once per scenario on fresh services, while one
 * part of the chain is killed or stopped and brought back. Each scenario must end with exactly
 * the export {@link CrashExpectations} computes from the generator's counters, every row family
 * (nothing lost, nothing doubled) and exactly the bad inputs on the
 * dead-letter topic, each once. See {@link CrashPlan} for the seed and the short and long
 * variants, docs/reliability.md for the results.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
  private static final CrashPlan PLAN = CrashPlan.fromSystemProperties();
  private static final Duration CATCH_UP = Duration.ofSeconds(150);
  /** The export every scenario must end in, from the data set's generating values (see {@link CrashExpectations}). */
  private static final Map<String, CrashExpectations.ExpectedRow> EXPECTED = CrashExpectations.export();

  @BeforeAll
  static void requireTheBroker() {
    RequiredTool.MOSQUITTO.require();
    LOG.info("crash suite: {}", PLAN.describe());
  }

  /**
   * {@code parkloop run} (the bridge and the Flink jobs in one JVM) dies by SIGKILL at each seeded
   * point: it waits for its point in the stream and for a checkpoint of the running jobs, then
   * strikes at a seeded moment of the next checkpoint interval (before, during or after the next
   * checkpoint), and starts again. Each restart must resume from the checkpoint the dead process
   * left: Flink numbers the restarted job's checkpoints on from the restored one's, where a job
   * started afresh would begin again at chk-1.
   */
  @Test
  @Order(1)
  void theJobProcessKilledWithSigkillAtSeededPointsResumesFromItsLatestCheckpoint(@TempDir Path dir)
      throws Exception {
    try (CrashScenario run = CrashScenario.inChildProcess(dir, PLAN.publishing())) {
      List<Integer> points = PLAN.killPoints(run.publisher().total());
      List<Long> phases = PLAN.killPhasesMillis(Pipeline.CHECKPOINT_INTERVAL);
      List<String> resumes = new ArrayList<>();
      Optional<Path> previous = Optional.empty();
      for (int i = 0; i < points.size(); i++) {
        run.publisher().awaitPublished(points.get(i));
        assertThat(run.awaitNewCheckpoint(previous, CATCH_UP)).as("a checkpoint before kill %d", i + 1).isPresent();
        Thread.sleep(phases.get(i));
        run.killProcess();
        Path left = run.latestCheckpoint().orElseThrow();
        run.startProcess();
        Optional<Path> next = run.awaitNewCheckpoint(Optional.of(left), CATCH_UP);

        assertThat(next).as("a checkpoint of the job restarted after kill %d", i + 1).isPresent();
        assertThat(next.get().getParent()).as("a new job's checkpoint").isNotEqualTo(left.getParent());
        assertThat(CrashScenario.checkpointNumber(next.get()))
            .as("the restarted job's checkpoint numbers go on from %s, the one the killed process left", left)
            .isGreaterThan(CrashScenario.checkpointNumber(left));
        resumes.add(left.getFileName() + "->" + next.get().getFileName());
        previous = next;
      }
      assertAsGenerated(run, "job-process-sigkills", "%d SIGKILLs of parkloop run after messages %s, %s ms "
          + "into a checkpoint interval; checkpoint left -> first of the restarted job: %s", points.size(), points,
          phases, resumes);
    }
  }

  @Test
  @Order(3)
  void aKafkaBrokerKilledWithSigkillAndRestartedLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "kafka");
      run.services.killKafka();
      Thread.sleep(PLAN.otherOutage().toMillis());
      run.services.startKafka();
      assertAsGenerated(run, "kafka-sigkill", "broker process killed after message %d, away %d s", point,
          PLAN.otherOutage().toSeconds());
    }
  }

  /**
   * PostgreSQL's postmaster killed with SIGKILL, so it restarts through crash recovery. Also the
   * back-pressure test: the bridge goes on, Kafka holds the backlog, the heap stays flat, the job
   * catches up.
   */
  @Test
  @Order(4)
  void postgresKilledWithSigkillHoldsTheBacklogInKafkaAndCatchesUp(@TempDir Path dir) throws Exception {
    try (CrashScenario run = CrashScenario.inProcess(dir, PLAN.publishing())) {
      int point = awaitOutagePoint(run, "postgres");
      PipelineLag lag = run.pipeline().lag();
      long heapBefore = usedHeapAfterGc();
      long readingsBefore = run.pipeline().metrics().readingsOut();
      run.services.killPostgres();
      Thread.sleep(PLAN.postgresOutage().toMillis() / 2);
      long heapDuring = usedHeapAfterGc();
      Thread.sleep(PLAN.postgresOutage().toMillis() / 2);
      long acceptedDuringOutage = run.pipeline().metrics().readingsOut() - readingsBefore;
      OptionalLong lagAtEnd = lag.readingsBehind();
      OptionalDouble writeAgeAtEnd = lag.secondsSinceNewestWrite();
      long heapAtEnd = usedHeapAfterGc();
      run.services.startPostgres();
      long restarted = System.nanoTime();
      List<String> rows = run.awaitExport(CrashIT::asGenerated, CATCH_UP);
      long catchUpSeconds = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();
      long heapAfter = usedHeapAfterGc();

      assertThat(acceptedDuringOutage).as("readings the bridge sent to Kafka while PostgreSQL was down").isPositive();
      assertThat(lagAtEnd.orElse(0)).as("the job's lag shown at the outage's end").isPositive();
      assertThat(writeAgeAtEnd).as("the write age while the database is down").isEmpty();
      assertThat(lag.secondsSinceNewestWrite()).as("the write age once it is back").isPresent();
      assertSame(rows, run);
      report("postgres-sigkill", run, "postmaster killed after message %d, away %d s; the bridge accepted %d readings meanwhile; "
          + "job lag at the outage's end %d; caught up %d s after the restart (incl. the committed-offset barrier after the match); "
          + "heap used after GC before/during/end/after: %d/%d/%d/%d MB", point, PLAN.postgresOutage().toSeconds(),
          acceptedDuringOutage, lagAtEnd.getAsLong(), catchUpSeconds,
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
      assertAsGenerated(run, "mqtt-restart", "stopped after message %d for %d s; the bridge subscribed again "
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

  private static void assertAsGenerated(CrashScenario run, String scenario, String format, Object... args)
      throws Exception {
    List<String> rows = run.awaitExport(CrashIT::asGenerated, CATCH_UP);
    assertSame(rows, run);
    report(scenario, run, format, args);
  }

  private static void assertSame(List<String> rows, CrashScenario run) throws Exception {
    assertThat(CrashExpectations.differences(EXPECTED, rows)).as("the export against the generator's ground truth")
        .isEmpty();
    assertTablesAsGenerated(run);
    List<DeadLetterKey> letters = run.deadLetters();
    assertThat(letters).as("dead letters").containsExactlyInAnyOrderElementsOf(
        CrashDataSet.expectedDeadLetters().keySet());
  }

  /**
   * The tables beside the export, against the generator: {@code reading} holds every good reading
   * once, and nothing is late and nothing alarming in a day of gapless, rising counters (a crash
   * that made the jobs see a gap, a reset or a late reading would show here).
   */
  private static void assertTablesAsGenerated(CrashScenario run) throws Exception {
    List<String> expected = CrashDataSet.expectedReadingRows();
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    List<String> readings = ChainOutput.readingRows(run.jdbcUrl());
    while (!readings.equals(expected) && System.nanoTime() < deadline) {
      // the readings' sink is a writer of its own; it may still be behind the indicators'
      Thread.sleep(1_000);
      readings = ChainOutput.readingRows(run.jdbcUrl());
    }
    List<String> written = readings;
    assertThat(written).as(() -> "reading table: " + ChainOutput.difference(expected, written)).isEqualTo(expected);
    assertThat(ChainOutput.rowCount(run.jdbcUrl(), "late_reading")).as("late readings").isZero();
    assertThat(ChainOutput.rowCount(run.jdbcUrl(), "alerts")).as("alerts").isZero();
    assertThat(ChainOutput.rowCount(run.jdbcUrl(), "data_quality_event")).as("data-quality events").isZero();
  }

  private static void report(String scenario, CrashScenario run, String format, Object... args) {
    LOG.info("CRASH RESULT {}: {}; export exactly as generated ({} rows, every row family), the reading table the "
        + "generator's {} readings, no late reading, alert or data-quality event, and dead letters exactly the {} "
        + "bad inputs; {} s in all", scenario, String.format(format, args), EXPECTED.size(),
        CrashDataSet.expectedReadingRows().size(), CrashDataSet.expectedDeadLetters().size(), run.elapsedSeconds());
  }

  private static boolean asGenerated(List<String> rows) {
    return CrashExpectations.differences(EXPECTED, rows).isEmpty();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }
}
