package io.parkloop.launcher;

import io.parkloop.ingest.Hj212Ingest;
import io.parkloop.ingest.Hj212TcpServer;
import io.parkloop.ingest.Hj212TcpServerConfig;
import io.parkloop.ingest.IngestMetrics;
import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.KafkaTopics;
import io.parkloop.ingest.MetricsEndpoint;
import io.parkloop.ingest.MqttBridge;
import io.parkloop.ingest.MqttMessageIngest;
import io.parkloop.ingest.ReadingValidator;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.KafkaReadings;
import io.parkloop.jobs.KafkaStatistics;
import io.parkloop.jobs.KafkaWaste;
import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.Databases;
import io.parkloop.storage.Migrations;
import io.parkloop.storage.ReferenceTables;
import io.parkloop.storage.Retention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.Producer;

/**
 * The live pipeline on a set of services: the schema migrated and the reference data mirrored,
 * the MQTT→Kafka bridge, and the indicator and alert jobs.
 */
final class Pipeline implements AutoCloseable {
  static final Duration MAX_FUTURE = Duration.ofMinutes(5);
  /** Readings are keyed by meter: partitions let the job and the bridge scale out. */
  static final int READING_PARTITIONS = 4;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  private final IngestMetrics metrics = new IngestMetrics();
  private final DataSource database;
  private MqttBridge bridge;
  private Hj212TcpServer hj212Server;
  private MetricsEndpoint metricsEndpoint;
  private PipelineLag lag;
  private Producer<byte[], byte[]> hj212Producer;
  private LocalFlink flink;
  private RetentionSchedule retention;
  private Consumer<StreamExecutionEnvironment> jobs;
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
    KafkaTopics.ensure(stack.kafka(), Map.of(Topics.READINGS, READING_PARTITIONS, Topics.DEAD_LETTERS, 1,
        Topics.ALERTS, 1, Topics.STATISTICS, 1, Topics.WASTE, 1));
    Pipeline pipeline = new Pipeline(database);
    try {
      pipeline.lag = new PipelineLag(stack.kafka(), database);
      JobSettings settings = JobSettings.defaults();
      IndicatorJob indicators = new IndicatorJob(reference, settings,
          KafkaReadings.source(stack.kafka(), "parkloop-indicators"),
          KafkaStatistics.source(stack.kafka(), "parkloop-indicators"), JobSinks.postgres(stack.jdbcUrl(), settings))
          .withWaste(KafkaWaste.source(stack.kafka(), "parkloop-indicators"));
      AlertJob alerts = new AlertJob(reference, settings, AlertRules.defaults(),
          KafkaReadings.source(stack.kafka(), "parkloop-alerts"),
          AlertSinks.postgresAndKafka(stack.jdbcUrl(), stack.kafka(), Topics.ALERTS, settings));
      pipeline.retention = RetentionSchedule.start(database, Retention.fromEnvironment());
      pipeline.jobs = env -> {
        indicators.build(env);
        alerts.build(env);
      };
      pipeline.checkpoints = dataDir.resolve("checkpoints");
      pipeline.flink = pipeline.startJobs();
      Hj212Ingest hj212 = new Hj212Ingest(references, new Hj212Decoder(), pipeline.metrics);
      MqttMessageIngest ingest = new MqttMessageIngest(new ReadingValidator(references, MAX_FUTURE), hj212,
          pipeline.metrics);
      pipeline.bridge = new MqttBridge(stack.bridgeConfig(), ingest,
          KafkaProducers.create(stack.kafka(), "parkloop-bridge"), pipeline.metrics, Clock.systemUTC());
      pipeline.bridge.start();
      if (hj212Port > 0) {
        pipeline.hj212Producer = KafkaProducers.create(stack.kafka(), "parkloop-hj212-tcp");
        pipeline.hj212Server = new Hj212TcpServer(Hj212TcpServerConfig.defaults("0.0.0.0", hj212Port), hj212,
            pipeline.hj212Producer, pipeline.metrics, Clock.systemUTC());
        pipeline.hj212Server.start();
      }
      if (metricsPort > 0) {
        pipeline.metricsEndpoint = new MetricsEndpoint(pipeline.metrics, pipeline.lag.gauges(), "0.0.0.0", metricsPort);
        pipeline.metricsEndpoint.start();
      }
      return pipeline;
    } catch (Exception e) {
      pipeline.close();
      throw e;
    }
  }

  private LocalFlink startJobs() throws Exception {
    return LocalFlink.start(jobs, checkpoints, 2, CHECKPOINT_INTERVAL);
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
    return metrics;
  }

  PipelineLag lag() {
    return lag;
  }

  DataSource database() {
    return database;
  }

  /** The port HJ 212 analysers connect to, or 0 when the server is off. */
  int hj212Port() {
    return hj212Server == null ? 0 : hj212Server.port();
  }

  /** The port of the Prometheus endpoint, or 0 when there is none. */
  int metricsPort() {
    return metricsEndpoint == null ? 0 : metricsEndpoint.port();
  }

  @Override
  public void close() {
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    if (hj212Server != null) {
      hj212Server.close();
      hj212Producer.close(Duration.ofSeconds(10));
    }
    if (bridge != null) {
      bridge.close();
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
