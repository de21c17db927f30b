package io.parkloop.jobs;

import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.Topics;
import java.time.Duration;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * parkloop's one job graph: the indicator job and the alert job in one environment, so they share
 * one checkpoint and one restart. Built here and only here, for the cluster entry point
 * ({@link IndicatorJobMain}, {@code flink run}) and for the launcher's MiniCluster
 * ({@code parkloop run}, {@code demo}), which therefore cannot drift apart in consumer groups,
 * checkpointing or operators. Sources and sinks come from outside ({@link #onKafkaAndPostgres}
 * for production), so a replay or a test builds the same graph on its own.
 */
public final class ParkloopJobs {
  /** The name the graph runs under, on a cluster as on the MiniCluster. */
  public static final String JOB_NAME = "parkloop-indicators";
  /** The indicator job's consumer group: its committed offsets are the pipeline's lag (/metrics, bench). */
  public static final String INDICATOR_GROUP = "parkloop-indicators";
  /** The alert job reads the same readings on its own, with offsets of its own. */
  public static final String ALERT_GROUP = "parkloop-alerts";
  /** Exactly-once checkpoints this often: a restart redoes at most this much. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  private final IndicatorJob indicators;
  private final AlertJob alerts;

  public ParkloopJobs(IndicatorJob indicators, AlertJob alerts) {
    this.indicators = indicators;
    this.alerts = alerts;
  }

  /**
   * Both jobs with their sources and sinks given.
   *
   * @param statistics monthly statistics, or null when there are none
   */
  public static ParkloopJobs of(ReferenceData reference, JobSettings settings, Source<MeterReading, ?, ?> readings,
      Source<StatisticsRow, ?, ?> statistics, JobSinks sinks, Source<MeterReading, ?, ?> alertReadings,
      AlertSinks alertSinks) {
    return new ParkloopJobs(new IndicatorJob(reference, settings, readings, statistics, sinks),
        new AlertJob(reference, settings, AlertRules.defaults(), alertReadings, alertSinks));
  }

  /** Production: readings and statistics from Kafka, indicators and alerts into PostgreSQL, alerts also onto Kafka. */
  public static ParkloopJobs onKafkaAndPostgres(ReferenceData reference, String kafka, String jdbcUrl) {
    JobSettings settings = JobSettings.defaults();
    return of(reference, settings, KafkaReadings.source(kafka, INDICATOR_GROUP),
        KafkaStatistics.source(kafka, INDICATOR_GROUP), JobSinks.postgres(jdbcUrl, settings),
        KafkaReadings.source(kafka, ALERT_GROUP),
        AlertSinks.postgresAndKafka(jdbcUrl, kafka, Topics.ALERTS, settings));
  }

  /**
   * Adds both jobs to {@code env} and turns on exactly-once checkpoints every
   * {@link #CHECKPOINT_INTERVAL}; where the checkpoints go and how many are kept is the cluster's
   * configuration (or the MiniCluster's).
   */
  public void build(StreamExecutionEnvironment env) {
    env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    indicators.build(env);
    alerts.build(env);
  }
}
