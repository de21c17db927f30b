package io.parkloop.launcher;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.jobs.ParkloopJobs;
import io.parkloop.reference.ReferenceData;
import io.parkloop.storage.Databases;
import io.parkloop.storage.Migrations;
import io.parkloop.storage.ReferenceTables;
import io.parkloop.storage.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The live pipeline on a set of services: the schema migrated and the reference data mirrored,
 * ingest ({@link IngestServices}: the MQTT→Kafka bridge, HJ 212 over TCP, /metrics), and the
 * indicator and alert jobs ({@link ParkloopJobs}) on a MiniCluster.
 */
final class Pipeline implements AutoCloseable {
  static final Duration MAX_FUTURE = Duration.ofMinutes(5);
  /** Readings are keyed by meter: partitions let the job and the bridge scale out. */
  static final int READING_PARTITIONS = 4;
  /** The jobs' own interval, which the crash tests time their kills by. */
  static final Duration CHECKPOINT_INTERVAL = ParkloopJobs.CHECKPOINT_INTERVAL;

  private final DataSource database;
  private IngestServices ingest;
  private PipelineLag lag;
  private LocalFlink flink;
  private RetentionSchedule retention;
  private ParkloopJobs jobs;
  private Path checkpoints;

  private Pipeline(DataSource database) {
    this.database = database;
  }

  /**
   * @param references the current reference data; ingest validates against its latest version,
   *     the indicator and alert jobs work with the version of their start
   */
  static Pipeline start(LocalStack stack, Supplier<ReferenceData> references, Path dataDir, int hj212Port)
      throws Exception {
    return start(stack, references, dataDir, hj212Port, 0);
  }

  /** @param metricsPort where Prometheus scrapes ingest's counters, or 0 for no endpoint */
  static Pipeline start(LocalStack stack, Supplier<ReferenceData> references, Path dataDir, int hj212Port,
      int metricsPort) throws Exception {
    ReferenceData reference = references.get();
    DataSource database = Databases.dataSource(stack.jdbcUrl());
    Databases.awaitReachable(database, Duration.ofMinutes(2));
    Migrations.migrate(database);
    ReferenceTables.sync(database, reference);
    Pipeline pipeline = new Pipeline(database);
    try {
      pipeline.lag = new PipelineLag(stack.kafka(), database);
      pipeline.retention = RetentionSchedule.start(database, Retention.fromEnvironment());
      pipeline.jobs = ParkloopJobs.onKafkaAndPostgres(reference, stack.kafka(), stack.jdbcUrl());
      pipeline.checkpoints = dataDir.resolve("checkpoints");
      pipeline.ingest = IngestServices.start(stack.bridgeConfig(), stack.kafka(), references, hj212Port, metricsPort,
          pipeline.lag.gauges());
      pipeline.flink = pipeline.startJobs();
      return pipeline;
    } catch (Exception e) {
      pipeline.close();
      throw e;
    }
  }
  private LocalFlink startJobs() throws Exception {
    return LocalFlink.start(jobs, checkpoints, 2);
  }

  /**
   * Cancels the jobs, dropping whatever they did since their latest checkpoint, and starts them
   * again from that checkpoint, as a new run of the pipeline would.
   *
   * @return the checkpoint they resumed from, empty if there was none yet
   */
  Optional<Path> restartJobs() throws Exception {
    flink.close();
    flink = startJobs();
    return flink.resumedFrom();
  }

  /** The newest complete checkpoint of this or an earlier run. */
  Optional<Path> latestCheckpoint() {
    return LocalFlink.latestCheckpoint(checkpoints);
  }

  IngestMetrics metrics() {
    return ingest.metrics();
  }

  PipelineLag lag() {
    return lag;
  }

  DataSource database() {
    return database;
  }

  /** The port HJ 212 analysers connect to, or 0 when the server is off. */
  int hj212Port() {
    return ingest.hj212Port();
  }

  /** The port of the Prometheus endpoint, or 0 when there is none. */
  int metricsPort() {
    return ingest.metricsPort();
  }

  @Override
  public void close() {
    if (ingest != null) {
      ingest.close();
    }
    if (flink != null) {
      flink.close();
    }
    if (retention != null) {
      retention.close();
    }
    if (lag != null) {
      lag.close();
    }
  }
}
