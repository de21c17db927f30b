package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.MetricsGauge;
import io.parkloop.jobs.ParkloopJobs;
import io.parkloop.readside.IndicatorTableStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.common.KafkaException;

/**
 * How far the indicator job is behind, for the live table and Prometheus: the readings on Kafka
 * its consumer group has not committed yet, and the time since the newest indicator write.
 * While PostgreSQL is down or slow the job stops (back-pressure), the lag grows and the write
 * age climbs; once it is back both fall again. Either reads empty when its service cannot
 * answer right now.
 */
public final class PipelineLag implements AutoCloseable {
  private final KafkaLag kafkaLag;
  private final DataSource database;

  public PipelineLag(String kafka, DataSource database) {
    this.kafkaLag = new KafkaLag(kafka, ParkloopJobs.INDICATOR_GROUP);
    this.database = database;
  }

  /**
   * Readings not yet committed by the job; commits follow checkpoints, so this moves in steps of 10 s.
   * Empty when Kafka cannot answer, and when the asking thread is interrupted: a gauge has no way
   * to throw, so the interrupt flag is set again for the thread's owner to see.
   */
  public OptionalLong readingsBehind() {
    try {
      return OptionalLong.of(kafkaLag.lag());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return OptionalLong.empty();
    }
  }

  /** Seconds since the newest indicator row was written, empty while the database cannot be read or has none. */
  public OptionalDouble secondsSinceNewestWrite() {
    try (Connection connection = database.getConnection()) {
      return IndicatorTableStatus.secondsSinceNewestWrite(connection);
    } catch (SQLException e) {
      return OptionalDouble.empty();
    }
  }

  List<MetricsGauge> gauges() {
    return List.of(
        new MetricsGauge("parkloop_job_kafka_lag_records",
            "Readings on Kafka the indicator job (group " + ParkloopJobs.INDICATOR_GROUP + ") has not committed yet; NaN if Kafka cannot say",
            () -> readingsBehind().stream().asDoubleStream().findFirst().orElse(Double.NaN)),
        new MetricsGauge("parkloop_indicator_write_age_seconds",
            "Seconds since the newest indicator row was written; NaN while PostgreSQL cannot be read",
            () -> secondsSinceNewestWrite().orElse(Double.NaN)));
  }

  @Override
  public void close() {
    kafkaLag.close();
  }
}
