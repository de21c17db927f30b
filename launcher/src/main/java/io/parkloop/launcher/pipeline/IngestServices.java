package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.Hj212Ingest;
import io.parkloop.ingest.Hj212TcpServer;
import io.parkloop.ingest.Hj212TcpServerConfig;
import io.parkloop.ingest.IngestMetrics;
import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.KafkaTopics;
import io.parkloop.ingest.MetricsEndpoint;
import io.parkloop.ingest.MetricsGauge;
import io.parkloop.ingest.MqttBridge;
import io.parkloop.ingest.MqttBridgeConfig;
import io.parkloop.ingest.MqttMessageIngest;
import io.parkloop.ingest.ReadingValidator;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Ingest on its own: the MQTT→Kafka bridge, the HJ 212 TCP server and the Prometheus endpoint,
 * validating against the latest reference data. What {@code parkloop bridge} runs, and the
 * ingest half of {@code parkloop run}'s {@link Pipeline}. It writes to Kafka only.
 */
public final class IngestServices implements AutoCloseable {
  private final IngestMetrics metrics = new IngestMetrics();
  private MqttBridge bridge;
  private Producer<byte[], byte[]> hj212Producer;
  private Hj212TcpServer hj212Server;
  private MetricsEndpoint metricsEndpoint;

  private IngestServices() {}

  /**
   * Creates the topics that are missing, then starts the bridge, the HJ 212 server (unless
   * {@code hj212Port} is 0) and the endpoint (unless {@code metricsPort} is 0).
   *
   * @param gauges served at /metrics after ingest's own counters (the pipeline's lag), or none
   */
  public static IngestServices start(MqttBridgeConfig mqtt, String kafka, Supplier<ReferenceData> references, int hj212Port,
      int metricsPort, List<MetricsGauge> gauges) throws Exception {
    KafkaTopics.ensure(kafka, Map.of(Topics.READINGS, Pipeline.READING_PARTITIONS, Topics.DEAD_LETTERS, 1,
        Topics.ALERTS, 1, Topics.STATISTICS, 1, Topics.WASTE, 1, Topics.DAY_CORRECTIONS, 1));
    IngestServices services = new IngestServices();
    try {
      Hj212Ingest hj212 = new Hj212Ingest(references, new Hj212Decoder(), services.metrics);
      MqttMessageIngest ingest = new MqttMessageIngest(new ReadingValidator(references, ReadingValidator.MAX_FUTURE), hj212,
          services.metrics);
      services.bridge = new MqttBridge(mqtt, ingest, KafkaProducers.create(kafka, "parkloop-bridge"), services.metrics,
          Clock.systemUTC());
      services.bridge.start();
      if (hj212Port > 0) {
        services.hj212Producer = KafkaProducers.create(kafka, "parkloop-hj212-tcp");
        services.hj212Server = new Hj212TcpServer(Hj212TcpServerConfig.defaults("0.0.0.0", hj212Port), hj212,
            services.hj212Producer, services.metrics, Clock.systemUTC());
        services.hj212Server.start();
      }
      if (metricsPort > 0) {
        services.metricsEndpoint = new MetricsEndpoint(services.metrics, gauges, "0.0.0.0", metricsPort);
        services.metricsEndpoint.start();
      }
      return services;
    } catch (Exception e) {
      services.close();
      throw e;
    }
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** The port HJ 212 analysers connect to, or 0 when the server is off. */
  public int hj212Port() {
    return hj212Server == null ? 0 : hj212Server.port();
  }

  /** The port of the Prometheus endpoint, or 0 when there is none. */
  public int metricsPort() {
    return metricsEndpoint == null ? 0 : metricsEndpoint.port();
  }

  @Override
  public void close() {
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    if (hj212Server != null) {
      hj212Server.close();
    }
    if (hj212Producer != null) {
      hj212Producer.close(Duration.ofSeconds(10));
    }
    if (bridge != null) {
      bridge.close();
    }
  }
}
