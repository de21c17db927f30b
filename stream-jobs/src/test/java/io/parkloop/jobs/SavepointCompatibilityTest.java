package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.alerts.AlertUpdate;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of today's jobs (indicators and alerts in one graph) restores into the graph of a
 * next release that adds an operator, without dropping any state: every stateful operator keeps
 * its uid, so its state finds it again. Restored with non-restored state refused, so state the new
 * graph could not place fails the restore, as the control with the alert job left out shows.
 */
class SavepointCompatibilityTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String[] METERS = {"E1-ELEC", "E1-FW"};

  @Test
  void aSavepointOfTodaysJobsRestoresIntoAGraphWithAnAddedOperator(@TempDir Path savepoints) throws Exception {
    String savepoint = savepointOfTodaysJobs("savepoint-today", savepoints);

    Started next = start(savepoint, "savepoint-next", true, true);
    try {
      awaitRows(next);
      assertThat(next.job().getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      next.job().cancel().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void stateTheNewGraphCannotPlaceFailsTheRestore(@TempDir Path savepoints) throws Exception {
    String savepoint = savepointOfTodaysJobs("savepoint-control", savepoints);

    assertThatThrownBy(() -> start(savepoint, "savepoint-without-alerts", false, false).job()
        .getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .hasStackTraceContaining("allowNonRestoredState");
  }

  /** Runs today's graph on an endless, paced stream until it wrote rows, then stops it with a savepoint. */
  private static String savepointOfTodaysJobs(String name, Path dir) throws Exception {
    Started today = start(null, name, true, false);
    awaitRows(today);
    return today.job().stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * @param savepoint restore from it, refusing state that finds no operator; null for a fresh start
   * @param alerts whether the graph holds the alert job beside the indicator job
   * @param addedOperator whether the graph holds an operator today's does not: a next release's
   */
  private static Started start(String savepoint, String name, boolean alerts, boolean addedOperator)
      throws Exception {
    Configuration conf = new Configuration();
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>(name, IndicatorRow::key);
    new IndicatorJob(IndicatorJobTest.REFERENCE, JobSettings.defaults(), endlessReadings(), null, new JobSinks(
        indicators,
        new CollectingSink<LateReading>(name + "-late", r -> r.meter + r.ts),
        new CollectingSink<QualityEvent>(name + "-quality", e -> e.meter + e.ts),
        new CollectingSink<MeterReading>(name + "-readings", r -> r.meter + r.ts))).build(env);
    if (alerts) {
      new AlertJob(IndicatorJobTest.REFERENCE, JobSettings.defaults(), AlertRules.defaults(), endlessReadings(),
          new AlertSinks(new CollectingSink<AlertUpdate>(name + "-alerts", a -> a.id),
              new CollectingSink<AlertUpdate>(name + "-alerts-topic", a -> a.id))).build(env);
    }
    if (addedOperator) {
      env.fromSource(new DataGeneratorSource<>(index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(10),
              Types.LONG), WatermarkStrategy.noWatermarks(), "next-release-source").uid("next-release-source")
          .keyBy(index -> index % 2).sum(0).name("next-release-operator").uid("next-release-operator")
          .sinkTo(new CollectingSink<Long>(name + "-next-release", String::valueOf))
          .name("next-release-sink").uid("next-release-sink");
    }
    return new Started(env.executeAsync(name), indicators);
  }

  /** A running job and the sink its indicator rows go to. */
  private record Started(JobClient job, CollectingSink<IndicatorRow> indicators) {}

  /** Two meters every quarter hour from T0 on, paced so the job runs until it is stopped. */
  private static DataGeneratorSource<MeterReading> endlessReadings() {
    return new DataGeneratorSource<>(index -> {
      long quarter = index / METERS.length;
      long ts = IndicatorJobTest.T0 + quarter * 15 * IndicatorJobTest.MIN;
      return new MeterReading(METERS[(int) (index % METERS.length)], ts, 1_000 + 25.0 * quarter, ts);
    }, Long.MAX_VALUE, RateLimiterStrategy.perSecond(200), TypeInformation.of(MeterReading.class));
  }

  /** Waits until the job wrote indicator rows: it runs, and (restored) it placed all its state. */
  private static void awaitRows(Started started) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (started.indicators().rows().isEmpty() && System.nanoTime() < deadline) {
      assertThat(started.job().getJobStatus().get()).as("the job's status").isNotIn(JobStatus.FAILED, JobStatus.FAILING);
      Thread.sleep(100);
    }
    assertThat(started.indicators().rows()).as("indicator rows written").isNotEmpty();
  }
}
