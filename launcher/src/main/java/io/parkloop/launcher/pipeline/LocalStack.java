package io.parkloop.launcher.pipeline;

import io.parkloop.embedded.EmbeddedKafka;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.ingest.MqttBridgeConfig;
import io.parkloop.schemas.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three services the pipeline needs: each one external when its flag names it, otherwise
 * embedded, with its data under the data directory so a second run sees the first run's data.
 * The embedded ones start in parallel.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private String mqttUrl;
  private String kafka;
  private String jdbcUrl;
  private EmbeddedMqtt.Started embeddedMqtt;
  private MqttBridgeConfig bridgeConfig;

  public static LocalStack start(ServiceOptions options) throws Exception {
    LocalStack stack = new LocalStack();
    try {
      stack.startAll(options);
      return stack;
    } catch (Exception e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(ServiceOptions options) throws Exception {
    Path data = options.dataDir.toAbsolutePath();
    Files.createDirectories(data);
    CompletableFuture<EmbeddedKafka> kafkaStart = options.kafka != null ? null
        : CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(data.resolve("kafka"), options.kafkaPort));
    CompletableFuture<EmbeddedMqtt.Started> mqttStart = options.mqttUrl != null ? null
        : CompletableFuture.supplyAsync(() -> options.embeddedMqtt.start(data, options.mqttPort,
            options.mqtt.embeddedSecurity()));
    CompletableFuture<LocalPostgres> pgStart = options.jdbc != null ? null
        : CompletableFuture.supplyAsync(() -> LocalPostgres.start(data.resolve("postgres"), options.pgPort));
    try {
      kafka = kafkaStart == null ? options.kafka : remember(kafkaStart.join()).bootstrapServers();
      embeddedMqtt = mqttStart == null ? null : mqttStart.join();
      mqttUrl = embeddedMqtt == null ? options.mqttUrl : remember(embeddedMqtt.broker()).url();
      bridgeConfig = options.mqtt.bridgeConfig(mqttUrl, embeddedMqtt != null);
      jdbcUrl = pgStart == null ? options.jdbc : remember(pgStart.join()).jdbcUrl();
    } catch (CompletionException e) {
      // close whatever did start, also a sibling that finished after the failure
      for (CompletableFuture<? extends AutoCloseable> future
          : Arrays.asList(kafkaStart, mqttStart == null ? null : mqttStart.thenApply(EmbeddedMqtt.Started::broker), pgStart)) {
        if (future != null) {
          future.thenAccept(service -> { if (!started.contains(service)) started.push(service); })
              .exceptionally(error -> null).join();
        }
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    LOG.info("services: mqtt={} kafka={} jdbc={}", mqttUrl, kafka, jdbcUrl);
  }

  private <T extends AutoCloseable> T remember(T service) {
    started.push(service);
    return service;
  }

  public String mqttUrl() { return mqttUrl; }

  /** The embedded broker's own process (Mosquitto), for measuring it apart; empty when it runs in this JVM or is external. */
  public OptionalLong mqttBrokerPid() {
    return embeddedMqtt == null ? OptionalLong.empty() : embeddedMqtt.pid();
  }

  /** Which broker is embedded, or empty for an external one. */
  public Optional<String> embeddedMqttName() {
    return Optional.ofNullable(embeddedMqtt).map(EmbeddedMqtt.Started::name);
  }

  /** How the bridge connects to this stack's MQTT broker, credentials and TLS included. */
  MqttBridgeConfig bridgeConfig() { return bridgeConfig; }

  public String kafka() { return kafka; }

  public String jdbcUrl() { return jdbcUrl; }

  void printConnectionInfo(PrintStream out) {
    out.println("  MQTT   " + mqttUrl + (embeddedMqtt != null ? "  (embedded " + embeddedMqtt.name() + ", MQTT 5)" : "")
        + "   e.g. mosquitto_pub -h " + host(mqttUrl) + " -p " + port(mqttUrl)
        + " -t 'parkloop/v1/readings/{enterprise}/{meter}' -m '{\"meter\":..,\"ts\":..,\"value\":..}'");
    out.println("  Kafka  " + kafka + "   e.g. kcat -b " + kafka + " -t " + Topics.READINGS + " -C");
    URI db = URI.create(jdbcUrl.substring("jdbc:".length()));
    out.println("  JDBC   " + jdbcUrl + "   e.g. psql -h " + db.getHost() + " -p " + db.getPort()
        + " -U postgres " + db.getPath().substring(1));
  }

  private static String host(String url) {
    return URI.create(url).getHost();
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable service = started.pop();
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", service.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
