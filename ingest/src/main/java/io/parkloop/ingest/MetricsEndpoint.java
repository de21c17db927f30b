package io.parkloop.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves {@link IngestMetrics} at {@code GET /metrics} in Prometheus' text format, for a
 * Prometheus server to scrape. The JDK's HTTP server on one thread is plenty for a scrape every
 * few seconds, and adds no dependency.
 */
public final class MetricsEndpoint implements AutoCloseable {
  static final String PATH = "/metrics";

  private final IngestMetrics metrics;
  private final List<MetricsGauge> gauges;
  private final InetSocketAddress address;
  private HttpServer server;

  /**
   * @param host the address to listen on, {@code 0.0.0.0} for every interface
   * @param port the port, or 0 for a free one ({@link #port()} tells which)
   */
  public MetricsEndpoint(IngestMetrics metrics, String host, int port) {
    this(metrics, List.of(), host, port);
  }

  /** @param gauges served after ingest's own metrics, e.g. the pipeline's lag */
  public MetricsEndpoint(IngestMetrics metrics, List<MetricsGauge> gauges, String host, int port) {
    this.metrics = metrics;
    this.gauges = List.copyOf(gauges);
    this.address = new InetSocketAddress(host, port);
  }

  /** Binds the address and starts serving. */
  public void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    server = HttpServer.create(address, 0);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** The port it listens on, once started. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1); // the context also matches /metrics/anything
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = render(metrics, gauges).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String render(IngestMetrics metrics, List<MetricsGauge> gauges) {
    PrometheusText text = ingest(metrics);
    for (MetricsGauge gauge : gauges) {
      text.gauge(gauge.name(), gauge.help(), gauge.value().getAsDouble());
    }
    return text.toString();
  }

  private static PrometheusText ingest(IngestMetrics metrics) {
    return new PrometheusText()
        .counter("parkloop_ingest_messages_total",
            "MQTT messages and HJ 212 frames received", metrics.messagesIn())
        .gauge("parkloop_ingest_mqtt_subscribed",
            "1 while the MQTT bridge is connected and subscribed, 0 while it reconnects", metrics.isBridgeSubscribed() ? 1 : 0)
        .counter("parkloop_ingest_mqtt_idle_resubscribes_total",
            "Times the MQTT bridge heard nothing for " + MqttBridge.IDLE_RESUBSCRIBE_MILLIS / 1000
                + " s and subscribed again (docs/ingest.md)", metrics.idleResubscribes())
        .counter("parkloop_ingest_readings_total",
            "Readings made from valid input and sent to Kafka", metrics.readingsOut())
        .counter("parkloop_ingest_waste_records_total",
            "Solid-waste and by-product records made from valid input and sent to Kafka", metrics.wasteRecordsOut())
        .counter("parkloop_ingest_dead_letters_total",
            "Inputs sent to the dead-letter topic, by reason (docs/dead-letters.md)",
            "reason", metrics.deadLettersByReason())
        .summary("parkloop_ingest_kafka_send_seconds",
            "Time from handing a record to Kafka to its acknowledgement",
            metrics.kafkaSendSecondsTotal(), metrics.kafkaSends())
        .gauge("parkloop_ingest_kafka_send_seconds_max",
            "Longest time from handing a record to Kafka to its acknowledgement since start",
            metrics.maxSendMillis() / 1000)
        .counter("parkloop_ingest_kafka_send_failures_total",
            "Sends Kafka did not take (broker down, its log disk full, a timeout); each record is sent again",
            metrics.kafkaSendFailures())
        .gauge("parkloop_ingest_tcp_connections_open",
            "HJ 212 analysers connected over TCP", metrics.tcpConnectionsOpen())
        .gauge("parkloop_ingest_tcp_connections_held_back",
            "HJ 212 connections not read from until Kafka takes the packets they sent", metrics.tcpConnectionsHeldBack())
        .counter("parkloop_ingest_tcp_connections_refused_total",
            "HJ 212 TCP connections turned away because the server held its maximum",
            metrics.tcpConnectionsRefused())
        .counter("parkloop_ingest_hj212_replies_total",
            "HJ 212 replies sent to analysers after Kafka took their packets", metrics.hj212RepliesSent())
        .counter("parkloop_ingest_hj212_non_data_packets_total",
            "HJ 212 heartbeats, status and command packets, by CN", "cn", metrics.nonDataPacketsByCn());
  }

  /** Stops serving at once; a scrape in progress is cut off, the next one goes elsewhere or fails. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
