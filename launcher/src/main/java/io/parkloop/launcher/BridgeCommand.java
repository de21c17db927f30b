package io.parkloop.launcher;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.launcher.pipeline.IngestServices;
import io.parkloop.launcher.pipeline.MqttOptions;
import io.parkloop.reference.ReferenceWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parkloop bridge}: ingest as deployed, in a process of its own. MQTT and HJ 212 in, Kafka
 * out; no jobs (they run on the Flink cluster) and no database (the schema is {@code migrate}'s).
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
    description = {"Runs ingest only: the MQTT broker's readings and HJ 212 packets, and HJ 212 analysers over TCP,",
        "validated against the reference data and sent to Kafka (bad ones to the dead-letter topic with their reason).",
        "The jobs run on Flink (IndicatorJobMain of the job jar); the schema comes from `parkloop migrate`.",
        "Creates the Kafka topics that are missing. Prometheus counters on --metrics-port at /metrics."})
final class BridgeCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BridgeCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--mqtt-url", defaultValue = "${env:PARKLOOP_MQTT_URL}",
      description = "The MQTT broker, e.g. tcp://broker:1883 or ssl://broker:8883 (env PARKLOOP_MQTT_URL; required).")
  String mqttUrl;

  @Mixin MqttOptions mqtt = new MqttOptions();

  @Option(names = "--kafka", defaultValue = "${env:PARKLOOP_KAFKA}",
      description = "Kafka bootstrap servers, e.g. kafka:9092 (env PARKLOOP_KAFKA; required).")
  String kafka;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data, reloaded when it changes (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--hj212-port", defaultValue = "9212",
      description = "TCP port where HJ 212 analysers connect (default: ${DEFAULT-VALUE}; 0 = none).")
  int hj212Port;

  @Option(names = "--metrics-port", defaultValue = "9464",
      description = "Port of the Prometheus metrics endpoint /metrics (default: ${DEFAULT-VALUE}; 0 = none).")
  int metricsPort;

  @Option(names = "--status-every", defaultValue = "60s", converter = DurationConverter.class,
      description = "How often a status line with the counters is printed (default: ${DEFAULT-VALUE}).")
  Duration statusEvery;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop by itself after this long (default: until Ctrl-C or SIGTERM).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    require(mqttUrl, "--mqtt-url", "PARKLOOP_MQTT_URL");
    require(kafka, "--kafka", "PARKLOOP_KAFKA");
    if (mqtt.accounts != null) {
      throw new ParameterException(spec.commandLine(), "--mqtt-accounts (or env PARKLOOP_MQTT_ACCOUNTS) configures"
          + " the embedded broker of run and demo; the bridge logs in with --mqtt-username and PARKLOOP_MQTT_PASSWORD");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopped.countDown();
      awaitQuietly(done); // let the bridge hand its last records to Kafka before the JVM ends
    }, "parkloop-bridge-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (ReferenceWatcher references = new ReferenceWatcher(reference, 5_000, message -> LOG.warn("{}", message));
        IngestServices ingest = IngestServices.start(mqtt.bridgeConfig(mqttUrl, false), kafka, references, hj212Port,
            metricsPort, List.of())) {
      System.out.println("parkloop: bridge running: MQTT " + mqttUrl + " -> Kafka " + kafka
          + (ingest.hj212Port() > 0 ? "; HJ 212 tcp://0.0.0.0:" + ingest.hj212Port() : "")
          + (ingest.metricsPort() > 0 ? "; metrics http://0.0.0.0:" + ingest.metricsPort() + "/metrics" : ""));
      awaitStop(stopped, ingest.metrics());
      System.out.println("parkloop: bridge stopping; " + status(ingest.metrics()));
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // SIGTERM: the hook is running and waits for `done`
      }
    }
    return 0;
  }

  private void awaitStop(CountDownLatch stopped, IngestMetrics metrics) throws InterruptedException {
    long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      long wait = Math.min(statusEvery.toNanos(), end - System.nanoTime());
      if (stopped.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
        return;
      }
      System.out.println("parkloop: bridge " + status(metrics));
    }
  }

  static String status(IngestMetrics metrics) {
    return "messages in " + metrics.messagesIn() + ", readings to Kafka " + metrics.readingsOut() + ", dead letters "
        + metrics.deadLettersTotal() + " " + metrics.deadLettersByReason();
  }

  private void require(String value, String option, String environment) {
    if (value == null || value.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing " + option + " (or env " + environment
          + "): the bridge runs against external services only");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
