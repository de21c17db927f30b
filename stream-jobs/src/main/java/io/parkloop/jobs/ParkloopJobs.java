package io.parkloop.jobs;

import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.sources.KafkaDayCorrections;
import io.parkloop.jobs.sources.KafkaReadings;
import io.parkloop.jobs.sources.KafkaStatistics;
import io.parkloop.jobs.sources.KafkaWaste;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.Topics;
import java.time.Duration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * parkloop's one job graph: the indicator job, the alert job and the copy of the dead-letter topic
 * into its table in one environment, so they share one checkpoint and one restart. Built here and
 * only here, for the cluster entry point ({@link IndicatorJobMain}, {@code flink run}) and for the
 * launcher's MiniCluster ({@code parkloop run}, {@code demo}), which therefore cannot drift apart in consumer groups,
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
  /** The copy of the dead-letter topic into the table has offsets of its own too. */
  public static final String DEAD_LETTER_GROUP = "parkloop-dead-letters";

  private final IndicatorJob indicators;
  private final AlertJob alerts;
  private final DeadLetterJob deadLetters;

  public ParkloopJobs(IndicatorJob indicators, AlertJob alerts, DeadLetterJob deadLetters) {
    this.indicators = indicators;
    this.alerts = alerts;
    this.deadLetters = deadLetters;
  }

  /**
   * Production: readings, statistics, waste records and reconcile's day corrections from Kafka,
   * indicators and alerts into PostgreSQL, alerts also onto Kafka, dead letters from their topic
   * into their table; settings from the environment ({@link JobSettings#fromEnvironment}).
   */
  public static ParkloopJobs onKafkaAndPostgres(ReferenceData reference, String kafka, String jdbcUrl) {
    return onKafkaAndPostgres(reference, kafka, jdbcUrl, JobSettings.fromEnvironment());
  }

  /** The same with other settings (a test's short maximum age). */
  public static ParkloopJobs onKafkaAndPostgres(ReferenceData reference, String kafka, String jdbcUrl,
      JobSettings settings) {
    return new ParkloopJobs(
        new IndicatorJob(reference, settings, KafkaReadings.source(kafka, INDICATOR_GROUP),
            KafkaStatistics.source(kafka, INDICATOR_GROUP), JobSinks.postgres(jdbcUrl, settings))
            .withWaste(KafkaWaste.source(kafka, INDICATOR_GROUP))
            .withDayCorrections(KafkaDayCorrections.source(kafka, INDICATOR_GROUP)),
        new AlertJob(reference, settings, AlertRules.defaults(), KafkaReadings.source(kafka, ALERT_GROUP),
            AlertSinks.postgresAndKafka(jdbcUrl, kafka, Topics.ALERTS, settings)),
        new DeadLetterJob(DeadLetterJob.kafkaSource(kafka, DEAD_LETTER_GROUP),
            DeadLetterJob.postgresTable(jdbcUrl, settings)));
  }

  /**
   * Adds the jobs to {@code env} and turns on exactly-once checkpoints every
   * {@link #CHECKPOINT_INTERVAL}; where the checkpoints go and how many are kept is the cluster's
   * configuration (or the MiniCluster's).
   */
  public void build(StreamExecutionEnvironment env) {
    env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    indicators.build(env);
    alerts.build(env);
    deadLetters.build(env);
  }
}
