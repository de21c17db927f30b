package io.parkloop.launcher;

import io.parkloop.embedded.FreePorts;
import io.parkloop.embedded.KafkaBrokerProcess;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.launcher.pipeline.ServiceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, Mosquitto and PostgreSQL of one crash scenario, each on a fixed port with its data in
 * the scenario's directory, so that killing one and starting it again gives the pipeline the
 * same service with the same data, as a restarted server would. Kafka runs as a process of its
 * own and PostgreSQL always does, so both die by SIGKILL, not by a clean stop.
 */
final class CrashServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrashServices.class);
  /** How long PostgreSQL's processes get to go after a kill; they exit in well under a second. */
  private static final Duration BACKENDS_EXIT = Duration.ofSeconds(20);
  private final Path dir;
  private final int kafkaPort = FreePorts.pick();
  private final int mqttPort = FreePorts.pick();
  private final int postgresPort = FreePorts.pick();
  private KafkaBrokerProcess kafka;
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

  /** SIGKILL to the broker process: unflushed log segments and open connections vanish. */
  void killKafka() {
    kafka.kill();
  }

  void startKafka() {
    kafka = KafkaBrokerProcess.start(dir.resolve("kafka"), kafkaPort);
  }

  void stopMqtt() {
    mqtt.close();
  }

  void startMqtt() {
    mqtt = MosquittoBroker.start(dir.resolve("mqtt"), mqttPort);
  }

  /**
   * SIGKILL to the postmaster, as the OOM killer would send it: no checkpoint, no goodbye to the
   * sessions. Its backends notice and exit by themselves (any still there after a while get a
   * SIGKILL too); the next start runs crash recovery from the write-ahead log.
   */
  void killPostgres() {
    long pid = postmasterPid(postgres.dataDir());
    ProcessHandle postmaster = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("no postmaster with pid " + pid));
    List<ProcessHandle> backends = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    awaitGone(List.of(postmaster), BACKENDS_EXIT);
    if (!awaitGone(backends, BACKENDS_EXIT)) {
      backends.forEach(ProcessHandle::destroyForcibly);
      awaitGone(backends, BACKENDS_EXIT);
    }
    LOG.info("PostgreSQL postmaster {} and its {} backends killed", pid, backends.size());
    // frees the data directory's lock for the next start; its pg_ctl stop finds no server and says so
    postgres.close();
  }

  private static long postmasterPid(Path dataDir) {
    try {
      return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("no postmaster.pid in " + dataDir, e);
    }
  }

  private static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException stillThere) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return true;
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
