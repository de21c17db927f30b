package io.parkloop.launcher;

import io.parkloop.embedded.EmbeddedKafka;
import io.parkloop.embedded.FreePorts;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.embedded.MosquittoBroker;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, Mosquitto and PostgreSQL of one crash scenario, each on a fixed port with its data in
 * the scenario's directory, so that stopping one and starting it again gives the pipeline the
 * same service with the same data, as a restarted server would.
 */
final class CrashServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrashServices.class);
  private final Path dir;
  private final int kafkaPort = FreePorts.pick();
  private final int mqttPort = FreePorts.pick();
  private final int postgresPort = FreePorts.pick();
  private EmbeddedKafka kafka;
  private MosquittoBroker mqtt;
  private LocalPostgres postgres;

  private CrashServices(Path dir) {
    this.dir = dir;
  }

  static CrashServices start(Path dir) {
    CrashServices services = new CrashServices(dir);
    try {
      // together: each takes seconds, mostly waiting
      CompletableFuture.allOf(CompletableFuture.runAsync(services::startKafka),
          CompletableFuture.runAsync(services::startMqtt), CompletableFuture.runAsync(services::startPostgres)).join();
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** The options {@code run} would get for these services: all external to the pipeline. */
  ServiceOptions options(Path dataDir) {
    ServiceOptions options = new ServiceOptions();
    options.dataDir = dataDir;
    options.mqttUrl = mqttUrl();
    options.kafka = kafka();
    options.jdbc = jdbcUrl();
    options.hj212Port = 0;
    options.metricsPort = 0;
    return options;
  }

  String mqttUrl() {
    return "tcp://127.0.0.1:" + mqttPort;
  }

  String kafka() {
    return "127.0.0.1:" + kafkaPort;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + LocalPostgres.DEFAULT_DATABASE + "?user="
        + LocalPostgres.USER;
  }

  void stopKafka() {
    kafka.close();
  }

  void startKafka() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), kafkaPort);
  }

  void stopMqtt() {
    mqtt.close();
  }

  void startMqtt() {
    mqtt = MosquittoBroker.start(dir.resolve("mqtt"), mqttPort);
  }

  void stopPostgres() {
    postgres.close();
  }

  void startPostgres() {
    postgres = LocalPostgres.start(dir.resolve("postgres"), postgresPort);
  }

  @Override
  public void close() {
    for (AutoCloseable service : new AutoCloseable[] {mqtt, kafka, postgres}) {
      try {
        if (service != null) {
          service.close();
        }
      } catch (Exception e) {
        // closing the others matters more than this one's complaint
        LOG.warn("stopping {}: {}", service.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
